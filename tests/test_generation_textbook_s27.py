"""Textbook prose (s26, OpenStax Introduction to Business 2e): with the real pipeline, on our
own writing. A page's figure or table reference dropped from the middle of a sentence leaves
its 'in' before a colon or comma ('… the three stages described in: planning, …'); such a
sentence makes no card of any type (garbled.dropped_reference, grammar.not_a_statement),
while a sentence whose 'in' keeps its object, or two prepositions that share one, still does."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.grammar import not_a_statement
from tests.engine import generated


def _reason(nlp: Language, text: str) -> str:
    return not_a_statement(next(iter(nlp(text).sents)))


@pytest.mark.parametrize("text", [
    "Crop rotation usually follows one of the three classic cycles described in: two-field, "
    "three-field or four-field.",
    "These figures, shown in , reflect the number of farms that sold grain at the market.",
    "In, the glacier is moving slowly down the side of the mountain valley.",
])
def test_a_dropped_reference_is_broken_text(nlp: Language, text: str) -> None:
    assert _reason(nlp, text) == "a figure reference dropped"


@pytest.mark.parametrize("text", [
    "Crop rotation usually follows one of the three classic cycles described in the farming "
    "almanac of the valley.",
    "The river towns are subject to, and governed by, the laws of the northern province.",
    "Farmers in the valley must be at least twenty years old when sworn in.",
    "The farmhouse the miller grew up in, a small stone cottage, burned down in the storm.",
])
def test_an_in_with_its_object_is_whole(nlp: Language, text: str) -> None:
    assert _reason(nlp, text) != "a figure reference dropped"


def test_no_card_shows_the_dropped_reference(nlp: Language) -> None:
    text = ("Crop rotation usually follows one of the three classic cycles described in: "
            "two-field, three-field or four-field. The harbour of Vellan was rebuilt by the "
            "merchant guild in 1642.")
    made = generated(nlp, text)
    shown = [c.question for c in made]
    assert not any("described in" in q for q in shown), shown
    assert any("Vellan" in q for q in shown), shown
