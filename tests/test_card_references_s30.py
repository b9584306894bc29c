"""bench.card_references counted served cards only, so a rule's effect on a card the engine
made but did not serve, and reviewers still rated (the exploration share, ``"explore": true``;
session 29's two target cards were such cards), was invisible. ``--explored`` reads them too
and reports them in a table of their own; served counts stay as they were. Synthetic rated-card
files and invented text, real spaCy pipeline."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench import card_references

PAGE = ("The Harlow Canal was dug by hand between 1821 and 1830. It linked the salt works at "
        "Brenton to the river port of Esk. The canal closed to barges in 1902.")


def _card(question: str, answer: str) -> dict:
    return {"type": "qa", "question": question, "answer": answer, "choices": None,
            "source_sentence": "The canal closed to barges in 1902.", "language": "en"}


SERVED = _card("When did the canal close to barges?", "1902")
EXPLORED = _card("What closed to barges in 1902?", "The canal")


def _files(tmp_path: Path) -> None:
    """One early review file (its rows read as written) and one merged packet (its key and
    two reviewers' ratings), each with a served and an explored card."""
    rows = [{"passage": "p:1", "card": SERVED, "keep": True, "defects": []},
            {"passage": "p:1", "card": EXPLORED, "keep": False, "defects": ["missing-context"],
             "explore": True, "form": "qa:what"}]
    (tmp_path / "card_reviews_s5.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "reviews").mkdir()
    key = {"items": {"a1": {"origin": "cardstream", "passage": "p:1", "card": SERVED},
                     "a2": {"origin": "explore", "passage": "p:1", "card": EXPLORED},
                     "a3": {"origin": "human", "passage": "p:1", "card": SERVED}}}
    (tmp_path / "reviews" / "s40-both.key.json").write_text(json.dumps(key), encoding="utf-8")
    for rater, keeps in (("r40a", (True, False, True)), ("r40b", (True, False, True))):
        (tmp_path / "reviews" / f"{rater}.jsonl").write_text("".join(
            json.dumps({"item": item, "keep": k, "tags": []}) + "\n"
            for item, k in zip(("a1", "a2", "a3"), keeps, strict=True)), encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _files(tmp_path)
    monkeypatch.setattr(card_references, "DATA", tmp_path)
    monkeypatch.setattr(card_references, "_S12", {"s40-both": ["r40a", "r40b"]})
    return tmp_path


def test_served_cards_only_by_default(data: Path) -> None:
    rows = card_references.rated_cards()
    assert [(r["card"]["question"], r["keep"]) for r in rows] == [
        (SERVED["question"], True), (SERVED["question"], True)]
    assert not any(r["explore"] for r in rows)


def test_explored_cards_read_and_flagged(data: Path) -> None:
    rows = card_references.rated_cards(explored=True)
    explored = [r for r in rows if r["explore"]]
    assert len(rows) == 4  # the human-written item is never read
    assert [(r["card"]["question"], r["keep"]) for r in explored] == [
        (EXPLORED["question"], False), (EXPLORED["question"], False)]
    assert explored[0]["context"]  # the early file's defects are read for explored rows too


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         *flags: str) -> str:
    monkeypatch.setattr(card_references, "passages", lambda: {"p:1": PAGE})
    monkeypatch.setattr(card_references, "titles", lambda: {"p:1": None})
    monkeypatch.setattr(sys, "argv", ["card_references", *flags])
    card_references.main()
    return capsys.readouterr().out


def test_explored_reported_apart(data: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    served = _run(monkeypatch, capsys)
    both = _run(monkeypatch, capsys, "--explored")
    assert served.count("rated cards read: 2 (skipped 0)") == 1
    assert "explored" not in served
    head, _, tail = both.partition("explored cards (made by the engine, not served):")
    assert head.strip() == served.strip()  # the served table is unchanged
    assert tail.splitlines()[1] == "rated cards read: 2 (skipped 0)"
    # both explored cards were rejected, one of them tagged missing-context by its reviewers
    assert "qa: rejected cards tagged missing-context by most reviewers: 1" in tail
