"""The learned scorer: predictions, the pickle-free folder, and loading from MLflow."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import torch

from agents.exceptions import ModelLoadError
from agents.scoring import LearnedRater, QualityModel, ScorerConfig, load_rater
from retrainer import registry
from schemas.events import Card

SOURCE = "Rollo, a Viking leader, swore fealty to King Charles III of West Francia in 911."


def card(question: str, answer: str, card_type: str = "qa", **extra) -> Card:
    return Card(card_id=f"c-{question}-{answer}", type=card_type, question=question,
                answer=answer, **extra)


CARDS = [
    card("Who agreed to swear fealty to Charles III?", "Rollo"),
    card("In which year did Rollo swear fealty?", "911"),
    card("_____ agreed to swear fealty.", "Rollo, a Viking leader", "cloze"),
    card("Which king?", "Charles III", "mcq", choices=["Charles III", "Louis I", "Otto I"]),
]


@pytest.fixture(scope="module")
def rater() -> LearnedRater:
    torch.manual_seed(0)
    return LearnedRater(QualityModel.from_encoder(ScorerConfig(prior=0.6)), version="test")


def test_predictions_are_qualities_and_batch_independent(rater: LearnedRater):
    scores = rater.predict([SOURCE] * len(CARDS), CARDS)
    assert len(scores) == len(CARDS) and all(0.0 < s < 1.0 for s in scores)
    one_by_one = [rater.predict([SOURCE], [c])[0] for c in CARDS]
    assert one_by_one == pytest.approx(scores, abs=1e-5)
    # an empty source falls back to the card's own source sentence
    with_sentence = card("Who?", "Rollo", source_sentence=SOURCE)
    expected = rater.predict([SOURCE], [with_sentence])
    assert rater.predict([""], [with_sentence]) == pytest.approx(expected)
    assert rater.predict([], []) == []
    with pytest.raises(ValueError):
        rater.predict([SOURCE], CARDS)


def test_predict_is_thread_safe(rater: LearnedRater):
    expected = rater.predict([SOURCE] * len(CARDS), CARDS)
    results: list[list[float]] = []
    threads = [
        threading.Thread(target=lambda: results.append(rater.predict([SOURCE] * 4, CARDS)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    for got in results:
        assert got == pytest.approx(expected, abs=1e-5)


def test_folder_round_trip_is_pickle_free(rater: LearnedRater, tmp_path: Path):
    folder = rater.save(tmp_path / "scorer", {"note": "round trip"})
    suffixes = {p.suffix for p in folder.rglob("*") if p.is_file()}
    assert suffixes <= {".json", ".safetensors", ".txt"}, suffixes
    loaded = load_rater(str(folder))
    assert (loaded.name, loaded.version) == (rater.name, "test")
    assert loaded.predict([SOURCE] * 4, CARDS) == pytest.approx(
        rater.predict([SOURCE] * 4, CARDS), abs=1e-5
    )


def test_load_failures_are_model_load_errors(rater: LearnedRater, tmp_path: Path):
    with pytest.raises(ModelLoadError, match="no scorer folder"):
        load_rater(str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelLoadError, match="not a quality scorer"):
        load_rater(str(tmp_path / "empty"))
    folder = rater.save(tmp_path / "broken")
    (folder / "head.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ModelLoadError, match="head"):
        load_rater(str(folder))
    (folder / "scorer.json").write_text("{not json")
    with pytest.raises(ModelLoadError, match="not a scorer folder"):
        load_rater(str(folder))
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    with pytest.raises(ModelLoadError, match="cannot download"):
        load_rater("models:/no-such-model@champion", tracking_uri=uri)
    with pytest.raises(ModelLoadError, match="cannot download"):
        load_rater("models:/no-such-model/3", tracking_uri=uri)


def test_load_from_mlflow_alias_and_run(rater: LearnedRater, tmp_path: Path):
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    client = registry.client_for(uri)
    run_id = registry.start_run(client, "scoring-test", "save", {},
                                artifact_location=str(tmp_path / "artifacts"))
    registry.log_folder(client, run_id, rater.save(tmp_path / "scorer"), "scorer")
    registry.end_run(client, run_id, ok=True)
    version = registry.register(client, "scorer", run_id, "scorer", tags={})
    registry.announce(client, "scorer", version, 10)

    by_alias = load_rater("models:/scorer@challenger", tracking_uri=uri)
    assert by_alias.version == version == "1"
    expected = rater.predict([SOURCE] * 4, CARDS)
    assert by_alias.predict([SOURCE] * 4, CARDS) == pytest.approx(expected, abs=1e-5)
    by_run = load_rater(f"runs:/{run_id}/scorer", tracking_uri=uri)
    assert by_run.version == f"run-{run_id}"
    assert by_run.predict([SOURCE], CARDS[:1]) == pytest.approx(expected[:1], abs=1e-5)


def test_the_rule_engine_ranks_with_the_rater(rater: LearnedRater):
    from agents.generation import GenerationRequest, RuleEngine

    text = (
        "The Normans were the people who in the 10th and 11th centuries gave their name to "
        "Normandy, a region in France. They were descended from Norse raiders and pirates from "
        "Denmark, Iceland and Norway. Under their leader Rollo, they agreed to swear fealty to "
        "King Charles III of West Francia."
    )
    request = GenerationRequest(text=text, upload_id="u1", num_cards=4)
    result = RuleEngine().generate(request, rater=rater)
    assert result.cards
    assert not any("failed" in note for note in result.notes), result.notes
