"""Sentences that point at a picture of the page (nonfact._pictured, the 'pointer' rule), on
invented text with the real spaCy pipeline: a mark on a screenshot ('… is circled.'), a
picture beside the text ('as shown in the screenshot below', 'The image above shows …'), the
reader looking at one ('As you can see, …'). s19b and s30b: every such rated card rejected
('refers to a figure on the page'). A mark with its means, a thing displayed in a place and a
named table are facts and stand."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.nonfact import no_fact

POINTING = [
    "The Save button, a small disk icon, is circled.",
    "The active slide is highlighted in yellow.",
    "The ribbon holds several groups of commands, as shown in the screenshot below.",
    "The image above shows the Insert tab of the ribbon.",
    "As you can see, the toolbar sits at the top of the window.",
]
STATING = [
    "Budget risk can be highlighted by comparing two plans.",
    "The crown is displayed in a glass case in the castle.",
    "Studies have shown that sleep improves memory.",
    "Copper is shown in the middle of the periodic table.",
    "The importance of sleep was highlighted in a 2010 report.",
]


@pytest.mark.parametrize("text", POINTING)
def test_a_sentence_pointing_at_a_picture_states_nothing(nlp: Language, text: str) -> None:
    assert no_fact(nlp(text)[:]) == "pointer"


@pytest.mark.parametrize("text", STATING)
def test_a_mark_with_its_means_or_a_named_table_stands(nlp: Language, text: str) -> None:
    assert no_fact(nlp(text)[:]) is None


def test_no_card_from_a_marked_screenshot(nlp: Language) -> None:
    text = ("The Backstage view of Quillwrite lists every recent document on its left side. "
            "The Open command, a yellow folder icon, is circled. "
            "Quillwrite saves a copy of each open document every ten minutes.")
    result = RuleEngine(encoder=None).generate(GenerationRequest(text, "u", num_cards=10))
    sources = [c.source_sentence or "" for c in result.cards]
    assert sources, "the page's facts still make cards"
    assert not any("circled" in s for s in sources), sources
