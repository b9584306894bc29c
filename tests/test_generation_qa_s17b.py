"""Question and statement classes sessions 17/17b's reviews rejected (issue 9), on invented
text: "What" asked of a named subject that came to know something, a definition asked of a
bare date, one century asked for two. Each test fails on the engine before this change
(e0dd94a); the clean cases beside them must pass."""

from __future__ import annotations

import pytest

from agents.generation.asking import ask
from agents.generation.spans import locate


def _ask(nlp, sentence: str, answer: str):  # type: ignore[no-untyped-def]
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    return ask(sent, found)


@pytest.mark.parametrize("sentence, answer", [
    ("Later, Halvard realized that the speed of the ice depended on the slope of the valley.",
     "Halvard"),
    # (a name the model types a person was asked with 'Who' already, and stays so)
    ("In 1804, Brenner discovered that the mineral dissolved slowly in cold water.", "Brenner"),
])
def test_a_named_knower_is_asked_who(nlp, sentence: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, sentence, answer)
    assert asked is not None and asked.question.startswith("Who "), asked


def test_a_thing_that_shows_stays_what(nlp) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, "The river carried silt that settled in the delta.", "The river")
    assert asked is None or not asked.question.startswith("Who "), asked


@pytest.mark.parametrize("sentence, answer", [
    ("October 4, 1799 was the wettest day in Velmoran history.",
     "the wettest day in Velmoran history"),
    ("March 3, 1921 was the coldest day in the history of Norland.",
     "the coldest day in the history of Norland"),
])
def test_a_bare_date_is_not_defined(nlp, sentence: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, sentence, answer)
    assert asked is None or not asked.question.startswith("What was"), asked


def test_a_thing_is_still_defined(nlp) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, "The Velda was the longest river in Norland.", "the longest river in Norland")
    assert asked is not None and asked.question == "What was the Velda?", asked


def test_two_centuries_are_asked_as_two(nlp) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, "During the twelfth and thirteenth centuries, stone bridges spread across "
                      "northern Italy.", "twelfth and thirteenth centuries")
    assert asked is not None and asked.question.startswith("In which centuries "), asked
    one = _ask(nlp, "During the twelfth century, stone bridges spread across northern Italy.",
               "twelfth century")
    assert one is not None and "which centuries" not in one.question.lower(), one
