"""The blind review's declared exploration share (``bench.card_review build --explore``): cards
the engine made but did not serve, blind in the packet, marked in the sealed key, scored apart,
carried by ``merge``, and training rows flagged for the keep model."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import pytest

from agents.generation import GenerationRequest
from agents.generation.cards import Candidate
from agents.generation.quality import QualityScorer, Scored
from agents.generation.rules import RuleEngine
from bench import card_review, keep_data, keep_model, review_score
from bench.card_review import EXPLORE
from bench.splits import Passage
from schemas.events import Card

TEXTS = (
    "The Treaty of Verdun was signed in 843 by the three grandsons of Charlemagne. Lothair "
    "received the middle kingdom, which stretched from the North Sea to Italy. Louis the German "
    "took the lands east of the Rhine, and Charles the Bald took the western lands. The division "
    "laid the foundations of France and Germany. Lothair died in 855 at the abbey of Prüm.",
    "Marie Curie was born in Warsaw in 1867. She moved to Paris in 1891 to study physics at the "
    "Sorbonne. With Pierre Curie she discovered polonium and radium in 1898. Marie Curie was the "
    "first woman to win a Nobel Prize, in 1903. In 1911 she won a second Nobel Prize, in "
    "chemistry, for her work on radium.",
)


def passages() -> list[Passage]:
    return [Passage(f"squad:T:{n}", "squad", "dev", "T", text,
                    (("Who signed it?", "the grandsons"), ("When was it?", "843")))
            for n, text in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def engine() -> RuleEngine:
    return RuleEngine(encoder=None)


def _packet(items: list[dict[str, Any]], seed: int, where: Path) -> tuple[list[str], dict]:
    rows, key = card_review.blind(items, seed)
    card_review.write_packet(rows, key, where / "out", where / "key.json", {})
    return (where / "out/packet.jsonl").read_text(encoding="utf-8").splitlines(), key


def test_exploration_cards_are_in_the_key_only_and_the_rest_is_unchanged(
        engine: RuleEngine, tmp_path: Path) -> None:
    texts = passages()
    before = [engine.generate(GenerationRequest(p.text, f"review-{p.key}", 8)).cards
              for p in texts]
    explored = card_review.make_items(engine, texts, seed=3, explore=2)
    plain = card_review.make_items(engine, texts, seed=3)
    extra = [i for i in explored if i["origin"] == EXPLORE]
    assert 1 <= len(extra) <= 2 * len(texts)
    served = {(i["type"], i["question"], i["answer"]) for i in plain if i["origin"] == "cardstream"}
    # cards the engine made and did not serve, each with the P(keep) it gave them
    assert all((i["type"], i["question"], i["answer"]) not in served for i in extra)
    assert all("keep" in i["card"]["quality"] and i["explore"]["form"] for i in extra)
    # listing the unserved candidates is read-only: the decks are what they were
    after = [engine.generate(GenerationRequest(p.text, f"review-{p.key}", 8)).cards
             for p in texts]
    assert [[c.model_dump() for c in d] for d in before] == \
        [[c.model_dump() for c in d] for d in after]

    lines_x, key_x = _packet(explored, 3, tmp_path / "x")
    lines_0, key_0 = _packet(plain, 3, tmp_path / "0")
    rows = [json.loads(line) for line in lines_x]
    # blind: every row has the same fields, the mark and the P(keep) are in the key only
    assert {tuple(sorted(r)) for r in rows} == {tuple(sorted(card_review.PACKET_FIELDS))}
    shown = "\n".join(lines_x) + (tmp_path / "x/out/packet.md").read_text(encoding="utf-8")
    assert "explore" not in shown.lower()
    assert not any(word in "\n".join(lines_x) for word in ("quality", "form", "role:", "tf:"))
    marked = {i for i, v in key_x.items() if v["origin"] == EXPLORE}
    assert len(marked) == len(extra)
    assert all(key_x[i]["explore"]["form"] == card_review.form(key_x[i]["card"]) for i in marked)
    # the packet less the exploration rows is, byte for byte, the packet built without them
    assert [line for line, r in zip(lines_x, rows, strict=True) if r["item"] not in marked] \
        == lines_0
    assert {i: v for i, v in key_x.items() if i not in marked} == key_0


def test_without_explore_the_packet_is_the_one_main_built() -> None:
    """Same seed, same bytes: the hashes of FixedEngine's packet as ac5132f (before the
    exploration share) wrote it, once the passage titles shown since session 22 are taken out
    (the "title" field of packet.jsonl, the "*Title: …*" line of packet.md)."""
    from tests.test_card_review import FixedEngine
    from tests.test_card_review import passages as fixed_passages

    items = card_review.make_items(FixedEngine(), fixed_passages(), seed=4)
    assert card_review.make_items(FixedEngine(), fixed_passages(), seed=4, explore=0) == items
    rows, key = card_review.blind(items, seed=4)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        card_review.write_packet(rows, key, Path(tmp) / "p", Path(tmp) / "k.json", {})
        files = {f: (Path(tmp) / "p" / f).read_text(encoding="utf-8")
                 for f in ("packet.jsonl", "packet.md", "ratings.jsonl")}
    lines = [json.loads(line) for line in files["packet.jsonl"].splitlines()]
    assert {line.pop("title") for line in lines} == {"T"}
    files["packet.jsonl"] = "".join(json.dumps(line, ensure_ascii=False) + "\n"
                                    for line in lines)
    assert files["packet.md"].count("*Title: T*\n\n") == len({r["passage"] for r in rows})
    files["packet.md"] = files["packet.md"].replace("*Title: T*\n\n", "")
    digest = {f: hashlib.sha256(text.encode()).hexdigest() for f, text in files.items()}
    assert digest == {
        "packet.jsonl": "d353c673eff22f3855fda555aac0c6d91c5977380556321bbde20ed200777a11",
        "packet.md": "09fb088a23063520c7cc3f83dabf5141a6da833b77c4f4a7eb8ee4ae86cd7e7a",
        "ratings.jsonl": "da3b6cb3cc563c79f3e0cb2acb93c938b948b2cb89c5f5dad26b57c040f4e2c2"}


class ListedEngine:
    """A seam for the choice of exploration cards: a deck and its scored candidates given."""

    name = "listed"

    def __init__(self, served: list[Scored], unserved: list[Scored]) -> None:
        self.scorer = QualityScorer(None, keep_model=None)
        self.served, self.unserved = served, unserved

    def scored(self, request: GenerationRequest) -> tuple[list[Scored], str]:
        return [*self.served, *self.unserved], "en"

    def cards(self) -> list[Card]:
        return [Card(card_id=str(n), type=s.candidate.type, question=s.candidate.question,
                     answer=s.candidate.answer, choices=s.candidate.choices)
                for n, s in enumerate(self.served)]


def scored(kind: str, question: str, answer: str, keep: float, tags: tuple[str, ...] = (),
           soundness: float = 1.0, source: str = "") -> Scored:
    cand = Candidate(kind, question, answer, source or f"{question} {answer}.", tags=list(tags))
    return Scored(cand, {"keep": keep, "soundness": soundness}, 0.8)


def test_forms_the_decks_never_serve_come_first_then_the_best_p_keep() -> None:
    engine = ListedEngine(
        [scored("qa", "What did Lothair receive?", "the middle kingdom", 0.8)],
        [scored("qa", "What did Louis take?", "the lands east of the Rhine", 0.9),
         scored("qa", "Who took the western lands?", "Charles the Bald", 0.3,
                ("role:subject",)),
         scored("tf", "True or false: Louis signed the treaty.", "False", 0.1,
                ("tf:false", "tf:name")),
         scored("mcq", "Where did Lothair die?", "Prüm", 0.99, soundness=0.0),  # gated
         scored("qa", "What did Lothair receive?", "the middle kingdom", 0.7)])  # served's fact
    passage = passages()[0]
    request = GenerationRequest(passage.text, "review-x", 1)
    deck = [(passage, request, engine.cards())]
    served = card_review.Counter({"qa:what": 5})
    picks = card_review.explore_items(engine, deck, 3, served)
    assert [(p["explore"]["form"], p["answer"]) for p in picks] == [
        ("qa:who", "Charles the Bald"), ("tf:false:name", "False"),
        ("qa:what", "the lands east of the Rhine")]
    assert [p["explore"]["served_before"] for p in picks] == [0, 0, 5]
    assert card_review.explore_items(engine, deck, 1, served)[0]["answer"] == "Charles the Bald"
    with pytest.raises(SystemExit, match="cannot list its unserved"):
        card_review.explore_items(object(), deck, 1, served)


def card(kind: str, question: str, answer: str = "x", tags: tuple[str, ...] = ()) -> dict:
    return {"type": kind, "question": question, "answer": answer, "tags": [kind, *tags],
            "source_sentence": f"{question} {answer}.", "language": "en"}


SERVED = {
    "h1": {"origin": "human", "type": "qa", "corpus": "squad", "passage": "p1", "card": None},
    "h2": {"origin": "human", "type": "qa", "corpus": "squad", "passage": "p2", "card": None},
    "c1": {"origin": "cardstream", "type": "qa", "corpus": "squad", "passage": "p1",
           "card": card("qa", "Who won the war?", "Rome")},
    "c2": {"origin": "cardstream", "type": "cloze", "corpus": "squad", "passage": "p2",
           "card": card("cloze", "_____ won the war.", "Rome")},
}
EXPLORED = {
    f"x{n}": {"origin": EXPLORE, "type": c["type"], "corpus": "squad", "passage": "p1",
              "card": c, "explore": {"form": card_review.form(c), "keep": k}}
    for n, (c, k) in enumerate((
        (card("qa", "Who signed the treaty?"), 0.2),
        (card("qa", "Who led the army?"), 0.3),
        (card("qa", "Who built the walls?"), 0.4),
        (card("tf", "True or false: Rome lost.", "False", ("tf:false", "tf:name")), 0.1)), 1)
}
# item: keep of reviewers A and B
VERDICTS = {"h1": (True, True), "h2": (True, False), "c1": (True, False), "c2": (False, False),
            "x1": (True, True), "x2": (True, True), "x3": (False, False), "x4": (False, False)}


def _ratings(tmp_path: Path, items: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for n, who in enumerate("AB"):
        path = tmp_path / f"{who}.jsonl"
        path.write_text("".join(json.dumps({"item": i, "keep": v[n], "usefulness": 4 if v[n]
                                            else 2, "tags": []}) + "\n"
                                for i, v in VERDICTS.items() if i in items))
        out[who] = review_score.read_ratings(path, items, card_review.DEFECT_TAGS)
    return out


def wilson(k: int, n: int, z: float = 1.959964) -> list[float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [centre - half, centre + half]


def test_exploration_cards_are_scored_apart(tmp_path: Path) -> None:
    both = {**SERVED, **EXPLORED}
    report = review_score.score(both, _ratings(tmp_path, both), card_review.DISTRACTOR_TAGS,
                                form=card_review.form)
    alone = review_score.score(SERVED, _ratings(tmp_path, SERVED), card_review.DISTRACTOR_TAGS)
    block = report.pop("explore")
    assert report == alone  # every other number, agreement and count are without them
    assert block["items"] == 4 and block["kept"] == pytest.approx(0.5)
    who = block["forms"]["qa:who"]
    assert who["items"] == 3 and who["kept"] == pytest.approx(2 / 3)
    assert who["kept_ci"] == pytest.approx(wilson(2, 3), abs=1e-4)
    assert who["predicted"] == pytest.approx(0.3)
    assert who["served"]["items"] == 1 and who["served"]["kept"] == pytest.approx(0.5)
    name = block["forms"]["tf:false:name"]
    assert name["kept"] == 0 and name["kept_ci"][0] == 0 and name["kept_ci"][1] > 0.5
    assert name["served"]["items"] == 0
    text = review_score.format_report({**report, "explore": block}, {"split": "dev"})
    assert "EXPLORATION" in text and "tf:false:name" in text
    assert "EXPLORATION" not in review_score.format_report(alone, {"split": "dev"})


def test_merge_carries_the_mark(tmp_path: Path) -> None:
    texts = passages()[:1]
    p = texts[0].key
    shared = card("qa", "Who was crowned in 800?", "Charlemagne")
    only_old = card("qa", "Who took the western lands?", "Charles the Bald")
    old = {"passages": [p], "items": {
        "a": {"origin": "cardstream", "passage": p, "card": card("cloze", "_____ won.", "Rome")},
        "b": {"origin": EXPLORE, "passage": p, "card": shared, "explore": {"keep": 0.2}},
        "c": {"origin": EXPLORE, "passage": p, "card": only_old, "explore": {"keep": 0.3}}}}
    new = {"passages": [p], "items": {
        "d": {"origin": "cardstream", "passage": p, "card": shared}}}
    items = card_review.merge([old, new], ["old", "new"], {p: texts[0]})
    _rows, key = card_review.blind(items, seed=2)
    by_question = {v["card"]["question"]: v for v in key.values() if v["card"]}
    assert by_question[shared["question"]]["origin"] == "cardstream"
    assert by_question[shared["question"]]["engines"] == ["new"]
    assert by_question[shared["question"]]["explored_by"] == ["old"]
    assert by_question[only_old["question"]]["origin"] == EXPLORE
    assert by_question[only_old["question"]]["engines"] == ["old"]
    view = card_review.engine_view(key, "old")
    assert sorted(v["origin"] for v in view.values() if v["card"]) == \
        ["cardstream", EXPLORE, EXPLORE]
    assert {v["explore"]["keep"] for v in view.values() if v["origin"] == EXPLORE} == {0.2, 0.3}
    view = card_review.engine_view(key, "new")
    assert [v["origin"] for v in view.values() if v["card"]] == ["cardstream"]


def test_keep_data_takes_exploration_cards_flagged_and_keep_model_can_drop_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = {**SERVED, **EXPLORED}
    (tmp_path / "sx-both.key.json").write_text(json.dumps({"items": items}))
    for n, who in enumerate(("ra", "rb", "rc")):
        (tmp_path / f"{who}.jsonl").write_text("".join(
            json.dumps({"item": i, "keep": v[min(n, 1)], "usefulness": 3, "tags": []}) + "\n"
            for i, v in VERDICTS.items()))
    monkeypatch.setitem(keep_data.SEEN, "sx-both", ("ra", "rb", "rc"))
    rows = keep_data.seen_rows(tmp_path, "sx-both")
    flagged = {r["item"]: r for r in rows if r.get("explore")}
    assert sorted(flagged) == sorted(EXPLORED)
    assert flagged["x4"]["form"] == "tf:false:name" and flagged["x1"]["keep"] is True
    assert sorted(r["item"] for r in rows if "explore" not in r) == ["c1", "c2"]
    data = tmp_path / "card_reviews_sx.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert len(keep_model.load(data)[1]) == 6
    assert len(keep_model.load(data, explore=False)[1]) == 2


def test_a_passage_with_only_exploration_cards_is_placed_at_random() -> None:
    texts = passages()
    items = [{"passage": texts[0], "origin": "human", "type": "qa", "question": f"Q{n}?",
              "answer": "a", "choices": [], "card": None} for n in range(3)]
    lonely = {"passage": texts[1], "origin": EXPLORE, "type": "cloze", "question": "_____ won.",
              "answer": "Rome", "choices": [], "card": card("cloze", "_____ won.", "Rome"),
              "explore": {"form": "cloze", "keep": 0.4}}
    places = set()
    for seed in range(20):
        rows, key = card_review.blind([*items, lonely], seed)
        assert len(rows) == 4 and len({r["item"] for r in rows}) == 4
        (mine,) = [r for r in rows if key[r["item"]]["origin"] == EXPLORE]
        places.add(mine["passage"])
    assert places == {"P01", "P02"}


def test_ids_and_places_of_exploration_cards_carry_no_mark() -> None:
    """Over many seeds an exploration card is first in its passage, or under the median id,
    as often as chance says (the served cards and human questions keep their own draws)."""
    from tests.test_card_review import FixedEngine
    from tests.test_card_review import passages as fixed_passages

    text = fixed_passages()[:1]
    first, low, marked, seeds = 0, 0, 0, range(200)
    for seed in seeds:
        items = card_review.make_items(FixedEngine(), text, seed)
        items += [{**i, "origin": EXPLORE, "question": f"X{n}?",
                   "explore": {"form": "qa", "keep": 0.1}}
                  for n, i in enumerate(items[:2])]
        rows, key = card_review.blind(items, seed)
        mark = [key[r["item"]]["origin"] == EXPLORE for r in rows]
        first += mark[0]
        median = sorted(r["item"] for r in rows)[len(rows) // 2]
        low += sum(m and r["item"] < median for m, r in zip(mark, rows, strict=True))
        marked += sum(mark)
    assert abs(first / len(seeds) - 2 / len(rows)) < 0.08
    assert abs(low / marked - 0.5) < 0.1
