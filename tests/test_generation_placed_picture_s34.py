"""A sentence that points at one of the page's pictures by where it stands ('the timeline on
the right') or by its place in a row of them ('the fourth scale') gives no card (session 34).
s33b reviewers rejected every card of such sentences on a geology page ("'fourth scale' refers
to the figure", "'third timeline on the right' needs the figure"). A badge 'to the right of the
door' is a thing a card may name."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

_BEFORE = "The Jurassic lasted about 56 million years and saw the first birds. "


def _made(nlp: Language, sentence: str, word: str) -> list[str]:
    """The cards made from ``sentence`` (those whose source holds ``word``), after another."""
    return [c.question for c in generated(nlp, _BEFORE + sentence) if word in c.source]


def test_a_picture_told_by_its_place_in_a_row_gives_no_card(nlp: Language) -> None:
    assert _made(nlp, "Since the Triassic is a very short period with short epochs, it is "
                      "further expanded in the fourth scale.", "Triassic") == []


def test_a_picture_told_by_its_side_of_the_page_gives_no_card(nlp: Language) -> None:
    assert _made(nlp, "The Eemian is too small to be drawn clearly on the second timeline "
                      "on the right.", "Eemian") == []
    # a thing a card may name: its cards stay
    assert _made(nlp, "Martin Waldner placed the badge to the right of the door in 1507.",
                 "Waldner")
