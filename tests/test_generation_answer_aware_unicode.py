"""Answer-aware mode reads the text in its normal form (NFC, ligatures spelled out, soft
hyphens dropped) but looked for the answer as typed, so an answer copied from the very text
given ("René" as e + combining accent, "ﬁrst ﬂight" from a PDF) "did not occur in the text".
Answers are now put in the same form. All texts invented."""

from __future__ import annotations

import unicodedata

import pytest

from agents.generation.answer_aware import cards_for_answers

NFD = unicodedata.normalize("NFD", "René Descartes wrote the Discourse on Method in 1637.")
PDF = "The ﬁrst ﬂight of the glider was in 1903. It lasted twelve seconds."
SOFT = "The photo\u00adsynthesis of algae was measured in 1903. It lasted twelve seconds."


@pytest.mark.parametrize(("text", "answer", "card_answer"), [
    (NFD, unicodedata.normalize("NFD", "René Descartes"), "René Descartes"),
    (NFD, "René Descartes", "René Descartes"),
    (PDF, "ﬁrst ﬂight", "first flight"),
    (SOFT, "photo\u00adsynthesis", "photosynthesis"),
])
@pytest.mark.parametrize("kind", ["qa", "cloze"])
def test_an_answer_copied_from_the_text_is_found_in_it(
        text: str, answer: str, card_answer: str, kind: str) -> None:
    (card,) = cards_for_answers(text, [answer], card_type=kind)
    assert card.answer == card_answer
