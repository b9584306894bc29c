"""Answer-aware questions, session 31 (QG-Bench wording): a wh-phrase left in place in
mid-question, the object of a preposition of the main verb, is moved to the front together
with its preposition ('Valden law was written down in how many codices in Latin …?' → 'In
how many codices was Valden law written down in Latin …?'). fronting.fronted strands the
preposition and so moves only a phrase that ends the question; the in-place question (often
the last-resort window) opened with no wh-word. All texts invented; real spaCy."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import question_for_answer
from agents.generation.fronting import pied_piped
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline


def _nlp():  # type: ignore[no-untyped-def]
    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    return nlp


@pytest.mark.parametrize(("question", "expected"), [
    ("Old Valden law was written down in how many codices in Latin by two clerks?",
     "In how many codices was Old Valden law written down in Latin by two clerks?"),
    ("Queen Ilsa sailed across what sea with her fleet?",
     "Across what sea did Queen Ilsa sail with her fleet?"),
    ("The guild moved to what city in 1412 after the fire?",  # the parser's pcomp
     "To what city did the guild move in 1412 after the fire?"),
])
def test_a_mid_question_wh_phrase_moves_with_its_preposition(question: str,
                                                            expected: str) -> None:
    assert pied_piped(_nlp()(question)) == expected


@pytest.mark.parametrize("question", [
    "Queen Ilsa led an army of how many?",  # it ends the question: fronted's work
    "What sea did Queen Ilsa sail across?",  # fronted already
    "The builders of what tower came from Harlow?",  # in the subject
    "Marta complained about what and the cold of the island in her letters?",  # a conjunct
    "The envoys of Queen Ilsa reached the walls of what town before the winter?",  # of a noun
])
def test_no_pied_piped_question_when_it_cannot_be_made_cleanly(question: str) -> None:
    assert pied_piped(_nlp()(question)) is None


def test_the_window_question_opens_with_its_moved_wh_phrase() -> None:
    # the answer is the first 'two' of two: no clause-level question, the window was asked
    text = ("Valden customary law was transcribed in two codices in Latin by two clerks for use "
            "by them and their students.")
    question, _ = question_for_answer(text, "two")
    assert question.startswith("In how many codices was Valden customary law transcribed in "
                               "Latin"), question
