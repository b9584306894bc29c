"""Answer-aware questions, session 22: structures of the answer's sentence that ended in an
in-place ('A tradition of what had developed?') or window question, now asked as inverted
questions. All texts invented; real spaCy."""

from __future__ import annotations

from typing import Any

import pytest

from agents.generation.answer_aware import question_for_answer


def asked(text: str, answer: str) -> str:
    return question_for_answer(text, answer)[0]


@pytest.mark.parametrize(("text", "answer", "question"), [
    # the answer names the noun before its 'of': the noun carries the wh-word
    ("In the northern valleys a tradition of weaving had developed over many centuries.",
     "weaving", "What tradition had developed"),
    ("In 1204 the merchants visited the city of Smyrna with their ships.", "Smyrna",
     "What city did the merchants visit"),
])
def test_a_noun_named_by_its_of_phrase_carries_the_wh_word(nlp: Any, text: str, answer: str,
                                                           question: str) -> None:
    assert asked(text, answer).startswith(question)


def test_a_part_noun_before_of_is_not_asked_as_a_class(nlp: Any) -> None:
    # 'the east of Ireland' does not make 'What east …?'
    q = asked("The settlers lived mostly in an area in the east of Varnland.", "Varnland")
    assert not q.lower().startswith("what east")


@pytest.mark.parametrize(("text", "answer", "question"), [
    # the years a noun's brackets give it: when the thing was
    ("Many sailors fought at sea during the first years of the Baltic Revolt (1571–1598).",
     "1571–1598", "When was the Baltic Revolt?"),
    ("Even before the Edict of Varenne (1629), the guilds had lost their power.", "1629",
     "When was the Edict of Varenne?"),
    # another name a common noun's brackets give it
    ("The engineers added a small coal bin (bunker) beside the boiler.", "bunker",
     "What is another name for the small coal bin?"),
])
def test_what_a_noun_s_brackets_give_it_is_asked_of_the_noun(nlp: Any, text: str, answer: str,
                                                             question: str) -> None:
    assert asked(text, answer) == question


def test_a_name_s_brackets_are_not_asked_as_another_name(nlp: Any) -> None:
    q = asked("Some astronomers predicted the existence of another moon (Kestrel) to explain "
              "the orbit.", "Kestrel")
    assert "another name for" not in q


@pytest.mark.parametrize(("text", "answer", "question"), [
    # the amount a noun's 'of' gives: what the measure was
    ("At the start of the war, the northern settlements had a population of roughly 40,000 "
     "farmers.", "roughly 40,000 farmers",
     "What was the population of the northern settlements?"),
    ("For the 2019 season annual membership was $2,000, with a total cost of training of "
     "$9,000.", "$9,000", "What was the total cost of training?"),
])
def test_an_amount_a_noun_s_of_gives_asks_for_the_measure(nlp: Any, text: str, answer: str,
                                                          question: str) -> None:
    assert asked(text, answer) == question


def test_a_person_after_a_noun_s_of_is_not_asked_as_the_noun(nlp: Any) -> None:
    # 'the beloved city of Tomas Verne' is Verne's city, not a city called Verne
    q = asked("Harbury was the beloved city of Tomas Verne.", "Tomas Verne")
    assert not q.lower().startswith("what beloved city")


def test_a_phrase_in_brackets_is_not_another_name(nlp: Any) -> None:
    q = asked("The key point is that heat intake (in the furnace) and release (in the cooler) "
              "are slow processes in the Varga engine.", "in the cooler")
    assert "another name for" not in q
