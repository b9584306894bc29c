"""The second held-out SQuAD file (session 20): SQuAD v1.1 dev articles that no other SQuAD
file of the project holds, read as TEST throughout, with keys no other file can give.

These tests check the file without printing any of it: its paragraphs are held out for blind
reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import card_review, splits
from bench.splits import SQUAD, SQUAD_HELDOUT, SQUAD_HELDOUT2, squad


def _paragraphs(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["paragraphs"]


def test_the_second_held_out_file_is_test_throughout_and_shares_nothing() -> None:
    held2 = squad("test", SQUAD_HELDOUT2)
    assert not squad("dev", SQUAD_HELDOUT2)
    assert len(held2) > 1000 and all(p.questions for p in held2)
    others = squad("dev") + squad("test") + squad("test", SQUAD_HELDOUT)
    assert {p.title for p in others}.isdisjoint({p.title for p in held2})
    assert {p.text for p in others}.isdisjoint({p.text for p in held2})
    keys = [p.key for p in held2]
    assert len(set(keys)) == len(keys) and set(keys).isdisjoint(p.key for p in others)


def test_every_answer_of_the_second_held_out_file_occurs_in_its_context() -> None:
    doc = json.loads(SQUAD_HELDOUT2.read_text(encoding="utf-8"))
    assert doc["license"].startswith("CC BY-SA 4.0") and "commit" in doc["source"]
    assert set(doc) == set(json.loads(SQUAD_HELDOUT.read_text(encoding="utf-8")))
    questions = [(p["context"], q) for p in doc["paragraphs"] for q in p["questions"]]
    assert len(questions) > 7000
    assert all(q["question"].strip() and q["answers"] for _, q in questions)
    assert all(a in context for context, q in questions for a in q["answers"])
    assert all(len(set(q["answers"])) == len(q["answers"]) for _, q in questions)


def test_a_held_out_squad_file_that_shares_an_article_is_refused(tmp_path: Path) -> None:
    # a fourth file with one of squad_heldout's articles: "squad:<article>:0" would then name
    # two different paragraphs, and an --exclude of an earlier packet would skip the wrong one
    shared = _paragraphs(SQUAD_HELDOUT)[0]["title"]
    path = tmp_path / "squad_more.json"
    path.write_text(json.dumps({"paragraphs": [
        {"title": shared, "context": "Some text about it.", "questions": [
            {"question": "What is it about?", "answers": ["it"]}]}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="collide"):
        squad("test", path)
    fresh = tmp_path / "squad_fresh.json"
    fresh.write_text(path.read_text(encoding="utf-8").replace(shared, "No_such_article"),
                     encoding="utf-8")
    assert [p.key for p in squad("test", fresh)] == ["squad:No_such_article:0"]


def test_the_review_tools_draw_from_the_second_held_out_file() -> None:
    assert splits.SQUADS["heldout2"] == SQUAD_HELDOUT2 and SQUAD != SQUAD_HELDOUT2
    picked = card_review.pick("test", 3, 0, seed=5, squad_file="heldout2")
    assert len(picked) == 3 and all(p.split == "test" and p.questions for p in picked)
    titles = {p["title"] for p in _paragraphs(SQUAD_HELDOUT)}
    assert titles.isdisjoint(p.title for p in picked)
    again = card_review.pick("test", 3, 0, seed=5, squad_file="heldout2",
                             exclude=frozenset(p.key for p in picked))
    assert {p.key for p in picked}.isdisjoint(p.key for p in again)
