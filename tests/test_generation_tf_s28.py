"""True/false statements from a sentence that only says an unnamed amount of something exists
('There are many risks …', nonfact.vague_existence): as "True" a truism, as "False" a statement
nobody would believe (s28: every such seen rated tf card was rejected)."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.nonfact import vague_existence
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return list(generate(doc, nlp, "intermediate", None, None))


@pytest.mark.parametrize("text", [
    "There are many hazards facing a beekeeper when tending a new hive.",
    "There are several notable safety concerns that arise with ladders and scaffolds.",
    "There is a multiplicity of other ways to get involved in gardening.",
    "There are a variety of groups designed to train and support volunteer firefighters.",
])
def test_an_unnamed_amount_that_exists_is_vague(nlp: Language, text: str) -> None:
    assert vague_existence(next(nlp(text).sents))


@pytest.mark.parametrize("text", [
    "There were two kinds of brass valves.",  # a number: the amount is the fact
    "During the Ming dynasty there were many famous potters.",  # a name says where and when
    "There is a strong link between sleep and memory.",  # no unnamed amount
    "Many hazards face a beekeeper when tending a new hive.",  # no existential 'there'
])
def test_a_named_or_counted_statement_stands(nlp: Language, text: str) -> None:
    assert not vague_existence(next(nlp(text).sents))


def test_no_true_false_card_from_a_vague_existence(nlp: Language) -> None:
    vague = "There are many hazards facing a beekeeper when tending a new hive."
    text = ("Beekeepers open their hives every week in summer. " + vague + " The Langstroth "
            "hive was patented by Lorenzo Langstroth in 1852 in Philadelphia.")
    cards = _cards(nlp, text)
    assert any(c.type == "tf" and "Langstroth" in c.source for c in cards)  # the page still has tf
    assert [c for c in cards if c.type == "tf" and c.source == vague] == []
