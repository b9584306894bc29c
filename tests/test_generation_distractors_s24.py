"""Session 24's absurd multiple-choice options, through the engine (parsed.generate with the
real pipeline and MiniLM) on invented text: a range of alternatives moved one number of each
pair, a deep time multiplied past the page's scale, a year before the subject's stated birth."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import plausible
from agents.generation.cards import Candidate
from tests.engine import generated


def _options(nlp: Language, text: str, encoder: object, answer: str) -> list[list[str]]:
    cards: list[Candidate] = generated(nlp, text, encoder, "mcq")
    return [[c for c in card.choices if c != card.answer] for card in cards
            if card.answer == answer]


SCHOOLS = (
    "The Veltrian school system has three stages that every child passes through. "
    "Secondary school age in Veltria is 12/13-17/18 years. "
    "Most pupils then enter a trade college or a university in the capital."
)


def test_a_range_of_alternatives_is_not_moved_one_number_of_each_pair() -> None:
    """s24: 'Primary school age is 6/7-13/14 years' was offered '6/9-15/14 years' (ends out
    of order, every reviewer rejected it): the range and age steps read one number of each
    pair. Such an answer gets no moved options; a plain range keeps its steps."""
    assert plausible.ages("12/13-17/18 years", "intermediate") == []
    assert plausible.ranges("12/13-17/18 years", "intermediate") == []
    assert plausible.ages("age 18 to 28", "intermediate")
    assert plausible.ranges("10-20%", "intermediate")


def test_no_card_offers_a_garbled_range_of_alternatives(nlp: Language, encoder: object) -> None:
    for options in _options(nlp, SCHOOLS, encoder, "12/13-17/18 years"):
        garbled = [o for o in options if re.search(r"\d/\d", o)]
        assert not garbled, options


MARS = (
    "Liquid water was almost absent from the surface of Mars before volcanic gases thickened "
    "its air, probably about 3.8 billion years ago. "
    "Its crust formed about 4.4 billion years ago, as that of the Earth did. "
    "Much of the water was lost to space later, about 2 billion years ago."
)


def test_a_deep_time_stays_within_the_page_s_scale(nlp: Language, encoder: object) -> None:
    """s24b: 'about 3.5 billion years ago' was offered 'about 5.2' and 'about 7.0 billion
    years ago' (x1.5, x2: older than the Earth, every reviewer rejected it). Options stay
    between half the answer and the page's oldest such time (here 4.4 billion)."""
    found = _options(nlp, MARS, encoder, "about 3.8 billion years ago")
    assert found, "no card asks the water's time"
    for options in found:
        values = [plausible.ago(o) for o in options]
        assert all(v is not None and 1.9e9 <= v <= 4.4e9 for v in values), options
        assert len(options) == 3, options


def test_a_deep_time_band() -> None:
    band = plausible.ago_band("about 3.5 billion years ago", 3.5e9)
    assert band is not None
    assert not plausible.in_band("about 7.0 billion years ago", band)
    assert not plausible.in_band("about 5.2 billion years ago", band)
    assert plausible.in_band("about 2.6 billion years ago", band)
    assert plausible.ago_band("in 1975", None) is None


REPORTER = (
    "Dana Whitlow (b. 1969) is a radio reporter and essayist from Ohio. "
    "Whitlow graduated from Kent State University in 1991 with a degree in history. "
    "She joined a public radio station in Cleveland in 1994 and hosted its morning show."
)


def test_no_year_before_the_subject_s_stated_birth(nlp: Language, encoder: object) -> None:
    """s24b: 'Smith graduated from the University of Pennsylvania in _____' (1997) was offered
    '1975', the birth year the page gives him ('Jamil Smith (b. 1975)'): every reviewer
    rejected it. No option for what a named person did is at or before their stated birth."""
    assert plausible.births([REPORTER]) == {"Whitlow": 1969}
    assert plausible.births(["Ada Byron was born in London in 1815."]) == {"Byron": 1815}
    # a pronoun names no one, and a year in the next clause is no birth (s12: 'She was born
    # Maria Górska in Warsaw to wealthy parents and in 1916 married …', kept with '1896')
    assert plausible.births(["She was born Ida Vell in Turin to rich parents and in 1921 "
                             "married a lawyer."]) == {}
    found = _options(nlp, REPORTER, encoder, "1991")
    assert found, "no card asks the graduation year"
    for options in found:
        years = [int(y) for o in options for y in re.findall(r"\d{4}", o)]
        assert all(y > 1969 for y in years), options
