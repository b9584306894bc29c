"""A bare 'The N' that opens a sentence as its subject, naming what the page introduced by
another word or as an event (definites.references, rule ``introduced``): 'a general assembly'
… 'The meeting ended …' says nothing alone, so no card shows it. Invented text, real pipeline.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, build_engine
from agents.generation.definites import references

PAGE = ("In 1742 the guild of Ostvale called a general assembly of its weavers in the old "
        "market hall. ")


def _rules(nlp: Language, text: str, title: str | None = None) -> list[str]:
    sents = list(nlp(text).sents)
    return [r.rule for r in references(sents[-1], sents[:-1], None,
                                       nlp(title)[:] if title else None)]


@pytest.mark.parametrize("later", [
    "The meeting lasted three days and ended with a vote on wages.",
    "The move angered the merchants of the lower town.",
    "The effort failed within a year because of a long drought.",
])
def test_an_opening_subject_the_page_named_otherwise_needs_the_page(
        nlp: Language, later: str) -> None:
    assert "introduced" in _rules(nlp, PAGE + later)


@pytest.mark.parametrize(("text", "title"), [
    # the page's first sentence: nothing before it could be meant
    ("The meeting lasted three days and ended with a vote on wages.", None),
    # the page used the noun before: pointing_back's to judge, not this rule's
    (PAGE + "Another meeting took place in May. The meeting lasted three days.", None),
    # a phrase that says which one
    (PAGE + "The meeting of the dyers lasted three days and ended with a vote.", None),
    # not the opening subject: a first mention inside the clause stands
    (PAGE + "Their charter allows the treasurer to collect a fee from every member.", None),
    # the title names it
    (PAGE + "The assembly lasted three days and ended with a vote on wages.",
     "Weavers' assembly of Ostvale"),
    # the one thing there is
    (PAGE + "The sun set before the vote was taken.", None),
])
def test_a_subject_that_stands_alone_is_left(nlp: Language, text: str,
                                             title: str | None) -> None:
    assert "introduced" not in _rules(nlp, text, title)


def test_no_card_shows_the_meeting() -> None:
    text = (PAGE + "The weavers asked the guild to raise their wages by a fifth. "
            "The meeting lasted three days and ended with a vote on wages in 1743.")
    engine = build_engine(None, None)
    cards = engine.generate(GenerationRequest(text, "meet", 12, "intermediate",
                                              ("qa", "mcq", "cloze", "tf"))).cards
    assert cards
    for card in cards:
        assert "the meeting" not in card.question.lower(), card
