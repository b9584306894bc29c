"""Answer-aware questions, session 23: the name an apposition gives a description before it
('Who was the last mayor of …?') and a person's bracketed years ('When was X born?'). All
texts invented; real spaCy."""

from __future__ import annotations

from typing import Any

import pytest

from agents.generation.answer_aware import question_for_answer


def asked(text: str, answer: str) -> str:
    return question_for_answer(text, answer)[0]


@pytest.mark.parametrize(("text", "answer", "question"), [
    ("The last prime minister of the old republic, Hendry Wilks, opened the bridge in 1890.",
     "Hendry Wilks", "Who was the last prime minister of the old republic?"),
    ("The town's first mayor, Piet Vos, built the harbour wall in 1650.", "Piet Vos",
     "Who was the town's first mayor?"),
    ("The last Prime Minister of the Velan Republic, Otto Brandl, signed the treaty.",
     "Otto Brandl", "Who was the last Prime Minister of the Velan Republic?"),
])
def test_a_name_after_its_description_is_asked_by_the_description(
        nlp: Any, text: str, answer: str, question: str) -> None:
    assert asked(text, answer) == question


def test_a_place_the_tagger_calls_a_person_is_not_asked_with_who(nlp: Any) -> None:
    q = asked("The ship sailed to the largest island in the bay, Morrow Key, in 1890.",
              "Morrow Key")
    assert not q.startswith("Who was the largest island")


@pytest.mark.parametrize(("answer", "question"), [
    ("1702", "When was Anna Kolbe born?"),
    ("1768", "When did Anna Kolbe die?"),
])
def test_a_persons_bracketed_years_ask_birth_and_death(nlp: Any, answer: str,
                                                       question: str) -> None:
    text = "The surveyor Anna Kolbe (1702–1768) mapped the northern coast of the bay."
    assert asked(text, answer) == question
