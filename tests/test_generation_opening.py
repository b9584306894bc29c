"""Sentences that lean on the ones before them make no card of any type (session 10's held-out
review: 'Second is the even more difficult task …', 'Other big forest area is …', 'Subsequent
investigation showed …', 'Three years later in 1917, …', 'Typically each committee …'). The
sentences are our own; each test fails on the engine at 345e370."""

from __future__ import annotations

import pytest

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.opening import leans_back

TYPES = ("qa", "cloze", "tf", "mcq")


def _cards(text: str, n: int = 20) -> list:  # type: ignore[type-arg]
    return list(RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", n, "intermediate", TYPES)).cards)


@pytest.mark.parametrize("sentence", [
    "Third is the slow work of mapping the seabed around the Faroe Islands.",
    "Other large lake in the region is Lough Corrib near Galway.",
    "Subsequent analysis showed that the signal came from the Crab Nebula.",
    "Four years later in 1883, she was elected to the Royal Society of Edinburgh.",
    "Usually each panel reviews about forty grant applications a year.",
    "The judges on each panel represent the three largest universities.",
])
def test_a_sentence_that_points_back_is_recognised(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    before = nlp("The foundation has set up five panels of judges for its grants.")[:]
    assert leans_back(nlp(sentence)[:], [before]), sentence


@pytest.mark.parametrize("sentence", [
    "The second law of thermodynamics forbids a perpetual motion machine.",
    "Venus and other planets of the Solar System have atmospheres of carbon dioxide.",
    "In 1602 the Dutch company was founded and was chartered in the following year.",
    "Marie Curie returned to Warsaw four years later than she had planned.",
    "Each kidney contains about a million nephrons that filter the blood.",
    "Every member of the council is elected for a term of four years.",
])
def test_a_sentence_that_stands_alone_is_kept(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    before = nlp("The foundation has set up five panels of judges for its grants.")[:]
    assert not leans_back(nlp(sentence)[:], [before]), sentence


def test_no_card_of_any_type_comes_from_a_sentence_that_points_back() -> None:
    text = ("The Norwegian Polar Institute runs two survey programmes in the Barents Sea. "
            "First is the yearly count of walrus colonies on Svalbard and Franz Josef Land. "
            "Second is the slow work of mapping the seabed with the research vessel Kronprins "
            "Haakon. The institute was founded in Oslo in 1928 by Adolf Hoel. "
            "Usually each programme carries twelve scientists and a crew of twenty sailors. "
            "Subsequent analysis showed that the seabed near Bear Island holds deep canyons. "
            "Three years later in 1931, Hoel led a survey of East Greenland for the Norwegian "
            "government.")
    cards = _cards(text)
    assert cards
    for card in cards:
        src = card.source_sentence
        assert not src.startswith(("Second is", "Usually each", "Subsequent analysis",
                                   "Three years later")), (card.type, card.question)
