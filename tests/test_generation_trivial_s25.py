"""Cloze blanks that a stock phrase gives away (blanks.stock_whole), with the real pipeline:
an everyday name as the 'of' object of a noun ('the far side of the _____' → 'Moon') is not
blanked; a country by name ('the capital of _____') and a rarer name stay blankable."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _blanks(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [(c.question, c.answer) for c in made if c.type == "cloze"]


def test_an_everyday_name_that_a_noun_calls_up_is_not_blanked(nlp: Language) -> None:
    """s24: 'the ninth orbit of the _____' → 'Moon', 'the interior of the _____' → 'Earth'."""
    made = _blanks(nlp, "In 1972 the lander photographed the dark craters on the far side of "
                        "the Moon with a wide camera.")
    assert made, "the sentence makes other cloze cards"
    assert not any(a == "Moon" for _, a in made), made
    made = _blanks(nlp, "Geologists at the Vantor Institute mapped the molten core of the "
                        "Earth with slow seismic waves in 1998.")
    assert not any(a == "Earth" for _, a in made), made

    # a country by name is the fact ('president of _____' → 'Egypt' was kept): still blanked
    made = _blanks(nlp, "In 1921 the young lawyer Tomas Brevik became the first elected "
                        "mayor of Norway's coastal town of Hellevik.")
    assert {a for _, a in made} & {"Hellevik", "Norway"}, made
