"""The registered scorer is an MLflow Model: pyfunc.load_model on its alias scores cards, and the
workers' own loader reads the same registered folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from agents.scoring import LearnedRater, QualityModel, ScorerConfig, load_rater
from retrainer import registry
from retrainer.pyfunc import EXAMPLE, log_scorer

NAME = "pyfunc-scorer-under-test"


@pytest.fixture
def registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, LearnedRater]:
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    # pyfunc.load_model resolves models:/ against the process-wide registry URI
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    monkeypatch.setenv("MLFLOW_REGISTRY_URI", uri)
    client = registry.client_for(uri)
    rater = LearnedRater(QualityModel.from_encoder(ScorerConfig(prior=0.6)), version="test")
    run_id = registry.start_run(client, "pyfunc-test", "train", {},
                                artifact_location=str(tmp_path / "artifacts"))
    log_scorer(client, run_id, rater.save(tmp_path / "scorer"), registry.SCORER_ARTIFACT)
    registry.end_run(client, run_id, ok=True)
    version = registry.register(client, NAME, run_id, registry.SCORER_ARTIFACT, {})
    client.set_registered_model_alias(NAME, registry.CHAMPION, version)
    return uri, rater


def test_pyfunc_load_model_on_the_champion_scores_a_card(registered):
    import mlflow.pyfunc

    uri, rater = registered
    model = mlflow.pyfunc.load_model(f"models:/{NAME}@champion")
    meta = model.metadata
    assert meta.signature is not None and "question" in meta.signature.inputs.input_names()
    assert meta.saved_input_example_info is not None
    cards = pd.concat([EXAMPLE, EXAMPLE.assign(answer="True", type="tf",
                                               question="ATP is made in the nucleus.")])
    scores = list(model.predict(cards))
    assert len(scores) == 2 and all(0.0 <= s <= 1.0 for s in scores)
    # the same model the workers load from the registry
    served = load_rater(f"models:/{NAME}@champion", uri)
    assert served.version == "1"
    assert scores[0] == pytest.approx(rater.predict(
        [EXAMPLE.source[0]], [served_card()])[0], abs=1e-5)


def served_card():  # type: ignore[no-untyped-def]
    from schemas.events import Card

    row = EXAMPLE.iloc[0]
    return Card(card_id="row-0", type="qa", question=row.question, answer=row.answer,
                language="en")
