"""bench.empty_decks names the stage that leaves a deck empty (invented text, real spaCy)."""

from __future__ import annotations

from agents.generation.cards import Candidate
from agents.generation.quality import QualityScorer, Scored
from agents.generation.reference import Resolver
from bench.empty_decks import refusals, sentence_gate, sentence_limits


def test_a_question_and_a_list_piece_are_named_as_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    resolver = Resolver()
    assert sentence_gate(nlp("Why do glaciers in the Alps move so slowly?")[:], resolver) \
        == "no statement: a question"
    assert sentence_gate(nlp("Norwegian explorer Halvard Lindqvist;")[:], resolver).startswith(
        "no statement")
    assert sentence_gate(nlp("The Rhone glacier feeds Lake Geneva with meltwater.")[:],
                         resolver) == ""


def test_a_long_sentence_is_named_by_its_length(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = nlp("The Rhone glacier, which the valley farmers of the upper canton have watched "
               "retreat for two centuries, still feeds Lake Geneva with meltwater every summer "
               "and supplies the hydroelectric dams that power the towns along the river.")[:]
    assert any(limit.endswith("words") for limit in sentence_limits(sent, Resolver()))


def test_a_question_under_the_pad_is_refused_in_a_mixed_deck_only() -> None:
    card = Candidate("qa", "Which lake does the Rhone glacier feed?", "Lake Geneva",
                     "The Rhone glacier feeds Lake Geneva with meltwater.", kind="place")
    weak = Scored(card, {"keep": 0.3}, 0.9)
    scorer = QualityScorer()  # the shipped keep model: its floors and pads
    assert refusals(scorer, weak, types=4) == ["P(keep) 0.30 < 0.45"]
    assert refusals(scorer, weak, types=1) == []
