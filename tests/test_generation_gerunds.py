"""Answer-aware questions, session 20 (issue 9 benchmark 2): an answer inside a subject-less
gerund after a preposition or a time conjunction that says its event happened ('after leaving
Vienna', 'by selling his paintings', 'While studying in Lyon') is fronted with do-support, the
gerund taking the subject and tense of the verb it hangs on; a verb that shares a relative
pronoun's subject is asked of the pronoun's antecedent. All texts invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.answer_aware import question_for_answer
from agents.generation.asking import ask
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
from agents.generation.reference import Resolver
from agents.generation.spans import locate


@pytest.fixture(scope="module")
def nlp() -> Language:
    found = pipeline("en", DEFAULT_PIPELINES)
    assert found is not None
    return found


_LEFT = "Marta Lind founded the company in 1990 after leaving Vienna at the age of 34."
_SOLD = "The old bridge was saved in 1920. Ivo Brandt raised the money by selling his paintings."


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: '… after leaving Vienna at the age of what date?' (the answer left in place)
    (_LEFT, "34", "At what age did Marta Lind leave Vienna?"),
    # before: 'Ivo Brandt raised the money by selling what?'
    (_SOLD, "his paintings", "What did Ivo Brandt sell?"),
    # before: 'While studying where, Anna Kemp met the painter Paul Roux?'
    ("While studying in Lyon, Anna Kemp met the painter Paul Roux.", "Lyon",
     "Where did Anna Kemp study?"),
    # before: 'On reaching what, the sailors built a small fort of stone?'
    ("On reaching the coast, the sailors built a small fort of stone.", "the coast",
     "What did the sailors reach?"),
])
def test_an_answer_in_a_gerund_that_happened_is_fronted(text: str, answer: str,
                                                       expected: str) -> None:
    assert question_for_answer(text, answer)[0] == expected


@pytest.mark.parametrize(("text", "answer", "verb"), [
    ("Anna Kemp died in 1912 before finishing her third novel.", "her third novel", "finish"),
    ("The tribe survived the winter without touching the grain stores.", "the grain stores",
     "touch"),
    ("The guild was fined for selling bread in the square.", "the square", "sell"),
])
def test_a_gerund_that_did_not_happen_is_not_stated(text: str, answer: str, verb: str) -> None:
    # 'before', 'without', 'for': 'What did Anna Kemp finish?' would be a wrong fact
    question = question_for_answer(text, answer)[0].lower()
    assert not (question.startswith(("what ", "where ")) and f" {verb} " in question), question


@pytest.mark.parametrize(("text", "answer", "verb"), [
    # a passive's subject is not the doer: the cost does not share the tools
    ("The cost can be reduced by sharing the tools.", "the tools", "share"),
    # a copula's subject is not the doer either
    ("Early treatment is crucial in stopping the fever.", "the fever", "stop"),
    # a modal: whether it was done, the sentence does not say
    ("The town could have avoided the flood by building a dam.", "a dam", "build"),
    # a relative clause: the gerund hangs on a verb of something that was never done
    ("Instead of writing laws that help farmers while taxing the merchants, the council "
     "waited.", "the merchants", "tax"),
])
def test_a_gerund_whose_doer_the_head_does_not_say_is_not_fronted(text: str, answer: str,
                                                                  verb: str) -> None:
    question = question_for_answer(text, answer)[0].lower()
    assert not (question.startswith(("what ", "who ")) and f" {verb} " in question), question


def test_a_gerund_is_not_asked_in_place(nlp: Language) -> None:
    # the deck path too: a gerund has no tense of its own for an in-place question
    sent = nlp("Ganondorf fights Link by possessing Zelda's body.")[:]
    answer = locate(sent, "Zelda")
    assert answer is not None
    asked = ask(sent, answer, Resolver())
    assert asked is None or "possessing" not in asked.question


def test_a_verb_sharing_a_relative_subject_asks_of_its_antecedent() -> None:
    # before: 'Where did who die?'
    text = "The prize went to Ivo Brandt, who was born in Ulm and died in Princeton."
    assert question_for_answer(text, "Princeton")[0] == "Where did Ivo Brandt die?"



def _deck_question(nlp: Language, text: str, answer: str) -> str | None:
    sent = nlp(text)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found, Resolver())
    return None if asked is None else asked.question


def test_the_deck_asks_a_shared_relative_subject_by_its_antecedent(nlp: Language) -> None:
    # before: 'Where did who die?' (the deck path as well)
    assert _deck_question(nlp, "The prize went to Ivo Brandt, who was born in Ulm and died in "
                               "Princeton.", "Princeton") == "Where did Ivo Brandt die?"


def test_a_participle_hung_on_a_relative_clause_is_not_the_relative_s(nlp: Language) -> None:
    # before: 'What did that gain?': the sentence-final participle is the knight's, whatever
    # verb the parser hung it on
    text = "The knight was freed from the curse that held him in stone, gaining a silver sword."
    question = _deck_question(nlp, text, "a silver sword")
    assert question is None or not question.startswith(("What did that", "What did the curse"))


def test_the_deck_does_not_front_a_gerund(nlp: Language) -> None:
    # the gerunds are answer-aware mode's: the deck path asks as before
    assert _deck_question(nlp, _LEFT, "Vienna") is None
