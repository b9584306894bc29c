"""No card of any type from a sentence that only says an unnamed amount of something exists
('There are many other types of plastids, …', nonfact.vague_existence). Session 28 kept such a
sentence out of the true/false cards; its blanks stayed, and the blank of a truism is guessed
from the sentence ('There are several ways to mitigate the _____ of teaching'): seen rated
cloze cards from such a sentence, s6-s32c, 1 kept / 5 rejected."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.engine import generated

_NAMED = ("The Langstroth hive was patented by Lorenzo Langstroth in 1852 in Philadelphia. "
          "Worker bees build wax combs inside the wooden frames of the hive.")


@pytest.mark.parametrize("vague", [
    "There are many hazards facing a beekeeper when tending a new hive.",
    "There are several ways to reduce the stinging risks of beekeeping.",
    "There are many other kinds of pollinators, which visit various crops.",
])
def test_no_blank_from_a_vague_existence(nlp: Language, vague: str) -> None:
    cards = generated(nlp, "Beekeepers open their hives every week in summer. " + vague + " "
                   + _NAMED)
    assert any(c.type == "cloze" and "Langstroth" in c.source for c in cards)  # others stay
    assert [c.question for c in cards if c.source == vague] == []

