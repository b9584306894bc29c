"""The optional generator fine-tune on a tiny GPT-2 built on the spot (no download)."""

from __future__ import annotations

import json
from pathlib import Path

from agents.generation.tiny import build_tiny_model
from retrainer import registry
from retrainer.config import GeneratorConfig, RetrainConfig
from retrainer.dataset import DataConfig, build_dataset
from retrainer.generator import GENERATOR_ARTIFACT, finetune_generator, generator_pairs
from retrainer.simulation import SimulatedUsers, simulated_examples

SQUAD = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"


def test_generator_is_fine_tuned_on_liked_cards_and_registered(tmp_path: Path):
    paragraphs = json.loads(SQUAD.read_text())["paragraphs"][:12]
    docs = [(f"u{i}", p["context"]) for i, p in enumerate(paragraphs)]
    data = build_dataset(simulated_examples(docs, SimulatedUsers(seed=1, noise=0.0)),
                         DataConfig(validation_fraction=0.3))
    cfg = GeneratorConfig(steps=40, learning_rate=3e-3, batch_size=8)
    pairs = generator_pairs(data.train, cfg)
    assert pairs and all(prompt.endswith("Q:") and " A: " in target for prompt, target in pairs)
    base = build_tiny_model(tmp_path / "gpt", [p + t for p, t in pairs])

    client = registry.client_for(f"sqlite:///{tmp_path}/mlflow.db")
    run_id = registry.start_run(client, "generator-test", "gen", {},
                                artifact_location=str(tmp_path / "artifacts"))
    config = RetrainConfig(generator=cfg, generator_path=str(base))
    version = finetune_generator(client, run_id, data, config)
    registry.end_run(client, run_id, ok=True)

    assert version == "1"
    metrics = client.get_run(run_id).data.metrics
    assert metrics["gen_val_loss_after"] < metrics["gen_val_loss_before"]
    assert metrics["gen_last_loss"] < metrics["gen_first_loss"]
    (row,) = registry.list_versions(client, cfg.registered_name)
    assert row["aliases"] == ["challenger"] and row["source"].endswith(GENERATOR_ARTIFACT)
    files = {f.path.rsplit("/", 1)[-1] for f in client.list_artifacts(run_id, GENERATOR_ARTIFACT)}
    assert "model.safetensors" in files and not any(f.endswith((".bin", ".pkl")) for f in files)


def test_too_few_liked_cards_skip_the_generator(tmp_path: Path):
    paragraphs = json.loads(SQUAD.read_text())["paragraphs"][:6]
    docs = [(f"u{i}", p["context"]) for i, p in enumerate(paragraphs)]
    data = build_dataset(simulated_examples(docs, SimulatedUsers(seed=1, noise=0.0)),
                         DataConfig(validation_fraction=0.3))
    client = registry.client_for(f"sqlite:///{tmp_path}/mlflow.db")
    run_id = registry.start_run(client, "generator-test", "gen", {},
                                artifact_location=str(tmp_path / "artifacts"))
    config = RetrainConfig(generator=GeneratorConfig(min_examples=10_000),
                           generator_path=str(tmp_path / "unused"))
    assert finetune_generator(client, run_id, data, config) is None
    assert client.get_run(run_id).data.tags["generator"].startswith("skipped")
