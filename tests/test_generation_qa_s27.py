"""Question cards session 26's blind reviews rejected as garbled by the parse (s26c): a
question carrying two finite verbs of one clause, and an '=' read as an equation where it
gives a number's factors or one value of a list. Each test fails on the engine before."""

from __future__ import annotations

import pytest

from agents.generation import grammar, questions


@pytest.mark.parametrize(("question", "garbled"), [
    # from 'It was renamed North Rail Group in 1979; the agency was closed in 1990.'
    ("When was the agency Northern Rail Company was renamed North Rail Group in 1979 closed?",
     True),
    ("When was the depot closed?", False),
    ("What has the depot been renamed?", False),
    ("What might the guild have been built to protect?", False),
])
def test_a_question_with_two_finite_verbs_in_one_clause_is_refused(
        nlp, question: str, garbled: bool) -> None:  # type: ignore[no-untyped-def]
    found = "two finite verbs in one clause" in grammar.problems(nlp(question))
    assert found is garbled


@pytest.mark.parametrize("sentence", [
    "The drawing shows that 18 is not prime: 18 = 2 · 9.",  # a number has many factorings
    "For instance, the candidate divisors tried are by k = 2, 3, 4 and 5.",  # a list, prose
])
def test_an_arithmetic_example_is_no_equation(sentence: str) -> None:
    assert questions.equation(sentence) is None


def test_a_formula_stays_an_equation() -> None:
    assert questions.equation("We know that 3y - 2 = 10, so y is four.") == ("3y - 2", "10")
    assert questions.equation("The energy is E = mc^2.") == ("E", "mc^2")
