"""Trivial cards of session 27 (s27b: the chem2 textbook pages): a sentence that says only that
something exists in many kinds, bears on another or can be seen several ways makes no card
(nonfact ``vague``), and a blank whose coordinated neighbour shares its modifier ('a _____ or a
strong base' → strong acid) is given away (giveaway.sibling_shown). All texts invented."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation import nonfact
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.nlp import pipeline
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

FACT = "The Loire valley produces most of the dry white wine sold in western France each year."


@pytest.fixture(scope="module")
def nlp() -> Language:
    loaded = pipeline("en")
    assert loaded is not None
    return loaded


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return list(generate(doc, nlp, "intermediate", None, None))


@pytest.mark.parametrize("vague", [
    "There is a wide variety of glazes.",
    "The bellows law has been applied to a variety of different types of furnaces.",
    "Weaving can be thought of in three manners.",
    "The colours of old glazes shed some light on the nature of kiln fires.",
])
def test_a_sentence_with_only_a_vague_amount_makes_no_card(nlp: Language, vague: str) -> None:
    assert nonfact.no_fact(next(nlp(vague).sents)) == "vague"
    cards = _cards(nlp, FACT + " " + vague)
    assert [c for c in cards if "Loire" in c.source]  # the page still gives cards
    assert [c for c in cards if c.source == vague] == []


@pytest.mark.parametrize(("bare", "fact"), [
    # the amount named by its examples
    ("Potters finish a variety of bowls.",
     "Potters use glazes such as celadon, tenmoku and shino to finish a variety of bowls."),
    # a count of ways that goes on to say which
    ("Weaving can be thought of in three manners.",
     "Weaving can be thought of in three manners: plain, twill and satin."),
    ("Glazes melt at a range of temperatures.",
     "Glazes melt at a range of temperatures between 900 and 1300 degrees."),
])
def test_a_named_amount_is_still_a_fact(nlp: Language, bare: str, fact: str) -> None:
    assert nonfact.no_fact(next(nlp(bare).sents)) == "vague"
    assert nonfact.no_fact(next(nlp(fact).sents)) is None


def test_a_blank_whose_coordinated_neighbour_shares_its_modifier_is_given_away(
        nlp: Language) -> None:
    text = ("Kiln bricks resist cracking when small amounts of a cold draught or a cold "
            "spray reach them. " + FACT)
    cards = _cards(nlp, text)
    assert [c for c in cards if "Loire" in c.source]
    assert not [c for c in cards if c.answer in ("cold draught", "a cold draught")
                or c.answer in ("cold spray", "a cold spray")]


def test_a_neighbour_with_another_modifier_stands(nlp: Language) -> None:
    from agents.generation import giveaway
    from agents.generation.spans import Answer
    doc = nlp("Kiln bricks resist cracking when small amounts of a cold draught or a warm spray "
              "reach them.")
    sent = next(doc.sents)
    start = [t.text for t in doc].index("cold")
    answer = Answer(start, start + 2, "thing", "NP", "draught", "cold draught")
    assert not giveaway.sibling_shown(answer, sent)
    # the same pair with a shared modifier is given away
    doc2 = nlp("Kiln bricks resist cracking when small amounts of a cold draught or a cold spray "
               "reach them.")
    assert giveaway.sibling_shown(answer, next(doc2.sents))
