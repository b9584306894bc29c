"""Answers cut at a wrong boundary (s24/s24b rejects), on invented text with the real parse."""

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
