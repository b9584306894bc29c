"""The fact-coverage bench: the judge's packet hides which engine made a deck, the proxy marks
what it says, and scoring gives the numbers worked out by hand on invented ratings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import fact_coverage, review_score
from bench.splits import Passage

TEXTS = [
    ("Rollo was a Viking leader who founded Normandy in 911. His descendants ruled the duchy "
     "for more than a century, and Rouen became its capital.",
     (("Who founded Normandy?", "Rollo"), ("When was Normandy founded?", "911"),
      ("What city became the capital?", "Rouen"))),
    ("The Loire is the longest river in France. It flows for 1,006 kilometres from the Massif "
     "Central to the Atlantic Ocean near Saint-Nazaire.",
     (("What is the longest river in France?", "The Loire"),
      ("How long is the Loire?", "1,006 kilometres"))),
]


def passages() -> list[Passage]:
    return [Passage(f"squad:Invented:{n}", "squad", "dev", "Invented", text, refs)
            for n, (text, refs) in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def engine() -> Any:
    from agents.generation import build_engine

    return build_engine(None, None, encoder=None)


def test_packet_of_real_decks_is_blind(engine: Any, tmp_path: Path) -> None:
    chosen = [(p, 10) for p in passages()]
    made = {p.key: fact_coverage.deck(engine, p, 10) for p, _ in chosen}
    assert all(made.values()), "the real engine made no card for an invented passage"
    decks = {"zeta": made, "kappa": {k: v[:3] for k, v in made.items()}}
    rows, key = fact_coverage.blind(chosen, decks, seed=3)
    fact_coverage.write_packet(rows, key, tmp_path / "out", tmp_path / "keys/k.json",
                               {"engines": ["zeta", "kappa"], "decks": decks})
    shown = (tmp_path / "out/packet.md").read_text() + (tmp_path / "out/packet.jsonl").read_text()
    for leak in ("zeta", "kappa", "squad:", "review-", "invented:"):
        assert leak not in shown.lower()
    for _, refs in TEXTS:
        for question, answer in refs:
            assert question in shown and answer in shown
    card = made[passages()[0].key][0]
    assert card["question"] in shown
    # one line to fill per reference and deck; the key says which letter is which engine
    lines = [json.loads(x) for x in (tmp_path / "out/ratings.jsonl").read_text().splitlines()]
    assert len(lines) == 2 * 5 and {x["deck"] for x in lines} == {"A", "B"}
    sealed = json.loads((tmp_path / "keys/k.json").read_text())
    assert {tuple(sorted(e["decks"].values())) for e in sealed["passages"].values()} == {
        ("kappa", "zeta")}
    with pytest.raises(SystemExit):
        fact_coverage.write_packet(rows, key, tmp_path / "o2", tmp_path / "o2/k.json", {})


def test_deck_letters_are_drawn_per_passage() -> None:
    """Over seeds, which engine is deck A is chance, not the order engines were given."""
    chosen = [(p, 10) for p in passages()]
    decks: dict[str, dict[str, list[dict[str, Any]]]] = {
        n: {p.key: [] for p, _ in chosen} for n in ("before", "after")}
    first = [key[label]["decks"]["A"] for seed in range(40)
             for key in [fact_coverage.blind(chosen, decks, seed)[1]] for label in key]
    assert 20 < first.count("before") < 60


def test_proxy_marks() -> None:
    cards = [{"type": "qa", "question": "Who founded Normandy?", "answer": "Rollo",
              "choices": []},
             {"type": "mcq", "question": "Which river is the longest in France?",
              "answer": "the Loire river", "choices": ["the Loire river", "Seine", "Rhone"]},
             {"type": "tf", "question": "Rouen became the capital of the duchy.",
              "answer": "True", "choices": []},
             {"type": "tf", "question": "Paris became the capital of the duchy.",
              "answer": "False", "choices": []}]
    assert fact_coverage.proxy("Rollo", cards) == "yes"
    assert fact_coverage.proxy("The Loire", cards) == "partly"  # shares "loire"
    assert fact_coverage.proxy("Rouen", cards) == "partly"  # inside a true statement
    assert fact_coverage.proxy("Paris", cards) == "no"  # only in a false one
    assert fact_coverage.proxy("the 911", cards) == "no"


def key_of_two_engines() -> dict[str, Any]:
    """Two passages, two engines; in P01 before is deck A, in P02 it is deck B."""
    deck_a = [{"type": "qa", "question": "Who founded Normandy?", "answer": "Rollo",
               "choices": []}]
    return {
        "engines": ["before", "after"],
        "decks": {"before": {"p1": deck_a, "p2": []}, "after": {"p1": deck_a, "p2": deck_a}},
        "passages": {
            "P01": {"passage": "p1", "decks": {"A": "before", "B": "after"},
                    "references": {"r1": {"question": "Who?", "answer": "Rollo"},
                                   "r2": {"question": "When?", "answer": "911"}}},
            "P02": {"passage": "p2", "decks": {"A": "after", "B": "before"},
                    "references": {"r3": {"question": "Who?", "answer": "Rollo"},
                                   "r4": {"question": "What?", "answer": "Rouen"},
                                   "r5": {"question": "How long?", "answer": "1,006 km"},
                                   "r6": {"question": "Where?", "answer": "France"}}}}}


def write(path: Path, marks: dict[tuple[str, str], str]) -> Path:
    path.write_text("".join(json.dumps({"ref": r, "deck": d, "covered": m}) + "\n"
                            for (r, d), m in marks.items()))
    return path


def test_score_on_invented_ratings(tmp_path: Path) -> None:
    key = key_of_two_engines()
    judge = write(tmp_path / "j1.jsonl", {
        ("r1", "A"): "yes", ("r2", "A"): "no", ("r1", "B"): "yes", ("r2", "B"): "partly",
        ("r3", "A"): "yes", ("r4", "A"): "partly", ("r5", "A"): "no", ("r6", "A"): "no",
        ("r3", "B"): "no", ("r4", "B"): "no", ("r5", "B"): "no", ("r6", "B"): "no"})
    report = fact_coverage.score(key, [fact_coverage.read_marks(judge, key["passages"])])
    # before: P01 1/2 yes, 1/2 yes+partly; P02 0 and 0
    assert report["before"]["yes"]["mean"] == pytest.approx(0.25)
    assert report["before"]["yes_partly"]["mean"] == pytest.approx(0.25)
    # after: P01 1/2, 2/2; P02 1/4, 2/4
    assert report["after"]["yes"]["mean"] == pytest.approx(0.375)
    assert report["after"]["yes_partly"]["mean"] == pytest.approx(0.75)
    assert report["difference"]["yes_partly"]["mean"] == pytest.approx(0.5)
    # proxy: both engines' deck answers "Rollo" wherever they have it
    assert report["before"]["proxy_yes"]["mean"] == pytest.approx(0.25)
    assert report["after"]["proxy_yes"]["mean"] == pytest.approx((0.5 + 0.25) / 2)
    assert "0.375" in fact_coverage.format_report(report)


def test_two_judges_average_and_bad_marks(tmp_path: Path) -> None:
    key = key_of_two_engines()
    one = {(r, d): "yes" for r in ("r1", "r2") for d in "AB"} | {
        (r, d): "no" for r in ("r3", "r4", "r5", "r6") for d in "AB"}
    two = dict(one) | {("r1", "A"): "partly"}
    judges = [fact_coverage.read_marks(write(tmp_path / f"j{n}.jsonl", m), key["passages"])
              for n, m in ((1, one), (2, two))]
    report = fact_coverage.score(key, judges)
    # before's P01: r1 is yes for one judge and partly for the other → not "yes", but covered
    assert report["before"]["yes"]["mean"] == pytest.approx(0.25)
    assert report["before"]["yes_partly"]["mean"] == pytest.approx(0.5)
    bad = write(tmp_path / "bad.jsonl", {("r1", "A"): "maybe"})
    with pytest.raises(review_score.RatingsError):
        fact_coverage.read_marks(bad, key["passages"])
    stranger = write(tmp_path / "stranger.jsonl", {("r9", "A"): "yes"})
    with pytest.raises(review_score.RatingsError):
        fact_coverage.read_marks(stranger, key["passages"])


def test_decks_from_a_merged_card_review_key(tmp_path: Path) -> None:
    card = {"type": "qa", "question": "Who founded Normandy?", "answer": "Rollo"}
    items = {"c1": {"origin": "cardstream", "passage": "p1", "card": card,
                    "engines": ["after"]},
             "c2": {"origin": "cardstream", "passage": "p1",
                    "card": {**card, "answer": "Rouen"}, "engines": ["before", "after"]},
             "c3": {"origin": "human", "passage": "p1", "card": None}}
    path = tmp_path / "k.json"
    path.write_text(json.dumps({"items": items}))
    got = fact_coverage.decks_from_key(path, "before", ["p1"])
    assert got == {"p1": [{"type": "qa", "question": "Who founded Normandy?",
                           "answer": "Rouen", "choices": []}]}
    assert len(fact_coverage.decks_from_key(path, "after", ["p1"])["p1"]) == 2


def test_seen_draws_only_seen_squad_paragraphs() -> None:
    import argparse

    from bench import splits

    args = argparse.Namespace(from_key=None, exclude=[], seen=True, squad="subset", split="dev",
                              seed=9, paragraphs=5, cards=10)
    chosen, meta = fact_coverage.choose(args)
    seen = {p.key for p, _ in splits.seen() if p.corpus == "squad"}
    assert len(chosen) == 5 and {p.key for p, _ in chosen} <= seen
    assert all(p.questions and n == 10 for p, n in chosen) and meta["squad"] == "seen"
