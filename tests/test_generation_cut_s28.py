"""A lowercase role or kind word before a name stays outside the blank: s28/s28b reviewers
rejected 'from _____' -> 'manufacturer Thomson' and 'ABC debuted the _____' -> 'soap opera
General Hospital' ("'manufacturer' should be outside the blank"); the name alone is asked.
A place's adjective stays with its place ('southwestern France' was kept)."""

from __future__ import annotations

import pytest

from agents.generation import spans


def _answers(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    sent = next(iter(nlp(text).sents))
    return [a.text for a in spans.answers(sent)]


@pytest.mark.parametrize("text, name, described", [
    ("Last spring the clinic ordered its new scanners from supplier Halvorsen.",
     "Halvorsen", "supplier Halvorsen"),
    ("Last spring the clinic ordered its new scanners from the manufacturer Philips.",
     "Philips", "manufacturer Philips"),
    ("In 1971, NBC launched the game show Lucky Ladder, which ran for a decade.",
     "Lucky Ladder", "game show Lucky Ladder"),
])
def test_role_word_before_a_name_stays_outside_the_answer(nlp, text, name, described) -> None:  # type: ignore[no-untyped-def]
    made = _answers(nlp, text)
    assert name in made, made
    assert described not in made, made


def test_a_places_adjective_stays_with_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _answers(nlp, "Most of the wine comes from southwestern France.")
    assert "southwestern France" in made, made
    assert "France" not in made, made
