"""s27: the total a rank or count is one of bounds that total's options from below. s26c's
'ranked 145 out of _____ in the world' (186), once read as a count, was offered 93, a total
below the rank it bounds; s20b's '139th out of _____' (176) was offered 88. A number, ordinal or
not, just before 'out of' or 'of' the answer is a part of it (plausible.parts): every option
of the total stays above it. On invented text through the engine (parsed.generate, the real
pipeline and MiniLM)."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from tests.engine import generated


@pytest.mark.parametrize(("text", "answer", "part"), [
    ("Although Borvania is the largest economy in its region, it has a literacy rate of 0.612, "
     "ranked 131 out of 174 in the world. The fishing sector employs 40% of the workforce.",
     "174", 131),
    ("In the 2011 survey of harbour cities, Velmora placed 117th out of 152 for air quality. "
     "Its port handles most of the region's grain.", "152", 117),
    ("Velmora ranks 61 of 88 in the index of coastal towns. Its harbour is small.", "88", 61),
])
def test_a_total_is_offered_no_number_under_its_part(nlp: Language, encoder: object, text: str,
                                                    answer: str, part: int) -> None:
    cards = [c for c in generated(nlp, text, encoder, kind="mcq") if c.answer == answer]
    assert cards, f"no card asks the {answer}"
    for card in cards:
        values = [int(re.sub(r"\D", "", o)) for o in card.choices or [] if o != answer]
        assert len(values) == 3, card.choices
        assert all(v > part for v in values), card.choices


@pytest.mark.parametrize(("text", "answer"), [
    ("Velmora ranks 61 of 88 in the index of coastal towns. Its harbour is small.", "88"),
    ("The jury of the Orlen prize praised 145 out of 186 entries for their clarity. "
     "The winner was announced in the spring.", "186"),
    ("Of the 240 delegates to the Tarsen assembly, 180 voted for the new charter. "
     "The charter took effect a year later.", "240"),
])
def test_a_bounded_total_is_offered_options_on_both_sides(nlp: Language, encoder: object,
                                                         text: str, answer: str) -> None:
    """A total bounded from below by its part was offered only multiples above it ('ranked
    145 out of _____' (186): 372, 558, 279): the answer was the smallest option at sight."""
    cards = [c for c in generated(nlp, text, encoder, kind="mcq") if c.answer == answer]
    assert cards, f"no card asks the {answer}"
    for card in cards:
        values = [int(re.sub(r"\D", "", o)) for o in card.choices or [] if o != answer]
        assert len(values) == 3, card.choices
        assert min(values) < int(answer) < max(values), card.choices


def test_no_option_counts_one_of_a_plural_noun(nlp: Language, encoder: object) -> None:
    """'one years later' for 'two years later' (s25), '1 weeks' for '2 weeks' (s26b): an
    option that counts one of the plural noun the answer counts disagrees with it."""
    text = ("The Marrow treaty was signed in Tolve, and two years later the border towns were "
            "handed back. The towns kept their markets.")
    cards = [c for c in generated(nlp, text, encoder, kind="mcq")
             if c.answer == "two years later"]
    assert cards, "no card asks 'two years later'"
    for card in cards:
        assert len(card.choices or []) == 4, card.choices
        assert not any(re.match(r"one years\b", o) for o in card.choices or []), card.choices
