"""True/false supply and form, session 20, with the real pipeline and invented text: no
statement or question of a textbook's example line ('Ex: A programmer may want to …', its
label left in the card; the cloze already refused it)."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return made


def test_an_example_line_makes_no_statement_or_question(nlp: Language) -> None:
    """s19: 'Ex:' lines reached true/false and question cards with their label; the page's
    own sentence of the same kind still makes them."""
    text = ("Ex: Quarrel is a popular toolkit for drawing weather maps in Norway. "
            "Example 2: A meteorologist at the Bergen station plotted daily rainfall in 2011. "
            "Quarrel was written by the staff of the Bergen station in 2009.")
    made = _cards(nlp, text)
    labelled = [(c.type, c.question) for c in made
                if "Ex:" in c.question or "Example 2" in c.question
                or c.source.lower().startswith(("ex:", "example"))]
    assert not labelled, labelled
    assert any(c.type == "tf" and "2009" in c.source for c in made), \
        [(c.type, c.question) for c in made]
