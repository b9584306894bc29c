"""A false statement or option that moves one end of a range whose other end no shift moves
('dating between AD 0–1350' → 'AD 0–1340'): a change of ten years on a span of centuries is a
nitpick, and a narrower or wider span is about as true (s32: all three reviewers called 'AD
0–1240' for the page's 'AD 0–1250' nitpicky, on both cards; it is the only such change among
the seen rated cards). A range whose ends are both years still moves as a whole."""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

_PINNED = ("Since the 1950s, hundreds of stone circles have been found on the northern moors "
           "dating between AD 0–1350.")
_WHOLE = "The stone circles of the northern moors were built between 1310 and 1350."


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return list(generate(doc, nlp, "intermediate", None, None))


def _false_statements(nlp: Language, sentence: str) -> list[str]:
    text = "Farmers cleared the northern moors for sheep in the nineteenth century. " + sentence
    return [c.question for c in _cards(nlp, text)
            if c.type == "tf" and c.answer == "False" and c.source == sentence]


def test_one_end_of_a_range_is_not_moved(nlp: Language) -> None:
    moved = [q for q in _false_statements(nlp, _PINNED) if "AD 0" in q and "1350" not in q]
    assert moved == []


def test_a_range_of_two_years_still_moves_as_a_whole(nlp: Language) -> None:
    falses = _false_statements(nlp, _WHOLE)
    assert any(re.search(r"between (\d{4}) and (\d{4})", q) and "1310" not in q
               and "1350" not in q for q in falses), falses


def test_no_option_moves_one_end_of_the_range(nlp: Language) -> None:
    text = "Farmers cleared the northern moors for sheep in the nineteenth century. " + _PINNED
    options = [o for c in _cards(nlp, text) if c.type == "mcq" for o in c.choices or []
               if "AD 0" in o]
    assert all("1350" in o for o in options), options


def test_a_count_from_a_small_number_keeps_its_options(nlp: Language) -> None:
    # the rule is a year's: a count's range ('about 10 to 200 pollen grains') moves as a whole
    text = ("Beekeepers open their hives every week in summer. A typical worker cell of a "
            "honeybee comb holds about 10 to 200 pollen grains.")
    cards = _cards(nlp, text)
    assert any(c.type == "mcq" and c.answer == "about 10 to 200" for c in cards)
    assert any(c.type == "tf" and c.answer == "False" and "200 pollen" not in c.question
               for c in cards)
