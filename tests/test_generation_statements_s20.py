"""True/false supply and form, session 20, with the real pipeline and invented text: no
statement or question of a textbook's example line ('Ex: A programmer may want to …', its
label left in the card; the cloze already refused it)."""

from __future__ import annotations

import re
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


def _false(nlp: Language, text: str) -> list[str]:
    return [c.statement for c in _cards(nlp, text) if c.type == "tf" and c.answer == "False"]


def test_a_century_in_words_gets_a_false_statement_in_words(nlp: Language) -> None:
    """A century the page spells out ('the eighteenth century') had no false statement: the
    perturbations and plausibility rules read figures ('18th'). It gets a neighbouring
    century, said in words as the page says it."""
    made = _false(nlp, "The weavers of the valley built their first stone mills in the "
                       "eighteenth century. The mills closed after a long decline.")
    centuries = [s for s in made if "century" in s]
    assert centuries, made
    assert all(re.search(r"\b(?:sixteenth|seventeenth|nineteenth|twentieth) century", s)
               and not re.search(r"\d", s) for s in centuries), centuries


def test_no_false_century_the_sentence_names_already(nlp: Language) -> None:
    """'between the seventeenth and eighteenth centuries': a neighbour the sentence names
    makes no false statement of it."""
    made = _false(nlp, "The guild ruled the trade of the town in the late seventeenth "
                       "century and grew rich in the eighteenth century.")
    assert all(s.count("eighteenth") <= 1 and s.count("seventeenth") <= 1
               for s in made), made
