"""grammar.problems reports each problem once: the count is a cost (phrasing._cost) and a
ranking feature, so a problem two checks find must not weigh twice (session 26)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import grammar


@pytest.mark.parametrize("question", [
    # a straight double quote left open and a single quote never closed: one unbalanced quote
    "What did the \"old miller call the 'grain house?",
    # curly double quotes that do not pair and an odd code backtick
    "What did “the miller call the grain `house?",
])
def test_an_unbalanced_quote_is_one_problem(nlp: Language, question: str) -> None:
    found = grammar.problems(nlp(question))
    assert found.count("unbalanced quote") == 1


def test_two_checks_of_one_problem_report_it_once(nlp: Language) -> None:
    found = grammar.problems(nlp("What did the miller proclaim beginning a feud built started?"))
    assert "two verbs side by side" in found
    assert len(found) == len(set(found))


def test_an_infinitive_for_a_subject_has_one_owner(nlp: Language) -> None:
    # grammar.problems and agreement.problems each had a check of their own for it
    question = "What is to plant a hedge along the orchard in order to shelter it?"
    found = grammar.problems(nlp(question))
    assert found.count("an infinitive for a subject") == 1
