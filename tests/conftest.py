"""Shared fixtures. Integration fixtures are factories over the real embedded stack: Tansu,
a real worker process, real Tesseract; topics and groups get random names per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLES = REPO / "cardstream" / "samples"


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from streams.settings import Settings

    tag = uuid.uuid4().hex[:8]
    run_dir = tmp_path_factory.mktemp("stack")
    return Settings(
        run_dir=run_dir, topic_prefix=f"t{tag}-", app_id=f"cardstream-test-{tag}", partitions=2,
        ocr_workers=2, feedback_threshold=20, quality_threshold=0.8, rollout_min_samples=10,
        retrain_fast=True,
        # durability is proven in tests/integration/test_restart.py; the rest stays in memory
        ephemeral=True,
    )


@pytest.fixture(scope="session")
def stack(stack_settings):  # type: ignore[no-untyped-def]
    from cardstream.stack import Stack

    with Stack(stack_settings, with_retrainer=True) as running:
        yield running


@pytest.fixture()
def client(stack, stack_settings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from cardstream import bootstrap

    made = bootstrap.client(stack_settings)
    yield made
    made.close()


@pytest.fixture()
def scorer_version(tmp_path: Path) -> Callable[[Any, str, float], str]:
    """A factory: ``scorer_version(client, name, val_mse)`` registers a new version of model
    ``name`` in the MLflow ``client``'s registry as the retrainer does (a finished run with a
    scorer folder logged and its validation MSE), with artifacts in tmp_path; its number."""
    from retrainer import registry

    def make(client: Any, name: str, val_mse: float) -> str:
        run_id = registry.start_run(client, "registry-test", "run", {"k": "v"},
                                    artifact_location=str(tmp_path / "artifacts"))
        folder = tmp_path / f"model-{run_id}"
        folder.mkdir()
        (folder / "scorer.json").write_text("{}")
        registry.log_folder(client, run_id, folder, registry.SCORER_ARTIFACT)
        registry.log_values(client, run_id, metrics={"val_mse": val_mse, "train_loss": 1.0})
        registry.end_run(client, run_id, ok=True)
        return registry.register(client, name, run_id, registry.SCORER_ARTIFACT,
                                 {"blessed": "true"})

    return make


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English spaCy pipeline the card engine uses, loaded once for the session."""
    from agents.generation.nlp import pipeline

    found = pipeline("en")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def encoder() -> Iterator[object]:
    """MiniLM as the card engine uses it (options and giveaways by meaning), loaded once."""
    from agents.encoder import shared_encoder

    yield shared_encoder()
