"""Answer-aware questions, session 19 (issue 9 benchmark 2): a past in '-ied' the small model
lemmatizes to '-ie' takes its '-y' base after do-support; one of two coordinated phrases of a
verb ('by X in 1412 and by Y in 1588') is asked from its own half; a proper-noun doer of a
passive is asked 'Who …?'. All texts invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.answer_aware import candidates_for, question_for_answer
from agents.generation.asking import base_form
from agents.generation.compression import coordinated_half
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
from agents.generation.spans import locate


@pytest.fixture(scope="module")
def nlp() -> Language:
    found = pipeline("en", DEFAULT_PIPELINES)
    assert found is not None
    return found


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'What did the crew readie before dawn?'
    ("The crew readied the boats before dawn.", "the boats",
     "What did the crew ready before dawn?"),
    # before: 'In what year did the nurses readie the ward?'
    ("The nurses readied the ward in 1920.", "1920", "When did the nurses ready the ward?"),
])
def test_a_past_in_ied_takes_its_y_base_after_do_support(text: str, answer: str,
                                                         expected: str) -> None:
    assert question_for_answer(text, answer)[0] == expected


def test_a_verb_whose_base_ends_in_ie_keeps_it(nlp: Language) -> None:
    for text, base in (("They tied the boat.", "tie"), ("They untied the boat.", "untie"),
                       ("They readied the boat.", "ready"), ("They carried the boat.", "carry")):
        verb = nlp(text)[1]
        assert base_form(verb) == base, text


_CLOCK = "A simple water clock was described by Jan Hollis in 1412 and by Marta Lind in 1588."


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'Who described a simple water clock in 1588?' (the other half's year: wrong)
    (_CLOCK, "Jan Hollis", "Who described a simple water clock in 1412?"),
    # before: the echo 'A simple water clock was described by Jan Hollis in 1412 and by whom
    # in 1588?'
    (_CLOCK, "Marta Lind", "Who described a simple water clock in 1588?"),
    # before: 'In what year was a simple water clock described by Jan Hollis in 1588?'
    (_CLOCK, "1412", "When was a simple water clock described by Jan Hollis?"),
    # before: 'In what year was the treaty signed in Vienna in Paris?'
    ("The treaty was signed in Vienna in 1815 and in Paris in 1856.", "1856",
     "When was the treaty signed in Paris?"),
])
def test_one_of_two_coordinated_phrases_is_asked_from_its_own_half(text: str, answer: str,
                                                                   expected: str) -> None:
    assert question_for_answer(text, answer)[0] == expected


def test_no_candidate_mixes_the_two_halves(nlp: Language) -> None:
    made = candidates_for(_CLOCK, ["Jan Hollis", "Marta Lind"], nlp)
    for m, other in zip(made, ("Marta Lind", "Jan Hollis"), strict=True):
        assert m.candidates
        for c in m.candidates:
            assert other not in c.question and " and by " not in c.question, c.question
    sent = nlp("Salt was carried by boat in winter and by camel in summer.")[:]
    found = locate(sent, "camel")
    assert found is not None
    half = coordinated_half(sent, found.start, found.end)
    assert half is not None and half.text == "Salt was carried by camel in summer."
    # no pair: no half
    sent = nlp("Salt was carried by boat in winter.")[:]
    found = locate(sent, "boat")
    assert found is not None and coordinated_half(sent, found.start, found.end) is None


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'What was the engine developed by in 1890?' (the name read as an ORG)
    ("The engine was developed by Kovacs in 1890.", "Kovacs", "Who developed the engine"),
    # before: 'What was the first bridge developed by?'
    ("The first bridge was developed by Harrow and Pike.", "Harrow and Pike",
     "Who developed the first bridge"),
])
def test_a_proper_noun_doer_of_a_passive_is_asked_who(text: str, answer: str,
                                                      expected: str) -> None:
    assert question_for_answer(text, answer)[0].startswith(expected)


def test_a_work_that_inspired_is_no_who() -> None:
    # a passive's 'by' that names a work or a place is not a doer asked 'Who'
    assert not question_for_answer("The novel was inspired by Hamlet.", "Hamlet")[0].startswith(
        "Who")


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'What did Tomas go to?' (the small model typed the town no place)
    ("In 1835 Tomas went to Carlsbad to meet his parents.", "Carlsbad", "Where did Tomas go"),
    # before: 'What did the painter and his wife move to?'
    ("In 1842 the painter and his wife moved to Square d'Orval.", "Square d'Orval",
     "Where did the painter and his wife move"),
    # before: 'What did the poet return to in 1850?'
    ("The poet returned to Kalvik in 1850.", "Kalvik", "Where did the poet return"),
])
def test_a_name_one_goes_to_is_asked_where(text: str, answer: str, expected: str) -> None:
    assert question_for_answer(text, answer)[0].startswith(expected)


def test_a_person_sent_to_is_no_where() -> None:
    assert question_for_answer("The letters were sent to Liszt.", "Liszt")[0].startswith("Who")


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'By whom was the bridge built?' (the second participle has no auxiliary of its own)
    ("The bridge was designed and built by Harlan Dee.", "Harlan Dee", "Who built the bridge?"),
    # before: 'Who carved the old fountain the sculptor in 1620?' (the role noun stayed)
    ("The old fountain was carved by the sculptor Orsino Valli in 1620.", "Orsino Valli",
     "Who carved the old fountain"),
    # before: 'Who coached the team former player?'
    ("The team was coached by former player Dan Ostrow.", "Dan Ostrow", "Who coached the team?"),
])
def test_a_doer_is_asked_who_with_the_active_verb_and_without_its_role_noun(
        text: str, answer: str, expected: str) -> None:
    question = question_for_answer(text, answer)[0]
    assert question.startswith(expected), question
    assert "sculptor" not in question and "player" not in question


@pytest.mark.parametrize(("text", "answer"), [
    ("The Free Church of Dunmore was established by Royal Charter in 1550.", "Royal Charter"),
    ("The old edict was revoked by the Edict of Varenne.", "the Edict of Varenne"),
])
def test_a_document_that_a_passive_s_by_names_is_no_doer(text: str, answer: str) -> None:
    # the charter is the means: 'Who established the Free Church …?' asks a wrong question
    assert not question_for_answer(text, answer)[0].startswith("Who")
