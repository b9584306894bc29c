"""A possessive pronoun whose name is the possessive of its own noun phrase needs no page to
say who: 'Ada Lindqvist's voyages to her native island …' (her = Ada Lindqvist) renders as it
stands, where before the sentence gave no card at all (its 'her' looked back for a person in
the sentences before; session 24: a seen passage's deck was empty for it). Outside the
phrase ('Halvorsen's offer made him rich') the possessor is one guess among the page's
people, and the sentence stays refused. Invented text, the real pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, parsed
from agents.generation.reference import Resolver
from agents.generation.rendering import Builder
from agents.generation.rules import RuleEngine

BOUND = ("Ada Lindqvist's voyages to her native island in 1891 and 1893 brought support to "
         "the new seabird reserve.")
UNBOUND = "Halvorsen's offer in 1891 made him the richest shipwright of the northern coast."


def _rendered(nlp: Language, text: str) -> str | None:
    sent = nlp(text)[:]
    return parsed._render_sentence(Builder(sent, Resolver()), sent, {})


def test_a_possessive_bound_in_its_phrase_keeps_the_sentence(nlp: Language) -> None:
    assert _rendered(nlp, BOUND) == BOUND


def test_a_pronoun_outside_the_possessors_phrase_is_still_unresolved(nlp: Language) -> None:
    assert _rendered(nlp, UNBOUND) is None


def test_the_passage_of_that_sentence_gets_cards(nlp: Language) -> None:
    cards = RuleEngine().generate(GenerationRequest(BOUND, "s24", 4)).cards
    assert cards
    assert all(c.source_sentence == BOUND for c in cards)
