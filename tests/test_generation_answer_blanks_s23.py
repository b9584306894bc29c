"""Answer-aware questions, session 23: an answer whose sentence leans on the page ('This is
called …', 'These stages …', 'the system') or that is the number of a time unit ('within 40
days') gets a question, not a fill-in-the-blank: the unresolved pointer stays as written in
the last resort, and the number is asked 'How many days …?' (not 'what date days'). All texts
invented; real spaCy (the ``nlp`` fixture)."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import BLANK, cards_for_answers


def _asked(text: str, answer: str) -> str:
    (card,) = cards_for_answers(text, [answer])
    assert card.answer == answer
    return card.question


@pytest.mark.parametrize(("text", "answer", "expected"), [
    ("Farmers in the valley plant beans after barley every second year. This is called "
     "crop cycling.", "crop cycling", "What is this called?"),
    ("The old mill grinds grain in two passes. These stages were called runs by the millers.",
     "runs", "What were these stages called"),
    ("Village feasts were held in the square. This is usually done on festive occasions.",
     "festive", "What type of occasions"),
])
def test_an_unresolved_pointer_stays_as_written_not_a_blank(nlp, text: str, answer: str,  # type: ignore[no-untyped-def]
                                                            expected: str) -> None:
    question = _asked(text, answer)
    assert BLANK not in question
    assert question.startswith(expected)


def test_the_number_of_a_time_unit_is_asked_how_many(nlp) -> None:  # type: ignore[no-untyped-def]
    question = _asked("The guild met every spring. The guild must elect a new warden within "
                      "40 days of a vacancy.", "40")
    assert BLANK not in question
    assert question.startswith("How many days")


def test_a_resolved_pointer_is_still_replaced(nlp) -> None:  # type: ignore[no-untyped-def]
    # the last resort only: a 'this process' the page names is still written out
    question = _asked("Photosynthesis is the process by which plants make sugar. This process "
                      "takes place in the chloroplasts.", "the chloroplasts")
    assert "this process" not in question.lower()
