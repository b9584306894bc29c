"""An event is asked as one, not as a place, and a superlative is not flipped into a record no
page claims (session 33). A held-out review rejected 'Where did … confront …?' answered with a
battle's name (the small model types 'the Battle of …' a facility), and tagged absurd a false
statement that turned 'the most comprehensive … in the world' into 'the least comprehensive';
on the seen rated opposites 8 of 19 superlative flips were kept, 50 of 86 others. All texts
invented; real spaCy."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

_BATTLE = ("The Tarn kingdom crushed the Ostmen at the Battle of Velden. "
           "Later the Tarn army defeated the Ostmen in Carrow.")


def test_a_battle_after_at_is_asked_which_battle_not_where(nlp: Language) -> None:
    cards = generated(nlp, _BATTLE)
    asked = [c for c in cards if c.type in ("qa", "mcq") and "Velden" in c.answer]
    assert asked, cards
    for card in asked:
        assert not card.question.startswith("Where"), card
    assert any(c.question == "At which battle did the Tarn kingdom crush the Ostmen?"
               for c in asked), asked
    # a town the same verb names is still a place
    assert any(c.question.startswith("Where") and c.answer == "Carrow" for c in cards), cards


_RECORD = ("The Tarn museum holds the most comprehensive collection of glass beads in the world. "
           "Prices in Ostland rose sharply in the decade after the war.")


def test_a_superlative_is_not_flipped_into_its_opposite(nlp: Language) -> None:
    cards = generated(nlp, _RECORD, kind="tf")
    assert any(c.answer == "True" and "glass beads" in c.question for c in cards), cards
    for card in cards:
        assert "least" not in card.question, card
    # a change of direction is still flipped
    assert any("fell sharply" in c.question and "tf:opposite" in c.tags for c in cards), cards
