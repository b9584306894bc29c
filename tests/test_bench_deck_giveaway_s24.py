"""bench.deck_giveaway reads a deck's give-aways from the served cards (invented cards)."""

from __future__ import annotations

from typing import Any

from bench.deck_giveaway import deck_relations, refused, related

SENTENCE = "The Dutch chemist Pieter Vermeer showed in 1812 that mosses need light to grow."


def card(kind: str, question: str, answer: str, keep: float, source: str = SENTENCE
         ) -> dict[str, Any]:
    return {"type": kind, "question": question, "answer": answer, "keep": keep,
            "source_sentence": source}


CHOICE = card("mcq", "When did the Dutch chemist Pieter Vermeer show that mosses need light "
              "to grow?", "1812", 0.8)
FALSE = card("tf", "True or false: The Dutch chemist Pieter Vermeer showed in 1822 that mosses "
             "need light to grow.", "False", 0.6)
TRUE = card("tf", f"True or false: {SENTENCE}", "True", 0.7)
CLOZE = card("cloze", "The Dutch chemist _____ showed in 1812 that mosses need light to grow.",
             "Pieter Vermeer", 0.65)
OTHER = card("cloze", "Ferns spread by _____ carried on the wind.", "spores", 0.7,
             "Ferns spread by spores carried on the wind.")


def test_a_choice_card_asking_the_replaced_year_tells_the_false_statement() -> None:
    assert related(CHOICE, FALSE) == {"same", "false"}
    assert "false" not in related(FALSE, CHOICE)  # a statement has no answer to show


def test_a_true_statement_shows_the_blanks_answer() -> None:
    assert related(TRUE, CLOZE) == {"same", "shows"}
    assert related(OTHER, CLOZE) == set()


def test_a_deck_names_every_card_in_a_pair_and_refuses_the_worse_one() -> None:
    deck = [CHOICE, FALSE, OTHER]
    assert deck_relations(deck) == {"same": {0, 1}, "shows": set(), "false": {0, 1}}
    assert refused(deck, "false", same=True) == {1}  # P(keep) 0.6 under the choice card's 0.8
    assert refused([TRUE, CLOZE, OTHER], "shows", same=True) == {1}
