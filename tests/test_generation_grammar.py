"""The grammaticality gate (grammar.py): a question left in sentence order, with a dangling
word or a preposition without its object, never reaches the student; well-formed questions
pass; the engine still delivers the requested number of cards from its other types."""

from __future__ import annotations

import pytest

from agents.generation import GenerationRequest, RuleEngine, grammar, parsed
from agents.generation.cards import Candidate

ILL_FORMED = [
    "What did the explorer during cross the desert in 1850?",  # preposition before a verb
    "How many were sailors led by Drake from 1577 to 1580?",  # how many without its noun
    "How many did Napoleon appoint of his marshals as governors of Spain?",
    "How many ships 300 of of the fleet were lost in the storm?",  # answer and 'of of' left in
    "What of the 19th century saw a boom in railways in the first half of the 18th and?",
    "What are red cells small discs with of about 8 micrometres in width?",  # 'with of'
    "Who were the settlers who in the 9th and 10th centuries?",  # relative clause, no verb
    "What did Marie her discovery was widely reported earn from the prize?",  # two verbs
    "What even tried to build a railway across the Andes with local support?",  # echoed adverb
    'Who did the so-called "Glasgow boys paint their landscapes for?',  # broken quote
    "What date did the treaty of Utrecht sign between?",  # dangling 'between'
    "What does the compiler usually do so in?",  # 'do so' stands for a verb phrase elsewhere
]
WELL_FORMED = [
    "What did Marie Curie discover in 1898?",
    "Who did Hannibal lead his army against in 218 BC?",
    "What did the ship leave for on 5 May with its crew?",
    "How many moons does Mars have?",
    "How many soldiers were killed in the battle?",
    "What is the shape of the bone described as?",
    "In which year did Drake return to England?",
    "What are the nutrients divided into based on their role in the body?",
    "What did the Vikings become under their first duke?",
    "Where did the river flow before the dam was built?",
]


def test_ill_formed_questions_are_caught(nlp) -> None:  # type: ignore[no-untyped-def]
    found = grammar.ill_formed(ILL_FORMED, nlp)
    missed = [q for q, why in zip(ILL_FORMED, found, strict=True) if not why]
    assert not missed


def test_well_formed_questions_pass(nlp) -> None:  # type: ignore[no-untyped-def]
    found = grammar.ill_formed(WELL_FORMED, nlp)
    flagged = {q: why for q, why in zip(WELL_FORMED, found, strict=True) if why}
    assert not flagged


def test_gate_drops_only_bad_questions(nlp) -> None:  # type: ignore[no-untyped-def]
    source = "The explorer crossed the desert in 1850."
    bad = Candidate("qa", ILL_FORMED[0], "the desert", source)
    good = Candidate("qa", "What did the explorer cross in 1850?", "the desert", source)
    cloze = Candidate("cloze", "The explorer crossed the _____ in 1850.", "desert", source)
    assert parsed.well_formed([bad, good, cloze], nlp) == [good, cloze]


RAIL = (
    "The Stockton and Darlington Railway opened in 1825 in the north of England. George "
    "Stephenson, who had worked as a colliery engineer, built its first locomotive, "
    "Locomotion No. 1. From 1830 to 1840, some 2,400 kilometres of track were laid across "
    "Britain by private companies led by engineers from the coal districts. Passenger traffic "
    "grew quickly, and the railways soon carried more people than the stagecoaches. In the "
    "1840s a speculative boom, known as Railway Mania, drove the price of railway shares to "
    "record heights before it collapsed in 1847."
)


@pytest.mark.parametrize("count", [6, 10])
def test_engine_keeps_the_count_with_only_well_formed_questions(nlp, count) -> None:  # type: ignore[no-untyped-def]
    engine = RuleEngine(encoder=None)
    request = GenerationRequest(RAIL, "u-grammar", count, "intermediate",
                                ["qa", "mcq", "cloze", "tf"])
    cards = engine.generate(request).cards
    assert len(cards) == count
    asked = [c.question for c in cards if c.type in ("qa", "mcq") and "_____" not in c.question]
    assert not [q for q, why in zip(asked, grammar.ill_formed(asked, nlp), strict=True) if why]
