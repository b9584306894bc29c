"""Session 26's multiple-choice rejects, on invented text with the real pipeline: a part that is
all of its stated whole ('completed _____ of 4 passes' → 4) was offered a larger part ('8 of 4
passes', s23: every reviewer rejected it as absurd)."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

MATCH = ("Ilse Varn scored 5 of 5 penalty kicks for her club, and the Harrow final drew "
         "23,000 spectators.")


def test_a_part_equal_to_its_whole_is_offered_no_larger_part(nlp: Language) -> None:
    """'scored _____ of 5 penalty kicks' (5): an option above 5 is absurd at sight; the options
    stay below the whole, as they do for a part smaller than it."""
    cards = [c for c in generated(nlp, MATCH, None, "mcq") if c.answer == "5"]
    assert cards
    for card in cards:
        options = [float(o) for o in card.choices if o != card.answer]
        assert len(options) == 3 and all(o < 5 for o in options), card.choices

