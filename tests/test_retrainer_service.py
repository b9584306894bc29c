"""A retraining end to end: real MiniLM fine-tuning, real MLflow on sqlite, the gate.

One module-scoped good training becomes the champion; a challenger trained on shuffled labels
must then lose to it on the same validation documents and not be announced.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from agents.scoring import load_rater
from retrainer import registry
from retrainer.config import RetrainConfig, SearchConfig
from retrainer.dataset import DataConfig, TrainingExample, build_dataset
from retrainer.service import TrainingOutcome, answer_for, run_training
from retrainer.simulation import SimulatedUsers, simulated_examples
from schemas.events import RetrainRequest

SQUAD = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"
NAME = "scorer-e2e"
# one learning rate, two epochs, tens of examples: the whole loop in well under a minute
TINY = RetrainConfig(
    data=DataConfig(validation_fraction=0.3, min_train=8, min_validation=4),
    search=SearchConfig(learning_rates=(3e-4,), max_epochs=2),
)


def examples(documents: int = 8) -> list[TrainingExample]:
    """Simulated feedback on cards from an engine without a heuristic score (all 0.5): a
    handful of training steps cannot out-rank the simulation's hand-written heuristic on four
    validation documents, and the gate would rightly refuse; that case is the bench's."""
    paragraphs = json.loads(SQUAD.read_text())["paragraphs"][:documents]
    docs = [(f"upload-{i}", ". ".join(p["context"].split(". ")[:3]))
            for i, p in enumerate(paragraphs)]
    rated = simulated_examples(docs, SimulatedUsers(seed=0, noise=0.0))
    return [replace(e, card=e.card.model_copy(update={"quality_score": 0.5})) for e in rated]


def request(n: int) -> RetrainRequest:
    return RetrainRequest(request_id=f"req-{n}", trigger="manual", reason="test")


@pytest.fixture(scope="module")
def mlflow_home(tmp_path_factory) -> tuple[str, str]:
    home = tmp_path_factory.mktemp("mlflow")
    return f"sqlite:///{home}/mlflow.db", str(home / "artifacts")


@pytest.fixture(scope="module")
def champion(mlflow_home) -> TrainingOutcome:
    uri, artifacts = mlflow_home
    outcome = run_training(examples(), request(1), TINY, uri, NAME, artifact_location=artifacts)
    return outcome


def test_a_good_model_is_announced_with_lineage(champion: TrainingOutcome, mlflow_home):
    uri, _ = mlflow_home
    assert champion.blessed, champion.reason
    assert "baseline" in champion.reason  # the first model is judged against the baseline
    note = champion.announcement
    assert note is not None and note.version == champion.version == "1"
    assert (note.action, note.alias, note.rollout_percent) == ("announced", "challenger", 10)
    assert note.uri == f"models:/{NAME}/1" and note.run_id == champion.run_id
    assert note.metrics["val_mse"] < note.metrics["ref_mse"]
    assert champion.seconds < 300  # the announcement budget

    client = registry.client_for(uri)
    (row,) = registry.list_versions(client, NAME)
    assert row["aliases"] == ["challenger"] and row["tags"]["rollout_percent"] == "10"
    assert row["run_id"] == champion.run_id and "val_selected_rating" in row["metrics"]
    run = client.get_run(champion.run_id)
    assert run.info.status == "FINISHED" and run.data.tags["blessed"] == "true"
    assert run.data.params["search.learning_rates"] == "(0.0003,)"
    assert run.data.params["best_learning_rate"] == "0.0003"
    # one validation loss per epoch from the untrained start on (early stopping may end it)
    steps = [m.step for m in client.get_metric_history(champion.run_id, "val_loss")]
    assert len(steps) >= 2 and steps == list(range(len(steps)))
    # each search trial is a finished child run of the training run
    children = client.search_runs([run.info.experiment_id],
                                  f"tags.mlflow.parentRunId = '{champion.run_id}'")
    assert len(children) == len(TINY.search.learning_rates)
    assert all(c.info.status == "FINISHED" and "val_loss" in c.data.metrics for c in children)
    assert children[0].data.params["learning_rate"] == "0.0003"
    assert run.data.tags["outcome"] == "announced"
    artifacts = {f.path for f in client.list_artifacts(champion.run_id)}
    assert {"config.json", "search.json", "data", "scorer"} <= artifacts
    lineage = json.loads(Path(client.download_artifacts(champion.run_id, "data/lineage.json"))
                         .read_text())
    assert champion.stats is not None
    assert len(lineage["train"]) == champion.stats.train
    assert lineage["data_hash"] == run.data.tags["data_hash"] == champion.stats.data_hash

    rater = load_rater(f"models:/{NAME}@challenger", tracking_uri=uri)
    assert (rater.name, rater.version) == (NAME, "1")


def test_a_challenger_on_shuffled_labels_is_not_announced(champion: TrainingOutcome,
                                                          mlflow_home):
    uri, artifacts = mlflow_home
    client = registry.client_for(uri)
    registry.promote(client, NAME, "1")
    # shuffle the ratings of the training documents only: the validation documents keep the
    # users' true ratings, so it is a bad model judged fairly, not a fair model judged on noise
    good = examples()
    held_out = {item.group for item in build_dataset(good, TINY.data).validation}
    train = [i for i, e in enumerate(good) if f"upload:{e.upload_id}" not in held_out]
    ratings = [good[i].rating for i in train]
    random.Random(0).shuffle(ratings)
    shuffled = list(good)
    for i, rating in zip(train, ratings, strict=True):
        shuffled[i] = replace(good[i], rating=rating)

    outcome = run_training(shuffled, request(2), TINY, uri, NAME, artifact_location=artifacts)

    assert not outcome.blessed and outcome.announcement is None and outcome.version is None
    assert "champion 1" in outcome.reason
    assert outcome.metrics["val_mse"] > outcome.metrics["ref_mse"] * 0.99
    run = client.get_run(outcome.run_id)
    assert run.data.tags["blessed"] == "false" and run.data.tags["gate_reason"] == outcome.reason
    assert [row["version"] for row in registry.list_versions(client, NAME)] == ["1"]
    assert registry.alias_version(client, NAME, registry.CHAMPION) == "1"
    assert outcome.status == "rejected" and run.data.tags["outcome"] == "rejected"
    answer = answer_for(request(2), outcome)
    assert (answer.action, answer.run_id, answer.request_id) == ("rejected", outcome.run_id,
                                                                 request(2).request_id)


def test_too_little_feedback_is_its_own_outcome_with_a_finished_run(mlflow_home):
    """Not enough ratings is not a failure (no alert), but it is visible: a run says why."""
    uri, artifacts = mlflow_home
    outcome = run_training(examples()[:5], request(3), TINY, uri, NAME,
                           artifact_location=artifacts)
    assert outcome.status == "insufficient_data" and outcome.announcement is None
    run = registry.client_for(uri).get_run(outcome.run_id)
    assert run.info.status == "FINISHED"
    assert run.data.tags["outcome"] == "insufficient_data"
    assert run.data.tags["reason"] == outcome.reason
    answer = answer_for(request(3), outcome)
    assert answer.action == "insufficient_data" and answer.request_id == request(3).request_id
