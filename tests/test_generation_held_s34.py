"""A card naming a holding or a part of the page's museum or body with a bare 'the N' ('in the
collection', 'The interior …', 'the Victorian parts of the building') is led by the page's
title (session 34). s33 reviewers, shown the title 'Victoria and Albert Museum', still rejected
such cards as missing-context ('the collection unresolved (which museum?)', 'the interior of
what?'): the topic label reached only a subject that leans on the page, and 'objects … in the
collection' names its subject. A sentence naming a body of its own says whose collection it is;
the rooms and grounds ('the main gallery', 'the garden') are left as they were."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import shown as engine_shown
from tests.engine import topic


def test_an_object_in_the_collection_takes_the_museums_name(nlp: Language) -> None:
    assert topic(nlp, "There are over 4,000 clocks made from brass in the collection.",
                 "Norvik Art Museum") == "Norvik Art Museum"
    assert topic(nlp, "Anna Berlow has several of her quilts in the collection.",
                 "Norvik Art Museum") == "Norvik Art Museum"


def test_a_part_of_the_building_takes_the_museums_name(nlp: Language) -> None:
    assert topic(nlp, "The older wings of the building have a tangled history.",
                 "Norvik Art Museum") == "Norvik Art Museum"
    # a room of it is left as it was: kept as often as rejected without the name
    assert topic(nlp, "A narrow path lined with hedges leads to the main gallery.",
                 "Norvik Art Museum") is None


def test_a_sentence_naming_a_body_of_its_own_says_whose(nlp: Language) -> None:
    assert topic(nlp, "Some 40 clocks were lent from the collection in 1990.",
                 "Norvik Art Museum") == "Norvik Art Museum"
    # whose collection it is, the sentence says (or the other body may hold it)
    assert topic(nlp, "The Holm Museum lent 40 clocks from the collection in 1990.",
                 "Norvik Art Museum") is None


def test_the_cards_of_a_collection_sentence_are_labelled(nlp: Language) -> None:
    text = ("The Norvik Art Museum opened in 1881 beside the harbour. "
            "There are over 4,000 clocks made from brass in the collection.")
    shown = engine_shown(nlp, text, "Norvik Art Museum", "clocks")
    assert shown
    assert all(s.startswith("Norvik Art Museum: ") for s in shown), shown
