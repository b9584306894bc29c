"""Session 28's years after the page's present: a plan, an intention or a projection told in
the past ('planned one operation for 1757', 'was going to win … in 1991', 'an unsuccessful
plan', 'the Board's 2001 projection') is no sentence about the future, so a multiple-choice
year for it is offered no year after the latest the page states (plausible.ahead, in_era);
a sentence that does speak of the future ('will', 'is expected to', 'plans to', 'by 2030')
still may. On invented text, through the engine with the real pipeline."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from spacy.language import Language

from agents.generation import plausible
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


@pytest.fixture(scope="module")
def encoder() -> Iterator[object]:
    from agents.encoder import shared_encoder

    yield shared_encoder()


def _mcqs(nlp: Language, encoder: object, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c for c in generate(doc, nlp, "intermediate", encoder, None) if c.type == "mcq"]


@pytest.mark.parametrize("sentence", [
    "Marlow planned one major expedition for 1843: a march on the northern capital.",
    "The Granger Party was going to win the county elections in 1879 when voting was halted.",
    "The sailors, intending to blockade the harbour, left port in March 1822.",
    "In 1911, Ashby proposed an unsuccessful plan to merge the two colleges.",
    "The rise was near the top of the range given by the Board's 1968 projection.",
    "Output was expected to rise in 1931.",
])
def test_a_plan_told_in_the_past_is_no_future(sentence: str) -> None:
    assert not plausible.ahead(sentence)


@pytest.mark.parametrize("sentence", [
    "The company will open a second plant in 2031.",
    "The bridge is expected to open in 2030.",
    "The bridge, expected to open in 2030, spans the bay.",
    "The firm plans to open a store in 2029.",
    "Sales are projected to double by 2035.",
])
def test_a_sentence_of_the_future_still_may_pass_the_present(sentence: str) -> None:
    assert plausible.ahead(sentence)


PAST = (
    "The Velmar Company was founded in 1821 by the brothers Otto and Karl Velmar in Brisk. "
    "The company built its first mill on the river in 1829. "
    "Its directors opened a second mill at Harn in 1834. "
    "Otto Velmar planned one major expansion for 1838: a new mill at the port of Sella. "
)


def test_a_past_plan_year_is_offered_no_year_after_the_page(nlp: Language,
                                                             encoder: object) -> None:
    cards = [c for c in _mcqs(nlp, encoder, PAST) if c.answer == "1838"]
    assert cards, "the engine asks the planned year"
    for card in cards:
        years = [int(y) for o in card.choices for y in re.findall(r"\d{4}", o)]
        assert max(years) <= 1838, card.choices
