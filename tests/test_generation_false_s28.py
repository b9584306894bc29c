"""False true/false statements made by swapping a word for its opposite (claims.opposite) that
read absurd rather than false (s28, s28b: rejected): the opposite closing an 'or (even)' scale,
'the majority of' turned to 'the minority of', and an opposite that contradicts the
consequence the same sentence states."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.claims import opposite


@pytest.mark.parametrize("text", [
    "Harvests after a wet spring are smaller or even negative for the farm.",
    "Every leaf holds pigments, or more precisely, a blend of several pigments.",
    "The majority of garden sheds are small wooden huts, such as a tool store.",
    "The baker hopes that the final price of the loaf will be higher than its cost, "
    "resulting in a profit.",
    "Glacier ice is more dense than snow, so glacier ice sinks in fresh slush.",
])
def test_an_opposite_that_reads_absurd_is_not_made(nlp: Language, text: str) -> None:
    assert opposite(next(nlp(text).sents)) is None


@pytest.mark.parametrize(("text", "word"), [
    ("Harvests after a wet spring are much smaller than in a dry year.", "larger"),
    ("A majority of the delegates voted for the new harbour tax.", "minority"),
    ("The baker hopes that the final price of the loaf will be higher than its cost.",
     "lower"),
])
def test_a_plain_opposite_is_still_made(nlp: Language, text: str, word: str) -> None:
    found = opposite(next(nlp(text).sents))
    assert found is not None and found[1] == word
