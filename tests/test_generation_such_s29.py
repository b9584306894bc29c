"""Phrases that point back to the page and reached session 29's cards (scope.py): a 'such a N'
followed by an 'as early as' comparison, whose 'as' says when, not which ('such a venture',
s29 Doctor_Who:7, 4 cards every reviewer rejected); and an ordinal or relative adjective
before a number standing for the noun the page counted ('The second two are the largest',
s29b Chloroplast:5, 2 cloze every reviewer rejected). Real pipeline, invented text."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import scope
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

VENTURE = (
    "After the old studio closed, the council hoped to find a partner to reopen the harbour "
    "theatre. Marta Lindqvist, a Swedish architect who worked for a shipping firm in Oslo, had "
    "approached the council about such a venture as early as March 1987, while the last season "
    "was still running."
)
COUNTED = (
    "All the island's lighthouses belong to one of three keeper families: the Hallorans, the "
    "Pryces and the Dunmores. The second two are the oldest, and the Dunmore family is the one "
    "that keeps the northern light."
)

# more sentences that stand alone, so the page is not so bare that its cards may lean on it
# (parsed.generate's fallback for a page with few cards)
FILLER = (
    " The harbour theatre was built in 1902 by the engineer Oskar Brandt. It seated 900 people "
    "and hosted touring opera companies from Vienna. In 1931 a fire destroyed its roof, which "
    "was rebuilt in copper. The city bought the building from the Brandt family in 1958."
)


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def _sents(nlp: Language, text: str) -> list:
    return [nlp(s.text)[:] for s in usable_sentences(text)]


def test_such_a_noun_before_as_early_as_is_a_cue(nlp: Language) -> None:
    sents = _sents(nlp, VENTURE)
    found = scope.scopes(sents[1], sents[:1])
    assert [(c.rule, c.text, c.replacement) for c in found] == [("such", "such a venture", None)]


def test_no_card_shows_such_a_venture(nlp: Language) -> None:
    cards = _cards(nlp, VENTURE + FILLER)
    assert not [c.question for c in cards if "such a venture" in c.question.lower()]


def test_such_as_naming_the_kind_still_stands(nlp: Language) -> None:
    sents = _sents(nlp, "The shop sold such tools as hammers and saws as early as 1850.")
    assert [c for c in scope.scopes(sents[0], []) if c.rule == "such"] == []


def test_the_second_two_is_a_relative_cue(nlp: Language) -> None:
    sents = _sents(nlp, COUNTED)
    found = scope.scopes(sents[1], sents[:1])
    assert ("relative", "The second two") in [(c.rule, c.text) for c in found]


def test_no_card_shows_the_second_two(nlp: Language) -> None:
    cards = _cards(nlp, COUNTED + FILLER)
    assert not [c.question for c in cards if "second two" in c.question.lower()]
