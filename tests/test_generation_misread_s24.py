"""Session 24: a sentence whose main verb the small English parser reads as a plural noun ('A
critic questions the value of …' → 'critic questions' one noun phrase) has no finite main verb
and made no card at all; parsed again with the verb read (misread.py) it makes its cards from
the page's own words. All texts invented; real spaCy (the ``nlp`` fixture)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import grammar, misread
from tests.engine import generated

MISREAD = [
    ("A critic questions the value of every new policy.", "questions", "critic"),
    ("A moral skeptic rejects the possibility of moral knowledge.", "rejects", "skeptic"),
    ("A market economy distinguishes between private goods and public goods.",
     "distinguishes", "economy"),
    # a plural present verb read as a singular noun ('the crystal oscillate')
    ("The atoms of the crystal oscillate around a fixed position.", "oscillate", "atoms"),
    ("The cells of the tissue divide during growth.", "divide", "cells"),
    ("Heat and pressure transfer with the flow of the fluid.", "transfer", "Heat"),
]


@pytest.mark.parametrize(("text", "verb", "subject"), MISREAD)
def test_the_verb_read_as_a_noun_is_read_as_the_main_verb(nlp: Language, text: str, verb: str,
                                                          subject: str) -> None:
    first = nlp(text)[:]
    assert grammar.not_a_statement(first) == "no finite main verb"  # the parser's misreading
    (again,) = misread.parse(nlp, [text])
    assert again.text == text  # the cue word is out of the text and of every token
    assert again.root.text == verb and again.root.tag_ == ("VBZ" if verb.endswith("s") else "VBP")
    assert [t.text for t in again.root.children if t.dep_ == "nsubj"] == [subject]
    assert grammar.not_a_statement(again) == ""


@pytest.mark.parametrize("text", [
    "A sceptic doubts the reliability of the senses.",  # read right the first time
    "The growing importance of maps in the trade of the port.",  # no verb to read
])
def test_a_sentence_with_no_misread_verb_is_left_as_parsed(nlp: Language, text: str) -> None:
    (again,) = misread.parse(nlp, [text])
    assert misread.verb_read(nlp(text)[:], nlp) is None
    assert [t.dep_ for t in again] == [t.dep_ for t in nlp(text)]


@pytest.mark.parametrize(("text", "verb", "subject"), MISREAD)
def test_the_misread_sentence_makes_cards_of_its_own_words(nlp: Language, text: str, verb: str,
                                                           subject: str) -> None:
    page = "Schools of thought differ on many points. " + text
    made = [c for c in generated(nlp, page) if c.source == text]
    assert made, "no card of the sentence"
    assert any(c.type == "cloze" for c in made)
    for c in made:  # the cue word never shows
        assert " often " not in f" {c.question} ", c.question
