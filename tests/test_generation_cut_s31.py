"""A clause cut at a title's colon or before a list in brackets makes no card (s31b).

'Disney paid for Captain America' from '… Captain America: Civil War' and 'The prime ideals of
the ring of integers are the ideals' from '… the ideals (0), (2), (3), …' were rejected by
every reviewer. Invented text, the engine's real spaCy pipeline."""

from __future__ import annotations

import pytest

from agents.generation import boundaries, clauses
from agents.generation.nlp import pipeline
from agents.generation.parsed import parse_sentences
from agents.generation.reference import Resolver


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    loaded = pipeline("en")
    assert loaded is not None
    return loaded


def _clauses(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.text for s in parse_sentences(nlp, [text])
            for c in clauses.clauses(s, Resolver(), nlp)]


def test_no_clause_stops_at_a_titles_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _clauses(nlp, "Fox paid for Dragon Hunter: The Last Flight, Ocean Song and Red "
                         "Morning, Lionsgate paid for Spider Army: Return of the Queen and Lost "
                         "Valley, and the small studio paid for Winter Road.")
    assert not any(c.startswith("The Last Flight") or c.endswith("Spider Army.") for c in made)


def test_no_clause_drops_a_list_in_brackets(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _clauses(nlp, "The odd primes below twenty are the numbers (3), (5), (7), (11), … "
                         "The famous old theorem of Fermat covers every odd prime of the form "
                         "four times a number plus one, which was proved much later by Euler.")
    assert "The odd primes below twenty are the numbers." not in made


def test_an_answer_cut_at_a_titles_colon_is_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The studio paid for Dragon Hunter: The Last Flight in March.")
    start = next(t.i for t in doc if t.text == "Dragon")
    assert boundaries.cut(doc[start : start + 2])
    lower = nlp("The council listed three cities: Paris, Rome and Vienna.")
    assert not boundaries.cut(lower[4:5])  # 'cities' before a list's colon is whole
