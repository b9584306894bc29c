"""Answers that hold half of one written word (s20b/s21/s22c rejects), on invented text with
the real parse: a formula's subscript set apart by the page ("O 2"), a possessor cut from its
apostrophe's noun."""

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

