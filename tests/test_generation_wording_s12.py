"""Question wording, session 12 (issue 9): 'who' for people the small model leaves untyped,
attributed claims, merged clauses, wh-movement out of a noun's complement."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import question_for_answer


@pytest.mark.parametrize(("text", "answer"), [
    # a person noun in -ist / -ian the person list lacks
    ("Economists warned the ministers about the rising debt.", "Economists"),
    ("Local musicians played at the opening of the new hall.", "Local musicians"),
    # a noun for a group of people
    ("The rebel regiments guarded the northern border for a decade.", "The rebel regiments"),
    # a plural subject of a verb only people do
    ("Farmhands settled along the river after the drought.", "Farmhands"),
])
def test_people_without_an_entity_label_are_asked_with_who(text: str, answer: str) -> None:
    # before: 'What warned the ministers …?', 'What guarded the northern border …?'
    question = question_for_answer(text, answer)[0]
    assert question.startswith("Who "), question


@pytest.mark.parametrize(("text", "answer"), [
    ("Heavy rains flooded the valley in the spring.", "Heavy rains"),
    ("The committee's lists settled the matter of the budget.", "The committee's lists"),
    ("Floods fought the dam for a week.", "Floods"),
])
def test_things_are_still_asked_with_what(text: str, answer: str) -> None:
    question = question_for_answer(text, answer)[0]
    assert question.startswith("What "), question


@pytest.mark.parametrize("text", [
    "Lenin argued that the Ottoman Empire had itself become a colony of the banks.",
    # the claim before its verb, in a longer sentence that is cut into clauses
    "The Ottoman Empire had itself become a colony of the banks while it kept up a large army "
    "and a navy in the east, Lenin argued in his pamphlet.",
])
def test_a_claim_is_asked_with_its_claimer(text: str) -> None:
    # before: 'What had itself become a colony of the banks?' (a claim asked as a fact)
    question = question_for_answer(text, "Ottoman Empire")[0]
    assert question.startswith("According to Lenin, which empire "), question


def test_a_claim_whose_claimer_the_card_cannot_name_is_no_question() -> None:
    # before: 'What was the longest river in Europe?' (his claim, and who he is is unknown)
    question = question_for_answer("He claimed that the Volga was the longest river in Europe.",
                                   "the Volga")[0]
    assert not question.startswith(("What", "Which")), question
