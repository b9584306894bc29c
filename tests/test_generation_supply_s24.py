"""Session 24 (24supply2): textbook sentences that made no card because of a reader-shared 'our'
or a generic 'we'/'you' in a relative clause, though the card stands alone (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.engine import generated

_PAGE = ("Astronomers study the stars. {}")


@pytest.mark.parametrize("sentence,shown", [
    ("Hydrogen makes up most of the mass of our Sun.", "the Sun"),
    ("Several comets have crossed our own solar system in the last century.", "the solar system"),
    ("Dark matter holds together the stars of our Galaxy.", "the Milky Way"),
])
def test_reader_shared_our_is_named(nlp: Language, sentence: str, shown: str) -> None:
    made = generated(nlp, _PAGE.format(sentence))
    own = [c for c in made if (c.sentence or c.source) == sentence]
    assert own, [c.question for c in made]
    assert all(" our " not in f" {c.question.lower()} " for c in own)
    assert any(shown in c.question or shown in c.answer for c in own)


def test_our_of_the_writer_still_makes_no_card(nlp: Language) -> None:
    sentence = "Our beliefs about the tides changed after the voyage of Dalmor."
    made = generated(nlp, _PAGE.format(sentence))
    assert not [c for c in made if (c.sentence or c.source) == sentence]


def test_generic_we_in_a_relative_clause_stays(nlp: Language) -> None:
    sentence = "Fibre in the vegetables we eat slows the absorption of glucose."
    made = generated(nlp, "Digestion takes several hours. " + sentence)
    own = [c for c in made if (c.sentence or c.source) == sentence]
    assert own, [c.question for c in made]
    assert any("the vegetables we eat" in c.question or "the vegetables we eat" in c.answer
               for c in own)


@pytest.mark.parametrize("sentence", [
    "The glands we discussed in the last chapter release hormones into the blood.",
    "The glands we will describe next release hormones into the blood.",
])
def test_we_pointing_into_the_book_still_makes_no_card(nlp: Language, sentence: str) -> None:
    made = generated(nlp, "Digestion takes several hours. " + sentence)
    assert not [c for c in made if (c.sentence or c.source) == sentence]
