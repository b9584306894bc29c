"""A science textbook's section title names an aspect of a thing: 'Structure and General
Properties of the Nonmetals' is about the nonmetals. s27's three reviewers, shown that title,
rejected every 'The _____ have higher electronegativities than do metals.' → nonmetals card as
the title's answer. What a common head's 'of' names (and that of each head joined to it) is a
head name of the title (titles.head_names); a setting ('in', 'for') is not. Invented titles
and text, the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.titles import names_title
from tests.engine import generated


@pytest.mark.parametrize(("title", "answer", "named"), [
    ("Composition and Physical Properties of the Halogens", "halogens", True),  # joined heads
    ("Composition and Physical Properties of the Halogens", "the halogens", True),
    ("Mechanics of Fluids", "fluids", True),
    ("Reactions of Alkenes", "alkenes", True),
    ("Mechanics of Fluids", "viscous fluids", False),        # more than the title says
    ("Mechanics of Fluids", "gases", False),
    ("Privacy in the Workplace", "workplace", False),        # a setting, as before
    ("Composition and Physical Properties of the Halogens", "physical", False),
])
def test_what_a_common_heads_of_names_is_given_away(nlp: Language, title: str, answer: str,
                                                    named: bool) -> None:
    assert names_title(answer, nlp(title)[:]) is named


def test_the_engine_serves_no_unmarked_card_on_the_of_thing(nlp: Language) -> None:
    text = ("The halogens are reactive elements located in the upper right of the periodic table. "
            "The halogens have higher electron affinities than the noble gases. "
            "Fluorine is the most electronegative of all elements. "
            "Under normal conditions, two of the halogens are gases. "
            "Chlorine was first isolated by Carl Wilhelm Scheele in 1774.")
    made = generated(nlp, text, title="Composition and Physical Properties of the Halogens")
    # a halogens card is marked as the title's (or left out where its clause asks another
    # of its parts); the clause's other cards stand
    assert not [c for c in made if c.type != "tf" and c.answer.lower().endswith("halogens")
                and not c.titled]
    assert any(c.answer == "noble gases" for c in made)
    assert not any(c.titled for c in made if c.answer in ("Fluorine", "1774"))


def test_a_count_whose_list_follows_a_dash_is_not_swapped(nlp: Language) -> None:
    # s27: 'matter consisted of … the five “elements”—fire, earth, air, and water' gave itself
    # away to all three reviewers; the dash sits inside one token with the closing quote
    text = ("Early chemists held that every metal was a mixture of the three “principles”—salt, "
            "sulfur, and mercury.")
    false = [c for c in generated(nlp, text, kind="tf") if c.answer == "False"]
    assert not [c for c in false if "principles" in c.question], false
    # a dash with no list after it leaves the count to swap
    made = generated(nlp, "The river was dammed in three places—a record for the valley.",
                     kind="tf")
    assert any(c.answer == "False" and "places" in c.question for c in made)
