"""Session 23: a textbook gives a definition in its own voice ('Remember that we defined a
pitch as …', 'We define … to be …'); every statement and cloze of it read 'we defined' and was
refused (reader-addressed), so the page's definition made no card. It is restated as the
claim it makes ('A pitch is defined as …'), the form reviewers kept 8 of 12 times (seen rated
statements and cloze of 'X is defined as Y', s6..s23b). Real pipeline, invented text."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.defining import restated
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [(c.type, c.question, c.answer) for c in generate(doc, nlp, "intermediate", None, None)]


@pytest.mark.parametrize(("sentence", "claim"), [
    ("Remember that we defined a levee as a raised bank of earth that holds back a river.",
     "A levee is defined as a raised bank of earth that holds back a river."),
    ("In this chapter, we have defined tariffs as taxes that a country charges on imports.",
     "Tariffs are defined as taxes that a country charges on imports."),
    ("We define a fortnight to be a span of fourteen consecutive days.",
     "A fortnight is defined as a span of fourteen consecutive days."),
])
def test_a_definition_in_the_pages_voice_is_restated(nlp: Language, sentence: str,
                                                     claim: str) -> None:
    assert restated(nlp(sentence)[:]) == claim


@pytest.mark.parametrize("sentence", [
    "Remember that we defined it as a raised bank of earth.",  # which it, the page says
    "Economists define inflation as a general rise in prices.",  # no reader frame: as it is
    "Yesterday we defined the term as a bank of earth.",  # a story, not the page's voice
    "We defined a levee as a bank that you can walk on.",  # still addressed to the reader
])
def test_no_restatement_where_the_page_says_something_else(nlp: Language, sentence: str) -> None:
    assert restated(nlp(sentence)[:]) is None


def test_the_definition_makes_statement_and_cloze_cards(nlp: Language) -> None:
    made = _cards(nlp, "Let's look at how rivers are managed. Remember that we defined a levee "
                       "as a raised bank of earth that holds back a river in flood. Many "
                       "towns along the Loire built them in the twelfth century.")
    defining = [(t, q, a) for t, q, a in made if "levee is defined as" in q]
    assert any(t == "tf" for t, _, _ in defining), made
    assert any(t == "cloze" and "_____" in q for t, q, _ in defining), made
    assert not any("we defined" in q for _, q, _ in made), made
