"""A page titled with a place puts the place into every card of a sentence that names no place
of its own, whatever the sentence's subject (session 33). s30..s32c reviewers, shown the
title, still rejected as missing-context the cards of census lines and national facts whose
subject stands alone ('For every 100 females there were 94.1 males', '29.7 % of all households
…', 'Changes in the subject content … were made to reflect national cohesion': 'place
unstated', 'no Kenya context'); only a subject that leant on the page took the place before.
A heading the model tags a place ('Background', a textbook section) is no place."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import shown as engine_shown
from tests.engine import topic


def test_a_census_line_takes_the_pages_place(nlp: Language) -> None:
    assert topic(nlp, "For every 100 women there were 97.2 men.", "Peru") == "In Peru"
    assert topic(nlp, "31.4% of all households were made up of individuals.",
                 "Salem, Oregon") == "In Salem, Oregon"
    # a sentence naming a place of its own says where itself
    assert topic(nlp, "For every 100 women in Lima there were 97.2 men.", "Peru") is None


def test_a_named_subject_takes_the_pages_place(nlp: Language) -> None:
    assert topic(nlp, "The Ministry of Fisheries employed 300 inspectors in 1999.",
                 "Peru") == "In Peru"


def test_a_heading_tagged_as_a_place_is_no_place(nlp: Language) -> None:
    # 'Background' is a common noun the model tags GPE: no card is put 'In Background'
    assert topic(nlp, "The program is a sequence of instructions.", "Background") is None


def test_the_census_cards_say_the_pages_place(nlp: Language) -> None:
    """Every cloze and statement of the census line names the city, in front."""
    text = ("The city lies on a wide river. "
            "For every 100 women there were 97.2 men, and the median age was 38.1 years.")
    shown = engine_shown(nlp, text, "Salem, Oregon", "women")
    assert shown
    assert all(s.startswith("In Salem, Oregon, ") for s in shown), shown
