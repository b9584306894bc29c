"""Answer-aware questions, session 24 (QG-Bench wording), second part: a wh-phrase left in
place inside a clause English cannot move it out of (an adverbial clause, a relative clause,
a second verb with its own subject) is asked with that clause alone, the phrase first ('The
port grew after the Talvari built a bridge over what river?' → 'What river did the Talvari
build a bridge over?'); one inside an open clause ('forced to decline an invitation from
what city') moves to the front of the whole question; the last-resort window question is
also offered so moved. All texts invented; real spaCy."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import candidates_for
from agents.generation.fronting import clause_fronted, fronted
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline


def _nlp():  # type: ignore[no-untyped-def]
    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    return nlp


@pytest.mark.parametrize(("question", "expected"), [
    ("The port grew after the Talvari built a bridge over what river?",
     "What river did the Talvari build a bridge over?"),
    ("Traders reached the Velm River which flows into what sea?",
     "What sea does the Velm River flow into?"),
    ("Talvi wrote the song and Marta sang it in what city?",
     "What city did Marta sing it in?"),
    ("Historians say that the old duke was buried in what town?",
     "What town was the old duke buried in?"),
])
def test_the_clause_that_holds_the_wh_phrase_is_asked_alone(question: str,
                                                           expected: str) -> None:
    assert clause_fronted(_nlp()(question)) == expected


@pytest.mark.parametrize("question", [
    "What river did the Talvari cross?",  # fronted already
    "The port grew after the Talvari built a bridge over what river in 1402?",  # not its end
    "Historians say that the old duke died in what year?",  # a year is asked 'When'
    "The Talvari built a bridge over what river?",  # no clause: fronted's work
])
def test_no_clause_question_when_it_cannot_be_made_cleanly(question: str) -> None:
    assert clause_fronted(_nlp()(question)) is None


def test_a_wh_phrase_leaves_an_open_clause() -> None:
    asked = fronted(_nlp()("Queen Ilsa was forced by illness to decline an invitation from "
                           "what city?"))
    assert asked == "What city was Queen Ilsa forced by illness to decline an invitation from?"


def test_the_parsers_pcomp_of_a_preposition_is_a_path_out() -> None:
    nlp = _nlp()
    question = "The Talvari settled mostly in an area in the east of what place?"
    assert [t.dep_ for t in nlp(question)][-2] == "pcomp"  # the parse this covers
    assert fronted(nlp(question)) == \
        "What place did the Talvari settle mostly in an area in the east of?"


def test_no_article_after_the_wh_word_is_moved() -> None:
    assert fronted(_nlp()("Queen Ilsa trained what a joint commando force?")) is None


def test_no_second_wh_word_is_left_behind() -> None:
    assert fronted(_nlp()("Where Ilsa's father acquired a post teaching music at what?")) is None


def test_the_answer_aware_candidates_hold_the_phrase_moved_out_of_an_open_clause() -> None:
    text = "Queen Ilsa was forced by illness to decline an invitation from Brenn."
    (made,) = candidates_for(text, ["Brenn"], _nlp())
    assert "What was Queen Ilsa forced by illness to decline an invitation from?" in [
        c.question for c in made.candidates]
