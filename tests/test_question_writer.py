"""The learned question writer (agents/generation/writer.py, retrainer/question_writer.py):
its training data, a tiny writer trained here on invented pairs until it knows them, and
answer-aware mode, the QG bench and the review packet asking with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.exceptions import ModelLoadError
from agents.generation.answer_aware import cards_for_answers, usable
from agents.generation.writer import load, recase
from retrainer.exceptions import DataError
from retrainer.question_writer import (
    Pair,
    WriterTraining,
    explorer_articles,
    main,
    pairs,
    squad_pairs,
    train,
    untokenised,
)

MILL = ("The Harwick mill opened in 1843 beside the river Oune. Its wheel drove forty looms. "
        "The mill was sold to Edda Pryce in 1901.")
TAUGHT = [  # (answer, sentence, question): what the tiny writer is trained to say
    ("1843", "The Harwick mill opened in 1843 beside the river Oune.",
     "when did the harwick mill open?"),
    ("Edda Pryce", "The mill was sold to Edda Pryce in 1901.",
     "who bought the mill in 1901?"),
]


def _tiny_encoder(folder: Path) -> Path:
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    from agents.encoder import encoder_path

    torch.manual_seed(0)  # the same tiny encoder every run

    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=160)
    BertModel(config, add_pooling_layer=False).save_pretrained(folder)
    AutoTokenizer.from_pretrained(str(encoder_path()), local_files_only=True).save_pretrained(
        folder)
    return folder


@pytest.fixture(scope="module")
def writer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = _tiny_encoder(tmp_path_factory.mktemp("encoder"))
    data = [Pair(s, q, a) for a, s, q in TAUGHT] + [
        Pair("The looms were made in Leeds.", "where were the looms made?", None)]
    out = tmp_path_factory.mktemp("writer")
    train(data, out, WriterTraining(epochs=200, lr=2e-3, batch=3, threads=1), encoder=base,
          log=lambda line: None)
    return out


def test_ptb_lines_are_read_back_as_text() -> None:
    line = "the duke 's heir -lrb- born 911 -rrb- was called `` the bold '' ."
    assert untokenised(line) == "the duke's heir (born 911) was called \"the bold\"."


def test_pairs_take_the_gold_answer_only_where_it_is_in_the_sentence(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(
        "the mill opened in 1843 .\nits wheel drove forty looms .\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text(
        "when did the mill open ?\nhow many looms did it drive ?\n", encoding="utf-8")
    squad = {"data": [{"title": "Mill", "paragraphs": [{"context": "…", "qas": [
        {"question": "When did the mill open?", "answers": [{"text": "1843"}]},
        {"question": "How many looms did it drive?", "answers": [{"text": "40"}]}]}]}]}
    full = json.dumps(squad)
    (tmp_path / "train.json").write_text(full[: full.rindex("]}")] + ", {\"title\": \"Cut",
                                         encoding="utf-8")  # a copy cut short
    got = pairs(tmp_path / "src.txt", tmp_path / "tgt.txt", tmp_path / "train.json")
    assert got == [Pair("the mill opened in 1843.", "when did the mill open?", "1843"),
                   Pair("its wheel drove forty looms.", "how many looms did it drive?", None)]


PAGE = """<html><body><div class="para-wrap"><div class="row"><div class="col-md-6">
<pre>The Harwick mill opened in 1843 beside the river Oune. Its wheel drove forty looms &amp;
two saws. The mill was sold to Edda Pryce in 1901.</pre></div><div class="col-md-6 rightCol">
<div class="qa-wrap"><p> <strong class="question">When did the mill open?</strong></p>
<ol class="list-unstyled"><li><p><i>Answer 1: </i><span class="answer"> 1843</span></p></li>
</ol></div><div class="qa-wrap"><p> <strong class="question">What did the wheel drive
besides looms?</strong></p><ol class="list-unstyled"><li><p><i>Answer 1: </i>
<span class="answer">two saws</span></p></li></ol></div>
<div class="qa-wrap"><p> <strong class="question">Who built the mill?</strong></p>
<ol class="list-unstyled"><li><p><i>Answer 1: </i><span class="answer">Tomas Venn</span>
</p></li></ol></div></div></div></div></body></html>"""


def test_explorer_pages_read_as_squad_articles_and_pairs(tmp_path: Path) -> None:
    (tmp_path / "Harwick_mill.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    articles = explorer_articles(tmp_path)
    assert [a["title"] for a in articles] == ["Harwick_mill"]
    (paragraph,) = articles[0]["paragraphs"]
    assert paragraph["context"].startswith("The Harwick mill opened in 1843")
    assert "looms &\ntwo saws" in paragraph["context"]  # character references read
    qas = paragraph["qas"]
    assert [q["answers"] for q in qas] == [
        [{"text": "1843", "answer_start": paragraph["context"].index("1843")}],
        [{"text": "two saws", "answer_start": paragraph["context"].index("two saws")}],
        []]  # an answer the paragraph does not hold is dropped, not guessed
    assert squad_pairs(articles) == [
        Pair("The Harwick mill opened in 1843 beside the river Oune.",
             "When did the mill open?", "1843"),
        Pair("Its wheel drove forty looms &\ntwo saws.",
             "What did the wheel drive\nbesides looms?", "two saws")]


def test_an_answer_across_two_sentences_takes_both() -> None:
    context = "Edda Pryce bought the mill. Tomas Venn sold it. It closed in 1950."
    answer = "mill. Tomas Venn"
    articles = [{"title": "T", "paragraphs": [{"context": context, "qas": [
        {"question": "Who sold what?", "answers": [
            {"text": answer, "answer_start": context.index(answer)}]},
        {"question": "A wrong offset?", "answers": [{"text": "1950", "answer_start": 3}]}]}]}]
    assert squad_pairs(articles) == [
        Pair("Edda Pryce bought the mill. Tomas Venn sold it.", "Who sold what?", answer)]


def test_the_training_command_needs_one_source_of_pairs(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path / "w")])
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path / "w"), "--squad", str(tmp_path),
              "--sentences", "s.txt", "--questions", "q.txt"])


def test_pair_files_of_different_lengths_are_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("one .\ntwo .\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("one ?\n", encoding="utf-8")
    with pytest.raises(DataError, match="same, non-zero number of lines"):
        pairs(tmp_path / "src.txt", tmp_path / "tgt.txt")


def test_a_trained_writer_says_what_it_was_taught_in_the_sentence_spelling(
        writer_dir: Path) -> None:
    writer = load(writer_dir)
    assert writer.ask("1843", TAUGHT[0][1]) == "When did the Harwick mill open?"
    assert writer.ask("Edda Pryce", TAUGHT[1][1]) == "Who bought the mill in 1901?"
    assert writer.about["trained"]["pairs"] == 3
    assert writer.about["trained"]["answers_known"] == 2


def test_answer_aware_mode_asks_with_the_writer(writer_dir: Path) -> None:
    cards = cards_for_answers(MILL, ["1843", "Edda Pryce"], writer=load(writer_dir))
    assert [c.question for c in cards] == ["When did the Harwick mill open?",
                                           "Who bought the mill in 1901?"]
    assert [c.answer for c in cards] == ["1843", "Edda Pryce"]
    assert cards[1].source_sentence == TAUGHT[1][1]


class _Says:
    def __init__(self, question: str) -> None:
        self.question = question

    def ask(self, answer: str, sentence: str) -> str:
        return self.question


@pytest.mark.parametrize("written", ["", "the mill opened", "When?",
                                     "When did the mill open in 1843?"])
def test_an_unusable_written_question_leaves_the_rules_question(written: str) -> None:
    rules = cards_for_answers(MILL, ["1843"])[0].question
    assert cards_for_answers(MILL, ["1843"], writer=_Says(written))[0].question == rules
    assert not usable(written, "1843")


def test_a_folder_that_is_no_writer_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match=r"no question writer at .*writer\.json"):
        load(tmp_path)
    (tmp_path / "writer.json").write_text(json.dumps({"format": "writer/0"}), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="this cardstream reads 'writer/1'"):
        load(tmp_path)


def test_recase_spells_words_as_the_sentence_does() -> None:
    sentence = "Ögedei Khan crossed the Saint-Clair bridge in Île-de-France."
    assert recase("who crossed the saint - clair bridge ?", sentence) == (
        "Who crossed the Saint-Clair bridge?")
    assert recase("where did ogedei khan cross the bridge ?", sentence) == (
        "Where did Ögedei Khan cross the bridge?")
    assert recase("what did ogedei khan cross in ile - de - france ?", sentence) == (
        "What did Ögedei Khan cross in Île-de-France?")  # the last word too
    assert recase("what was ogedei khan 's bridge called ?", sentence) == (
        "What was Ögedei Khan's bridge called?")  # a possessive the sentence does not write


def test_the_qg_bench_asks_with_the_writer(writer_dir: Path) -> None:
    from bench.question_generation import asker

    how, ask = asker(str(writer_dir))
    assert "question writer" in how
    assert ask(MILL, ["Edda Pryce"]) == ["Who bought the mill in 1901?"]


def test_the_review_packet_hides_who_wrote_each_question(writer_dir: Path) -> None:
    from bench import splits
    from bench.qg_review import build

    items, key = build(("writer", str(writer_dir)), 2, 7, frozenset(), "heldout2")
    assert len(items) == 6 and len(key["passages"]) == 2
    assert all(set(i) == {"id", "paragraph", "answer", "question"} for i in items)
    assert sorted(v["system"] for v in key["items"].values()) == sorted(
        ("human", "rules", "writer") * 2)
    by_key = {p.key: p for p in splits.squad("test", splits.SQUADS["heldout2"])}
    for item in items:
        told = key["items"][item["id"]]
        if told["system"] == "human":
            assert item["question"] == by_key[told["passage"]].questions[0][0]
    _, other = build(("writer", str(writer_dir)), 2, 7, frozenset(key["passages"][:1]),
                     "heldout2")
    assert key["passages"][0] not in other["passages"]


def test_a_review_of_the_rules_before_and_after_runs_the_earlier_engine_in_its_folder(
        tmp_path: Path) -> None:
    """``--before``: the third question comes from the engine of another checkout, imported
    from that folder (here a copy whose engine marks its questions); a folder without an
    engine is an error, not an empty packet."""
    import shutil
    import subprocess

    from bench.qg_review import build

    here = Path(__file__).resolve().parents[1]
    earlier = tmp_path / "earlier"
    for package in ("agents", "schemas"):
        shutil.copytree(here / package, earlier / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    with (earlier / "agents/generation/answer_aware.py").open("a", encoding="utf-8") as f:
        f.write("\n_engine = cards_for_answers\n\n\n"
                "def cards_for_answers(text, answers, **options):  # type: ignore\n"
                "    return [c.model_copy(update={'question': 'EARLIER ' + c.question})\n"
                "            for c in _engine(text, answers, **options)]\n")
    items, key = build(("before", str(earlier)), 2, 7, frozenset(), "heldout2")
    assert len(items) == 6 and key["before"] == str(earlier) and "writer_trained" not in key
    assert sorted(v["system"] for v in key["items"].values()) == sorted(
        ("human", "rules", "before") * 2)
    shown = {i["id"]: i["question"] for i in items}
    by_passage: dict[str, dict[str, str]] = {}
    for item_id, told in key["items"].items():
        by_passage.setdefault(told["passage"], {})[told["system"]] = shown[item_id]
    for made in by_passage.values():
        assert made["before"] == "EARLIER " + made["rules"]
    assert key["differ"] == key["drawn"] == 2
    from bench import splits

    keys = [p.key for p in splits.squad("test", splits.SQUADS["heldout2"])]
    _, same = build(("before", str(here)), 2, 7, frozenset(keys[3:]), "heldout2", changed=True)
    assert same["passages"] == [] and same["differ"] == 0  # nothing changed: nothing to rate
    assert same["drawn"] == 3
    (tmp_path / "empty").mkdir()
    with pytest.raises(subprocess.CalledProcessError):
        build(("before", str(tmp_path / "empty")), 2, 7, frozenset(), "heldout2")


def test_review_scores_per_system() -> None:
    from bench.qg_review import score

    key = {"items": {"a": {"system": "human"}, "b": {"system": "writer"},
                     "c": {"system": "writer"}}}
    ratings = [
        {"id": "a", "keep": True, "correct": True, "grammatical": True, "score": 4},
        {"id": "b", "keep": False, "correct": False, "grammatical": True, "score": 1},
        {"id": "c", "keep": True, "correct": True, "grammatical": False, "score": 3},
    ]
    got = score(key, ratings)
    assert got["human"] == {"rated": 1, "kept": 1.0, "correct": 1.0, "grammatical": 1.0,
                            "score": 4.0}
    assert got["writer"] == {"rated": 2, "kept": 0.5, "correct": 0.5, "grammatical": 0.5,
                             "score": 2.0}
    assert "rules" not in got


def test_review_scores_where_the_writer_wrote_its_own_question() -> None:
    from bench.qg_review import score

    key = {"items": {
        "a": {"system": "rules", "passage": "p1", "same_as": ["rules"]},
        "b": {"system": "writer", "passage": "p1", "same_as": ["writer"]},
        "c": {"system": "rules", "passage": "p2", "same_as": ["rules", "writer"]},
        "d": {"system": "writer", "passage": "p2", "same_as": ["rules", "writer"]},
    }}
    rated = [{"id": i, "keep": i in "ac", "correct": True, "grammatical": True, "score": 3}
             for i in "abcd"]
    assert score(key, rated, "differs")["writer"]["kept"] == 0.0
    assert score(key, rated, "differs")["rules"]["rated"] == 1
    assert score(key, rated, "same")["writer"]["rated"] == 1
    assert score(key, rated)["rules"]["rated"] == 2
