"""Garbled question cards of session 26's blind reviews ('echo'): a shortened question never
leaves a bare noun a preposition governs without its complement ('in exchange' without 'for
…'); a bare infinitive made a question's verb ("Who give the network …?") fails the grammar
gate, and so does an object question without do-support ("What Sociologist … points out that
… is clear?"). All texts invented, real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.grammar import problems
from tests.engine import generated


def _questions(nlp: Language, text: str) -> list[str]:
    return [c.question for c in generated(nlp, text) if c.type in ("qa", "mcq")]


@pytest.mark.parametrize(("text", "dangling"), [
    ("Around 1921, the Harlan guild agreed to rebuild the old mill in exchange for the right "
     "to collect a toll on the river road.", " in exchange"),
    ("Around 1880, the town council agreed to lease the old quay to the Brenn company in "
     "return for a share of the harbour dues collected each year.", " in return"),
])
def test_a_shortened_question_keeps_what_completes_a_bare_noun(nlp: Language, text: str,
                                                               dangling: str) -> None:
    questions = _questions(nlp, text)
    # the phrase may stay with its 'for …' or go whole, never stay without it
    assert not [q for q in questions if dangling in q and f"{dangling} for" not in q], questions


def test_a_bare_infinitive_is_no_question_verb(nlp: Language) -> None:
    assert "a plural verb for a wh-subject" in problems(
        nlp("Who give the station a bridge between radio and print?"))
    assert problems(nlp("Who gave the station a bridge between radio and print?")) == []
    assert problems(nlp("Who gives the station its news?")) == []


def test_an_object_question_needs_do_support(nlp: Language) -> None:
    # the wh-word fronted before the sentence's subject and finite verb (s26: the gap sat in a
    # clause the verb's complement holds)
    assert "an object question without do-support" in problems(nlp(
        "What Historian Anna Kell points out that towns have high rates of literacy is clear?"))
    assert "an object question without do-support" not in problems(nlp(
        "What does the historian Anna Kell point out about the towns?"))
    assert "an object question without do-support" not in problems(nlp(
        "Who founded the Vellan weaving guild in 1642?"))
