"""A plural verb read as the head noun of its own subject (misread._compound_subject): 'Quintiles
divide ordered scores' parsed 'Quintiles divide' + verb 'ordered', which made the cloze answer
'Quintiles divide' and the negation 'Quintiles divide did not order …' (session 29)."""

from __future__ import annotations

import pytest

from agents.generation import misread
from agents.generation.nlp import pipeline


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline("en")


@pytest.mark.parametrize("text", [
    "Quintiles divide ordered scores into fifths.",
    "Deciles divide ranked data into tenths.",
])
def test_the_plural_verb_is_read_as_the_main_verb(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    sent = misread.parse(nlp, [text])[0]
    assert sent.text == text  # the page's own words
    assert sent.root.text == "divide"
    assert [c.text for c in sent.root.children if c.dep_ == "nsubj"] == [text.split()[0]]


def test_a_noun_compound_subject_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = misread.parse(nlp, ["The price index rose sharply."])[0]
    assert sent.root.text == "rose"
