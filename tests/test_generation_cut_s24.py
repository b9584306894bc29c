"""Answers cut at a wrong boundary (s24/s24b rejects; from session 25 also half of one written
word: a formula's subscript set apart by the page, "O 2", a possessor cut from its apostrophe's
noun, and a relative clause's opening word), on invented text with the real parse."""

from __future__ import annotations

import pytest

from agents.generation.nlp import pipeline
from agents.generation.spans import answers


@pytest.fixture(scope="module")
def nlp():
    found = pipeline("en")
    if found is None:
        pytest.skip("no spaCy model")
    return found


def _texts(nlp, sentence: str) -> list[str]:
    return [a.text for a in answers(nlp(sentence)[:])]


def test_no_answer_starts_inside_a_capitalised_run(nlp):
    got = _texts(nlp, "The current Doctor Who logo is printed on every poster of the show.")
    assert "Who logo" not in got


def test_pointing_words_make_no_answer(nlp):
    got = _texts(nlp, "The following emblem was also painted on the old ferry's hull.")
    assert not any(t.split()[0] in ("following", "same") for t in got)


def test_vague_quantity_is_no_answer(nlp):
    got = _texts(nlp, "In dry forests, the vast majority of beetles hide under bark by day.")
    assert not any("majority" in t for t in got)


def test_a_whole_name_stays(nlp):
    got = _texts(nlp, "The river ferry was built by Harland and Wolff in Belfast.")
    assert "Belfast" in got


def test_place_of_an_institution_is_not_dropped(nlp):
    from agents.generation.compression import droppable

    doc = nlp("After the war, Hollis studied chemistry at the Institute of Technology, Karlsruhe, "
              "where he met his wife.")
    start = next(t.i for t in doc if t.text == "Institute")
    place = next(t.i for t in doc if t.text == "Karlsruhe")
    dropped = droppable(doc[:], start, start + 3)
    assert not any(place in ids for _, ids in dropped)


# session 25 (s20b/s21/s22c/s24c rejects): half of one written word, a relative word
def test_a_formula_subscript_is_no_answer(nlp):
    got = _texts(nlp, "Pure O 2 will make the small stove in the hut burn hot and fast.")
    assert "2" not in got
    assert not any(t.endswith(" O") or t == "O" for t in got)


def test_a_possessor_cut_from_its_apostrophe_noun_is_no_answer(nlp):
    got = _texts(nlp, "Hidden microphones and other listening devices permit landlords to "
                      "oversee virtually every aspect of tenants’ at-home behavior.")
    assert not any(t.endswith("tenants") for t in got)


def test_a_numbered_name_keeps_its_number(nlp):
    # a guard: a number after a word, not a lone symbol, is still asked
    got = _texts(nlp, "The ferry crossed the bay 12 times before the storm of 1871.")
    assert "1871" in got


def test_a_relative_clause_opening_is_no_answer(nlp):
    got = _texts(nlp, "The disease spread through the bites of ticks whose guts had become "
                      "blocked by the growing bacteria.")
    assert not any(t.split()[0].lower() in ("whose", "what", "which") for t in got)

