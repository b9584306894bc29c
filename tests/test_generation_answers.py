"""Answer-aware mode: one question per given answer, built from the parse."""

from __future__ import annotations

import json

import pytest

from agents.exceptions import InputError, MissingPipeline
from agents.generation.answer_aware import cards_for_answers
from agents.generation.nlp import pipeline

ROME = (
    "In 509 BC the Romans expelled their last king and founded a republic. Julius Caesar "
    "crossed the Rubicon in 49 BC. He was born in 100 BC in Rome. The republic had two "
    "consuls, who were elected every year."
)


def test_one_card_per_answer_in_order_with_the_exact_answer() -> None:
    answers = ["49 BC", "Rome", "two", "a republic"]
    cards = cards_for_answers(ROME, answers)
    assert [c.answer for c in cards] == answers
    assert all(c.type == "qa" and c.question.endswith("?") for c in cards)
    assert cards[0].question == "When did Julius Caesar cross the Rubicon?"
    assert cards[2].question == "How many consuls did the republic have?"
    assert cards[3].question == "What did the Romans found?"


def test_a_pronoun_is_resolved_from_the_sentence_before() -> None:
    (card,) = cards_for_answers(ROME, ["Rome"])
    assert "Julius Caesar" in card.question and " he " not in f" {card.question.lower()} "


def test_a_term_in_the_pages_heading_is_asked_from_its_sentence() -> None:
    # a page titled with its topic (the demo's photosynthesis text): the answer's first place
    # is the heading, and the heading ran into the next sentence in the parse, which made
    # "What Photosynthesis is the process by which ...?"
    page = ("Photosynthesis\n\nPhotosynthesis is the process by which green plants use "
            "sunlight to make glucose from carbon dioxide and water. It takes place mainly in "
            "the chloroplasts.")
    (card,) = cards_for_answers(page, ["Photosynthesis"])
    assert card.answer == "Photosynthesis"
    assert card.question == ("What is the process by which green plants use sunlight to make "
                             "glucose from carbon dioxide and water?")


def test_a_blank_line_ends_a_sentence_in_the_parse() -> None:
    nlp = pipeline("en")
    assert nlp is not None
    doc = nlp("Photosynthesis\n\nPhotosynthesis is the process by which plants make food.")
    assert next(s.text.strip() for s in doc.sents) == "Photosynthesis"


def test_an_answer_not_in_the_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="does not occur"):
        cards_for_answers(ROME, ["Carthage"])


def test_a_missing_english_pipeline_is_one_clear_error() -> None:
    with pytest.raises(MissingPipeline, match="no spaCy pipeline for 'en'"):
        pipeline("en", ("en_core_web_nonexistent_pkg",))


def test_cli_answer_option(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cardstream.cli import main

    path = tmp_path / "rome.txt"
    path.write_text(ROME, encoding="utf-8")
    assert main(["generate", "--text-file", str(path), "--answer", "49 BC",
                 "--answer", "Julius Caesar", "--json"]) == 0
    cards = json.loads(capsys.readouterr().out)["cards"]
    assert [c["answer"] for c in cards] == ["49 BC", "Julius Caesar"]
