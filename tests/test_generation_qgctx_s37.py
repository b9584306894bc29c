"""Session 37, answer-aware questions that must stand alone: a count or an amount keeps the date
the sentence pins it to ('How many mills were there in 1820?', not '… in the county?'), and a
bare 'the city', 'the museum', 'the Register' the page names for certain is named as the deck's
cards name it (definites.references). Invented text, real spaCy; each test fails on the engine
before (main a7f9ce8)."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import cards_for_answers


def _asked(text: str, answer: str) -> str:
    return cards_for_answers(text, [answer])[0].question


@pytest.mark.parametrize(("text", "answer", "date"), [
    # a date the shorter question dropped: main asked 'How many paintings did the museum hold?'
    ("The Orsk Museum opened in 1901 on the harbour. Its collection grew quickly. By 1950 the "
     "museum held 12,000 paintings.", "12,000", "1950"),
    # a date no question kept: the date's phrase is put after the question
    ("In 2007 Hyderabad had 40,000 street vendors, most of them men.", "40,000", "2007"),
    ("Velmaria is a country on the Tarsk coast. Its capital is Marlowe. In 2010 the country had "
     "a population of 4.2 million.", "4.2 million", "2010"),
])
def test_a_count_keeps_the_date_that_pins_it(text: str, answer: str, date: str) -> None:
    asked = _asked(text, answer)
    assert date in asked, asked
    assert len(asked.split()) <= 20, asked


@pytest.mark.parametrize(("text", "answer", "name"), [
    # what the page's first sentence said the city is, four sentences back
    ("Marlowe is a city in the north of Velmaria. Its first bridge was built in 1310. Wool made "
     "its merchants rich. A cathedral followed in 1420. Today the city has three museums.",
     "three", "Marlowe"),
    ("Velmaria is a country on the Tarsk coast. Its capital is Marlowe. In 2010 the country had "
     "a population of 4.2 million.", "4.2 million", "Velmaria"),
])
def test_a_bare_kind_noun_the_page_names_is_named(text: str, answer: str, name: str) -> None:
    asked = _asked(text, answer)
    assert name in asked and "the city" not in asked and "the country" not in asked, asked


def test_a_name_its_noun_heads_keeps_the_article() -> None:
    """'the Register' → 'the Halvern Daily Register': named, and still with its article."""
    asked = _asked("The Halvern Daily Register is a newspaper founded in 1880. Its offices stand "
                   "on Mill Street. The Register was sold in 1952.", "1952")
    assert "the Halvern Daily Register" in asked, asked
