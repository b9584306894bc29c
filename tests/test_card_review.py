"""The blind review harness: the packet hides where an item came from, and scoring gives the
numbers worked out by hand on a tiny fixture."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from agents.generation import GenerationRequest, GenerationResult
from bench import card_review, review_score
from bench.splits import REVIEWS, Passage, squad, textbook
from schemas.events import Card


class FixedEngine:
    """A seam for the harness's own logic: four cards of every type per text, no NLP."""

    name = "fixed"

    def generate(self, request: GenerationRequest, rater: object = None) -> GenerationResult:
        cards = [
            Card(card_id=f"{request.upload_id}-{t}-{i}", type=t, question=f"Q {t} {i}?",
                 answer=f"a{i}", choices=[f"a{i}", "x", "y", "z"] if t == "mcq" else [],
                 quality_score=0.9, source_sentence="s", tags=["secret-tag"])
            for i in range(2) for t in ("qa", "mcq", "cloze", "tf")
        ][: request.num_cards]
        return GenerationResult(cards, "en", self.name)


def passages() -> list[Passage]:
    return [Passage(f"squad:T:{n}", "squad", "dev", "T", f"Text number {n}.",
                    tuple((f"Who did {n}-{k}?", f"ans{k}") for k in range(3)))
            for n in range(6)]


def test_packet_rows_hide_origin(tmp_path: Path) -> None:
    items = card_review.make_items(FixedEngine(), passages(), seed=1)
    rows, key = card_review.blind(items, seed=1)
    card_review.write_packet(rows, key, tmp_path / "out", tmp_path / "keys/k.json", {})
    lines = [json.loads(x) for x in (tmp_path / "out/packet.jsonl").read_text().splitlines()]
    assert {tuple(sorted(r)) for r in lines} == {tuple(sorted(card_review.PACKET_FIELDS))}
    every_value = json.dumps(lines) + (tmp_path / "out/packet.md").read_text()
    for leak in ("human", "cardstream", "squad:", "review-", "secret-tag", "0.9"):
        assert leak not in every_value.lower()
    # a human question has exactly the shape of a cardstream qa card
    sealed = json.loads((tmp_path / "keys/k.json").read_text())["items"]
    human = [r for r in lines if sealed[r["item"]]["origin"] == "human"]
    assert {(r["type"], len(r["choices"])) for r in human} == {("qa", 0)}
    assert sorted(sealed) == sorted(r["item"] for r in lines)
    assert not (tmp_path / "out/key.json").exists()
    with pytest.raises(SystemExit):
        card_review.write_packet(rows, key, tmp_path / "o2", tmp_path / "o2/k.json", {})


def test_ids_and_order_carry_no_origin() -> None:
    """Over many seeds, where a human item lands (first in its passage, low id) is chance."""
    first_is_human, low_id_human, humans = 0, 0, 0
    seeds = range(200)
    for seed in seeds:
        rows, key = card_review.blind(card_review.make_items(FixedEngine(), passages()[:1],
                                                            seed), seed)
        human = [key[r["item"]]["origin"] == "human" for r in rows]
        first_is_human += human[0]
        median = sorted(r["item"] for r in rows)[len(rows) // 2]
        low_id_human += sum(h and r["item"] < median for h, r in zip(human, rows, strict=True))
        humans += sum(human)
    share = 3 / len(rows)  # 3 human items in every packet
    assert abs(first_is_human / len(seeds) - share) < 0.12
    assert abs(low_id_human / humans - 0.5) < 0.12


def test_a_second_packet_can_skip_the_first_ones_passages() -> None:
    first = card_review.pick("dev", 10, 2, seed=1)
    second = card_review.pick("dev", 10, 2, seed=2, exclude=frozenset(p.key for p in first))
    assert not {p.key for p in first} & {p.key for p in second}
    with pytest.raises(SystemExit, match="and 0 ap2e textbook pages left"):
        card_review.pick("dev", 1, 1, seed=3,
                         exclude=frozenset(p.key for p in textbook("dev")))


def test_splits_keep_the_first_twenty_paragraphs_in_dev() -> None:
    dev, test = squad("dev"), squad("test")
    assert {p.title for p in dev}.isdisjoint({p.title for p in test})
    first = json.loads(Path(card_review.splits.SQUAD).read_text())["paragraphs"][:20]
    assert {p["context"] for p in first} <= {p.text for p in dev}
    pages = textbook("dev") + textbook("test")
    assert pages and all(p.text and not p.questions for p in pages)
    assert {p.key for p in textbook("dev")}.isdisjoint({p.key for p in textbook("test")})


def test_the_held_out_squad_file_is_test_throughout_and_shares_no_article() -> None:
    held = squad("test", card_review.splits.SQUAD_HELDOUT)
    assert not squad("dev", card_review.splits.SQUAD_HELDOUT)
    assert len(held) > 100 and all(p.questions for p in held)
    subset = {p.title for p in squad("dev") + squad("test")}
    assert subset.isdisjoint({p.title for p in held})
    assert len({p.key for p in held}) == len(held)
    assert textbook("test", book="psy") and not textbook("dev", book="psy")


def test_the_fifth_book_is_held_out_whole() -> None:
    # session 9's held-out book: 10 pages, all TEST, none of them empty or shared with a key
    pages = textbook("test", book="astro")
    assert len(pages) == 10 and not textbook("dev", book="astro")
    assert all(len(p.text.split()) >= 130 and p.title for p in pages)
    assert len({p.key for p in pages}) == 10


def test_the_sixth_book_is_held_out_whole_and_read_only_by_session_11() -> None:
    # session 11's held-out book: 10 pages, all TEST, clean of markup, read by no review before
    # session 11's two (s11, s11b), which read five pages each
    pages = textbook("test", book="soc")
    assert len(pages) == 10 and not textbook("dev", book="soc")
    assert all(len(p.text.split()) >= 130 and p.title for p in pages)
    assert not any(c in p.text for p in pages for c in ("<", ">", "xmlns", "cnx"))
    assert len({p.key for p in pages}) == 10

    def passages(pattern: str, skip: str = "") -> set[str]:
        return {k for f in REVIEWS.glob(pattern) if not (skip and f.name.startswith(skip))
                for k in json.loads(f.read_text(encoding="utf-8")).get("passages", [])}

    keys = {p.key for p in pages}
    earlier = passages("*.key.json", skip="s11")
    assert not earlier & keys
    assert passages("s11-after.key.json") & passages("s11b-after.key.json") == set()
    assert keys <= passages("s11-after.key.json") | passages("s11b-after.key.json")


@pytest.mark.parametrize(("book", "session"), [("micro", "s12"), ("polisci", "s13"),
                                                ("worldhist", "s14"), ("amgov", "s15"),
                                                ("anth", "s16"), ("llph", "s17"),
                                                ("contmath", "s31"), ("cphys", "s32"),
                                                ("precalc", "s33"), ("worldhist1", "s34")])
def test_a_book_held_out_whole_is_read_only_by_its_sessions_two_reviews(book: str,
                                                                       session: str) -> None:
    # session 12's (OpenStax Microbiology) and 13's (Introduction to Political Science)
    # held-out books: 10 pages, all TEST, clean of markup, none shared with another book or
    # read by any review before that session's two (sNN, sNNb), which read five pages each
    pages = textbook("test", book=book)
    assert len(pages) == 10 and not textbook("dev", book=book)
    assert all(len(p.text.split()) >= 130 and p.title for p in pages)
    assert not any(c in p.text for p in pages for c in ("<", ">", "xmlns", "cnx"))
    keys = {p.key for p in pages}
    assert len(keys) == 10
    others = {p.key for other in card_review.splits.BOOKS if other != book
              for split in ("dev", "test") for p in textbook(split, book=other)}
    assert not others & keys
    earlier = {k for f in REVIEWS.glob("*.key.json") if not f.name.startswith(session)
               for k in json.loads(f.read_text(encoding="utf-8")).get("passages", [])}
    assert not earlier & keys

    def passages(name: str) -> set[str]:
        return set(json.loads((REVIEWS / name).read_text(encoding="utf-8"))["passages"])

    first, second = passages(f"{session}-after.key.json"), passages(f"{session}b-after.key.json")
    assert first & second == set()
    assert keys <= first | second

@pytest.mark.parametrize(("book", "commit"), [
    ("contmath", "fa7c1a151783958fd2c114da66831e3d57ce2321"),  # session 31's: Contemporary Maths
    ("cphys", "f98d7a792138a6133fe7267d17e70aa04e9ccbed"),  # session 32's: College Physics 2e
    ("precalc", "4922e46ebc04326979e19392ccc2384cb8b9076c"),  # session 33's: Precalculus 2e
    ("worldhist1", "3e17beda9130380d24be881e6d1942dfcc1be845"),  # session 34's: World History 1
])
def test_a_recent_book_comes_from_its_cc_by_commit(book: str, commit: str) -> None:
    # the books of sessions 31 to 34 name the last commit of their repository before it moved
    # to CC BY-NC-SA, and their pages keep the book's name in their keys
    assert all(p.key.startswith(f"openstax:{book}:m") for p in textbook("test", book=book))
    doc = json.loads(card_review.splits.BOOKS[book].read_text(encoding="utf-8"))
    assert doc["commit"] == commit
    assert doc["license"].startswith("CC BY 4.0:")


@pytest.mark.parametrize(("book", "session"), [("precalc", "s33"), ("worldhist1", "s34")])
def test_a_recent_book_is_held_out_whole_and_read_by_no_earlier_review(book: str,
                                                                       session: str) -> None:
    # session 33's (OpenStax Precalculus 2e) and 34's (World History Volume 1) held-out books,
    # each from its CC BY 4.0 commit: 10 pages, all TEST, clean of markup, none shared with
    # another book, none in a key before the session's own
    pages = textbook("test", book=book)
    assert len(pages) == 10 and not textbook("dev", book=book)
    assert all(len(p.text.split()) >= 130 and p.title for p in pages)
    assert not any(c in p.text for p in pages for c in ("<", ">", "xmlns", "cnx"))
    keys = {p.key for p in pages}
    assert len(keys) == 10
    others = {p.key for other in card_review.splits.BOOKS if other != book
              for split in ("dev", "test") for p in textbook(split, book=other)}
    assert not others & keys
    earlier = {k for f in REVIEWS.glob("*.key.json") if not f.name.startswith(session)
               for k in json.loads(f.read_text(encoding="utf-8")).get("passages", [])}
    assert not earlier & keys


def test_world_history_volume_1_shares_no_module_with_volume_2() -> None:
    # the two volumes come from the same repository: no page of Volume 1 (session 34's book)
    # is a module of Volume 2's pages
    modules = {p.key.rsplit(":", 1)[1] for p in textbook("test", book="worldhist1")}
    volume2 = {p.key.rsplit(":", 1)[1] for p in textbook("test", book="worldhist")}
    assert not volume2 & modules


KEY = {
    **{f"h{i}": {"origin": "human", "type": "qa", "corpus": "squad"} for i in range(1, 5)},
    **{f"c_{t}": {"origin": "cardstream", "type": t, "corpus": "squad"}
       for t in ("qa", "mcq", "cloze", "tf")},
    "t_mcq": {"origin": "cardstream", "type": "mcq", "corpus": "textbook"},
}
# item: (keep, usefulness, tags) for reviewers A and B
A = {"h1": (True, 4, []), "h2": (True, 5, []), "h3": (False, 2, []), "h4": (True, 4, []),
     "c_qa": (True, 4, []), "c_mcq": (False, 2, ["wrong-kind-distractor"]),
     "c_cloze": (True, 3, []), "c_tf": (False, 1, ["absurd-false"]), "t_mcq": (True, 4, [])}
B = {"h1": (True, 5, []), "h2": (True, 4, []), "h3": (False, 1, []), "h4": (False, 3, []),
     "c_qa": (True, 3, []), "c_mcq": (False, 1, ["fragment-distractor"]),
     "c_cloze": (False, 3, []), "c_tf": (False, 2, ["absurd-false"]), "t_mcq": ("yes", 5, [])}


def write(path: Path, ratings: dict[str, tuple[object, int, list[str]]]) -> Path:
    path.write_text("".join(json.dumps({"item": i, "keep": k, "usefulness": u, "tags": t}) + "\n"
                            for i, (k, u, t) in ratings.items()) + "\n")
    return path


def test_score_gives_the_numbers_worked_out_by_hand(tmp_path: Path) -> None:
    ratings = {name: review_score.read_ratings(write(tmp_path / f"{name}.jsonl", r), KEY,
                                               card_review.DEFECT_TAGS)
               for name, r in (("A", A), ("B", B))}
    report = review_score.score(KEY, ratings, card_review.DISTRACTOR_TAGS)
    g = report["groups"]
    assert g["squad/human/all"]["kept"] == pytest.approx(0.625)  # 1, 1, 0, 0.5
    assert g["squad/human/all"]["usefulness"] == pytest.approx(3.5)
    assert g["squad/cardstream/all"]["kept"] == pytest.approx(0.375)  # 1, 0, 0.5, 0
    assert g["squad/cardstream/all"]["usefulness"] == pytest.approx(2.375)
    assert g["all/cardstream/mcq"]["kept"] == pytest.approx(0.5)
    assert g["textbook/cardstream/all"]["items"] == 1
    assert report["ratio"]["value"] == pytest.approx(0.6) and not report["ratio"]["met"]
    low, high = report["ratio"]["ci"]
    assert low <= 0.6 <= high
    assert report["mcq_distractor_defects"]["value"] == pytest.approx(0.5)
    assert not report["type_kept"]["met"]
    assert report["tag_share_squad"]["cardstream"]["absurd-false"] == pytest.approx(2 / 8)
    (pair,) = report["agreement"]
    assert pair["items"] == 9 and pair["keep_agreement"] == pytest.approx(7 / 9)
    assert pair["keep_kappa"] == pytest.approx(24 / 42)  # po 63/81, pe 39/81
    assert "0.60" in review_score.format_report(report, {"split": "dev"})


def test_an_absurd_option_is_a_distractor_defect(tmp_path: Path) -> None:
    # the MCQ target counts options "absurdly wrong" as distractor defects; before the
    # tag, reviewers could only note them under "other", which the target did not count
    a = {**A, "c_mcq": (False, 2, ["absurd-distractor"])}
    b = {**B, "c_mcq": (False, 2, ["other"])}
    ratings = {name: review_score.read_ratings(write(tmp_path / f"{name}.jsonl", r), KEY,
                                               card_review.DEFECT_TAGS)
               for name, r in (("A", a), ("B", b))}
    report = review_score.score(KEY, ratings, card_review.DISTRACTOR_TAGS)
    assert report["mcq_distractor_defects"]["value"] == pytest.approx(0.25)  # c_mcq 1/2, t_mcq 0


@pytest.mark.parametrize("line, message", [
    ({"item": "nope", "keep": True, "usefulness": 3}, "not in this key"),
    ({"item": "h1", "keep": True, "usefulness": 7}, "usefulness must be 1..5"),
    ({"item": "h1", "keep": "maybe", "usefulness": 3}, "keep must be"),
    ({"item": "h1", "keep": True, "usefulness": 3, "tags": ["ugly"]}, "unknown tags"),
])
def test_bad_ratings_say_which_line(tmp_path: Path, line: dict[str, object], message: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"item": "h2", "keep": False, "usefulness": 2}) + "\n"
                    + json.dumps(line) + "\n")
    with pytest.raises(review_score.RatingsError, match=f"r.jsonl:2: .*{message}"):
        review_score.read_ratings(path, KEY, card_review.DEFECT_TAGS)


def test_score_command_reads_a_key_and_blank_lines_are_unrated(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]
                                                               ) -> None:
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"split": "dev", "engine": "fixed", "items": KEY}))
    a = write(tmp_path / "a.jsonl", A)
    with a.open("a") as f:
        f.write(json.dumps({"item": "extra", "keep": None, "usefulness": None}) + "\n")
    assert card_review.main(["score", "--key", str(key), str(a)]) == 2  # "extra" not in key
    a = write(tmp_path / "a.jsonl", {**A, "h4": (None, None, [])})  # type: ignore[dict-item]
    assert card_review.main(["score", "--key", str(key), str(a)]) == 0
    out = capsys.readouterr().out
    assert "8 items rated" in out and "one reviewer only" in out


def test_the_second_book_is_held_out_whole() -> None:
    assert textbook("dev", book="ush") == []
    held_out = textbook("test", book="ush")
    assert len(held_out) == 8 and all(len(p.text.split()) >= 130 for p in held_out)
    assert {p.key for p in held_out}.isdisjoint({p.key for p in textbook("test")})
    picked = card_review.pick("test", 2, 3, seed=1, book="ush")
    assert {p.key for p in picked[2:]} <= {p.key for p in held_out}


def test_the_ratio_interval_over_passages_pairs_each_passages_items() -> None:
    # Passages easy or hard for people and program alike: every resample of whole passages
    # keeps the two shares equal, while resampling items independently cannot know that.
    cs = [(f"p{n}", keep) for n in range(6) for keep in [float(n % 2)] * 3]
    hu = [(f"p{n}", keep) for n in range(6) for keep in [float(n % 2)] * 3]
    assert review_score.passage_ratio_interval(cs, hu, seed=1) == pytest.approx([1.0, 1.0])
    low, high = review_score.ratio_interval(np.array([k for _, k in cs]),
                                            np.array([k for _, k in hu]), seed=1)
    assert high - low > 0.5
    assert review_score.passage_ratio_interval(cs[:3], hu[:3], seed=1) is None  # one passage


def test_two_ratings_files_of_one_name_are_refused(tmp_path: Path) -> None:
    key = tmp_path / "k.json"
    key.write_text(json.dumps({"items": KEY}))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = [write(tmp_path / d / "reviewer.jsonl", r) for d, r in (("a", A), ("b", B))]
    with pytest.raises(SystemExit, match="share a name"):
        card_review.main(["score", "--key", str(key), *map(str, files)])


class ShiftedEngine(FixedEngine):
    """A second engine: its first card of each text differs from FixedEngine's, the rest agree."""

    name = "shifted"

    def generate(self, request: GenerationRequest, rater: object = None) -> GenerationResult:
        result = super().generate(request, rater)
        first = result.cards[0].model_copy(update={"question": "A newer question?"})
        return GenerationResult([first, *result.cards[1:]], "en", self.name)


def test_a_merged_packet_rates_two_engines_in_one_sitting(tmp_path: Path) -> None:
    texts = passages()[:2]
    keys = []
    for engine in (FixedEngine(), ShiftedEngine()):
        _rows, key_items = card_review.blind(card_review.make_items(engine, texts, seed=1), seed=1)
        keys.append({"passages": [p.key for p in texts], "items": key_items})
    items = card_review.merge(keys, ["old", "new"], {p.key: p for p in texts})
    rows, key = card_review.blind(items, seed=5)
    cards = [v for v in key.values() if v["origin"] == "cardstream"]
    humans = [v for v in key.values() if v["origin"] == "human"]
    # per text: 6 cards alike (once), one each of its own; each human question once
    n = len(keys[0]["items"]) // 2 - 3  # cards per text
    assert len(humans) == 2 * 3 and len(cards) == 2 * (n - 1 + 2)
    assert sum(v["engines"] == ["old", "new"] for v in cards) == 2 * (n - 1)
    assert all("engines" not in r for r in rows)  # reviewers never see who made a card
    old = card_review.engine_view(key, "old")
    new = card_review.engine_view(key, "new")
    assert sum(v["origin"] == "cardstream" for v in old.values()) == 2 * n
    assert "A newer question?" in {v["card"]["question"] for v in new.values() if v["card"]}
    assert sum(v["origin"] == "human" for v in new.values()) == 6
    with pytest.raises(SystemExit, match="no engine 'other'"):
        card_review.engine_view(key, "other")
    keys[1]["passages"] = keys[1]["passages"][::-1]
    with pytest.raises(SystemExit, match="different passages"):
        card_review.merge(keys, ["old", "new"], {p.key: p for p in texts})
