"""Session 29 (statistics pages): a worked example's symbols, and a count inside a method's name.

Invented text; the real spaCy pipeline."""

from __future__ import annotations

import pytest

from agents.generation.claims import type_label
from agents.generation.nlp import pipeline
from agents.generation.nonfact import no_fact

nlp = pipeline("en")
pytestmark = pytest.mark.skipif(nlp is None, reason="no spaCy English pipeline")


def _sent(text: str):  # type: ignore[no-untyped-def]
    return next(iter(nlp(text).sents))  # type: ignore[misc]


def test_example_symbols_state_no_fact() -> None:
    sent = _sent("The weekly rainfall, r, is the independent variable and the crop yield, c, "
                 "is the dependent variable.")
    assert no_fact(sent) == "symbol"


def test_formula_letters_and_plain_sentences_stand() -> None:
    assert no_fact(_sent("The potential V(x,y,z) gives the force on the particle.")) is None
    assert no_fact(_sent("Rainfall is the main source of water for most crops.")) is None


def _count(sent, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in sent if t.lower_ == word)


def test_count_inside_a_methods_name_is_not_swapped() -> None:
    sent = _sent("The Bartlett test for homogeneity of two samples is sensitive to skewed data.")
    assert type_label(_count(sent, "two"))


def test_count_of_a_fact_about_the_subject_is_swapped() -> None:
    sent = _sent("A balance between three forces keeps the bridge still.")
    assert not type_label(_count(sent, "three"))
    sent = _sent("The committee approved the merger of two banks in March.")
    assert not type_label(_count(sent, "two"))
