"""Textbook prose (s25/s25b, OpenStax Principles of Economics): with the real pipeline, on our
own writing. A chapter title cited in passing ('introduced in Storage in a Lean Season') is no
name for a later 'the storage' (reference.Resolver.anaphor), and a dash that closes an aside
('the vote by 12 towns—including Dorn and Ulm—to adopt …') sets off nothing after it
(clauses._after_comma)."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.clauses import _after_comma, clauses
from agents.generation.parsed import generate
from agents.generation.reference import Resolver
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [c.question for c in made]


def test_a_cited_chapter_title_does_not_stand_in_for_the_noun(nlp: Language) -> None:
    """s25: 'so that the choice is on the frontier' became 'so that Choice is on …' after 'terms
    first introduced in Choice in a World of Scarcity' (three cards, none kept)."""
    text = ("Careful farmers keep both dry and cold reserves of grain (terms that we first met "
            "in Storage in a Lean Season). Good planning means harvesting without waste, so "
            "that the storage is full before the first frost of the winter.")
    made = _cards(nlp, text)
    assert any("the storage is full" in q for q in made), made
    assert not any("Storage is full" in q for q in made), made


def test_a_closing_dash_sets_off_nothing(nlp: Language) -> None:
    """s25b: '… the decision by 17 European nations—including …—to replace their former
    currencies …' was cut to '… the decision by 17 European nations.' (two cards, rejected)."""
    sent = nlp("A famous case of a shared calendar is the vote by 12 river towns—including "
               "large ports such as Dorn, Ulm, and Vess—to adopt the harvest calendar in "
               "1420.")[:]
    adopt = next(t for t in sent if t.lower_ == "adopt")
    assert not _after_comma(adopt)
    including = next(t for t in sent if t.lower_ == "including")
    assert _after_comma(including), "the opening dash still sets its aside off"
    made = [c.text for c in clauses(sent, Resolver(), nlp)]
    assert not any(c.endswith("river towns.") for c in made), made
    # one dash before a trailing phrase is still the aside's opening
    sent = nlp("The river towns adopted the harvest calendar in 1420—including the large "
               "ports of Dorn and Ulm.")[:]
    assert _after_comma(next(t for t in sent if t.lower_ == "including"))

