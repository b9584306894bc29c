"""Session 27: a year's options stay within the life the page states for the people and bodies
its stem names (s26: 'When did John F. Kennedy sign the Equal Pay Act into law?' (1963)
offered 1978 and 1988, after his death; 'When did NASA announce ... Grumman?' (November 1962)
offered November 1952 and 1957, before NASA was founded). The page's own words bound the life:
a person's dates or death, a body's founding; no list of people. On invented text through the
engine (parsed.generate, the real pipeline and MiniLM) and on plausible.lives."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import plausible
from tests.engine import generated

_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")

GOVERNOR = (
    "Mara Quillfeather (1880–1942) governed the province of Aldmark for two decades. "
    "Quillfeather signed the Harbor Wages Act into law in 1940. "
    "Her successor widened the northern canal in 1951."
)
AGENCY = (
    "The Velmont Survey Office was founded in 1931 to chart the inland lakes. "
    "The Velmont Survey Office chose the Pell Company as its dredging contractor in 1935. "
    "Its engineers finished the northern lock after several dry summers."
)


def _options(nlp: Language, text: str, encoder: object, answer: str) -> list[list[str]]:
    cards = generated(nlp, text, encoder, kind="mcq")
    return [[o for o in c.choices or [] if o != c.answer] for c in cards if c.answer == answer]


def test_lives_reads_dates_deaths_and_foundings() -> None:
    """A person's dates give both ends, a death the last, a founding the first; a name that
    ends a longer one ('the University of Arlen') and a tenure are no life."""
    assert plausible.lives([GOVERNOR]) == {"Quillfeather": (1881, 1942)}
    assert plausible.lives(["Osric Dunmore died in 1907 at his farm."]) == \
        {"Dunmore": (None, 1907)}
    assert plausible.lives(["The Velmont Survey Office was founded in 1931."]) == \
        {"Office": (1931, None)}
    assert plausible.lives(["The University of Arlen was incorporated in 1890."]) == {}
    assert plausible.lives(["Hale (mayor, 1901–1909) paved the square."]) == {}


def test_in_life_bounds_only_a_side_the_answer_lies_inside() -> None:
    """An option leaves the life only on a side the answer lies strictly inside: the death
    year itself (the answer 'When did she die?') keeps its later options."""
    life = (1881, 1942)
    assert not plausible.in_life("1948", "1938", life)
    assert not plausible.in_life("1878", "1938", life)
    assert plausible.in_life("1933", "1938", life)
    assert plausible.in_life("1947", "1942", life)


def test_no_option_after_the_named_person_s_death(nlp: Language, encoder: object) -> None:
    """The governor's law (1940) is offered no year after her stated death (1942)."""
    found = _options(nlp, GOVERNOR, encoder, "1940")
    assert found, "no card asks the year of the law"
    for options in found:
        assert all(int(y) <= 1942 for o in options for y in _YEAR.findall(o)), options


def test_no_option_before_the_named_body_s_founding(nlp: Language, encoder: object) -> None:
    """The office's choice of contractor (1935) is offered no year before its founding
    (1931)."""
    found = _options(nlp, AGENCY, encoder, "1935")
    assert found, "no card asks the year of the contract"
    for options in found:
        assert all(int(y) >= 1931 for o in options for y in _YEAR.findall(o)), options
