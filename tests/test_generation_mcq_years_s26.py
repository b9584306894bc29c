"""Session 26's number and date options a student rejects on sight: 'When did John F. Kennedy
sign the Equal Pay Act into law?' (1963) offered 1953, 1978 and 1988, 'When did NASA announce
... Grumman' (November 1962) November 1942, 1952 and 1957, '2 weeks' '1 weeks'. Without world
knowledge a date's options stay close to it, so that they rarely leave the lifetime of the
people and bodies its stem names; a count with a plural unit is never offered as '1'. On
invented text through the engine (parsed.generate, the real pipeline and MiniLM)."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from agents.generation.distractors import _perturb
from agents.generation.terms import Term
from tests.engine import generated

_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")




TEXT = (
    "Governor Alma Brennick signed the Harbor Wages Act into law in 1937. "
    "The Delmore Canal Board chose the Pell Company as its dredging contractor in March 1941. "
    "The board's engineers finished the northern lock in 1944."
)


def test_a_dated_answer_is_offered_nearby_years(nlp: Language, encoder: object) -> None:
    """s26: a single year or a month and year (1963, November 1962) was offered years ten to
    twenty-five away, before or after the life of the president or the body its stem names:
    every option stays within ten years of the answer."""
    cards = [c for c in generated(nlp, TEXT, encoder, kind="mcq") if _YEAR.search(c.answer)]
    assert cards, "no dated multiple-choice card"
    for card in cards:
        year = int(_YEAR.findall(card.answer)[0])
        for option in card.choices or []:
            assert abs(int(_YEAR.findall(option)[0]) - year) <= 10, (card.answer, card.choices)


@pytest.mark.parametrize("difficulty", ["beginner", "intermediate"])
def test_a_plural_count_is_never_offered_as_one(difficulty: str) -> None:
    """s26b: 'How long does the festival run each year?' (2 weeks) offered '1 weeks'."""
    for answer in ("2 weeks", "2 miles", "3 days"):
        options = _perturb(Term(answer, "number", 0, len(answer)), difficulty)
        assert options and not any(o.startswith("1 ") for o in options), options


def test_a_year_moves_by_small_steps() -> None:
    """The intermediate steps of a year stay within ten years for its first three options."""
    options = _perturb(Term("1963", "year", 0, 4), "intermediate")
    assert all(abs(int(o) - 1963) <= 10 for o in options[:3]), options
