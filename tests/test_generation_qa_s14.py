"""Question cards session 14's reviews rejected (issue 9): a consequence asked with its cause
and effect swapped, and object/adjunct questions inverted over a modal. Each test fails on
the engine before this change (84ea0e4); the clean questions beside them must still pass."""

from __future__ import annotations

import pytest

from agents.generation import narrow, questions
from agents.generation.asking import Asked, ask
from agents.generation.spans import locate


@pytest.mark.parametrize("sentence, question, answer", [
    ("Smoking causes lung cancer.", "What does smoking cause?", "lung cancer"),
    ("The long drought of 1930 led to widespread crop failure.",
     "What did the long drought of 1930 lead to?",
     "widespread crop failure"),
    ("The new canal produced a rapid growth of trade.",
     "What did the new canal produce?", "a rapid growth of trade"),
])
def test_a_consequence_is_asked_as_what_the_cause_led_to(nlp, sentence: str, question: str,  # type: ignore[no-untyped-def]
                                                         answer: str) -> None:
    # before: "According to the text, what causes smoking?" → "lung cancer" (effect for cause)
    assert questions.consequence_question(sentence, "en", nlp) == (question, answer)


@pytest.mark.parametrize("sentence", [
    "The flu is usually caused by a virus in the winter.",  # passive: no do-support reads
    "Damage to the liver has resulted in poor digestion.",  # a perfect: 'did … has result'
])
def test_a_consequence_behind_an_auxiliary_makes_no_question(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert questions.consequence_question(sentence, "en", nlp) is None


MODAL = "a question inverted over a modal"


@pytest.mark.parametrize("sentence, answer, verdict", [
    ("Dutch farmers could sell their wheat to the Hanseatic League.", "Hanseatic League", MODAL),
    ("Young sunflowers must receive direct sunlight from the east.", "direct sunlight", MODAL),
    ("The Venetian merchants would buy pepper in Alexandria.", "Alexandria", MODAL),
    # the same questions without a modal are trusted
    ("Dutch farmers sold their wheat to the Hanseatic League.", "Hanseatic League", ""),
    ("Young sunflowers received direct sunlight from the east.", "direct sunlight", ""),
    ("The Venetian merchants bought pepper in Alexandria.", "Alexandria", ""),
])
def test_a_question_inverted_over_a_modal_is_not_trusted(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                         answer: str, verdict: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and asked.role != "subject", asked
    assert narrow.untrusted(asked, found, sent) == verdict, asked


def test_an_answer_inside_a_bracketed_aside_is_not_trusted(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = nlp("The old harbour lies at a depth of 12 metres (near the northern wall of "
               "Dunmore).")[:]
    found = locate(sent, "Dunmore")
    assert found is not None
    asked = Asked("What does the old harbour lie at a depth of 12 metres?", "Dunmore", "object")
    assert narrow.untrusted(asked, found, sent) == "an answer inside a bracketed aside"
    outside = locate(sent, "12 metres")
    assert outside is not None and not narrow.in_brackets(outside, sent)


def test_a_subject_question_without_a_finite_verb_is_not_trusted(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = nlp("The new protocol allowed Norway to be included in the fishing treaty.")[:]
    found = locate(sent, "Norway")
    assert found is not None
    asked = Asked("What to be included in the fishing treaty?", "Norway", "subject")
    assert narrow.untrusted(asked, found, sent) == "no finite verb"
