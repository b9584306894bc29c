"""A place a paragraph opens on ('In Norway, …') carried into the cards of the sentences after
it (setting.py), with the real pipeline: the statement or cloze keeps it in front, a question
at its end; a sentence that names its own place, or one past a new place, is left alone."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

NORWAY = (
    "In Norway, most schoolteachers are employed by the local municipalities. "
    "Stipends for teachers are set by a national agreement every two years. "
    "A newly qualified teacher earns about 480,000 kroner a year, rising with seniority. "
    "Teachers of vocational subjects must also hold a trade certificate."
)
MOVED = (
    "In Norway, most schoolteachers are employed by the local municipalities. "
    "Teachers in Sweden are hired directly by each school. "
    "Stipends for teachers are set by a national agreement every two years."
)
OWN = (
    "In Norway, most schoolteachers are employed by the local municipalities. "
    "Danish teachers earn about 480,000 kroner a year, rising with seniority."
)


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def _of(cards: list[Candidate], words: str) -> list[Candidate]:
    return [c for c in cards if words in c.source]


def test_statements_and_cloze_keep_the_place_in_front(nlp: Language) -> None:
    cards = _of(_cards(nlp, NORWAY), "Stipends for teachers")
    shown = [c.statement if c.type == "tf" else c.question
             for c in cards if c.type in ("tf", "cloze")]
    assert shown
    assert all(s.startswith("In Norway, ") for s in shown), shown


def test_a_blank_no_longer_first_asks_a_lowercase_answer(nlp: Language) -> None:
    cloze = [c for c in _of(_cards(nlp, NORWAY), "Stipends for teachers")
             if c.type == "cloze" and c.question.startswith("In Norway, _____")]
    assert cloze
    assert all(c.answer[:1].islower() for c in cloze)


def test_several_sentences_on_the_frame_still_holds(nlp: Language) -> None:
    cards = _of(_cards(nlp, NORWAY), "newly qualified teacher")
    tf = [c for c in cards if c.type == "tf"]
    assert tf
    assert all(c.statement.startswith("In Norway, a newly qualified") for c in tf)


def test_a_question_ends_on_the_place(nlp: Language) -> None:
    qa = [c for c in _of(_cards(nlp, NORWAY), "vocational") if c.type == "qa"]
    assert qa
    assert all(c.question.endswith(" in Norway?") for c in qa)


def test_the_opening_sentence_is_not_framed_twice(nlp: Language) -> None:
    cards = _of(_cards(nlp, NORWAY), "most schoolteachers")
    assert cards
    assert not any("Norway" in c.question.replace("Norway", "", 1) for c in cards)


def test_a_new_place_ends_the_frame(nlp: Language) -> None:
    cards = _of(_cards(nlp, MOVED), "Stipends for teachers")
    assert cards
    assert not any("Norway" in c.question or "Sweden" in c.question for c in cards)


def test_a_sentence_naming_its_own_people_is_left_alone(nlp: Language) -> None:
    cards = _of(_cards(nlp, OWN), "Danish teachers")
    assert cards
    assert not any("Norway" in c.question for c in cards)


BROADCASTER = (
    "In Canada, the series was first shown on a cable channel in 2005. "
    "The CBC also provided partial funding for the anniversary special in 2008."
)


def test_a_names_article_is_lowercased_after_the_frame(nlp: Language) -> None:
    tf = [c for c in _of(_cards(nlp, BROADCASTER), "partial funding") if c.type == "tf"]
    assert tf
    assert all(c.statement.startswith("In Canada, the CBC") for c in tf), tf
