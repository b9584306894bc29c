"""Session 34: a cloze blank is never the noun phrase of an adverbial idiom ('describes in
_____' → 'considerable detail', 'On _____, …' → 'one hand'): no fact decides it. All texts
invented; real spaCy (the ``nlp`` fixture), real engine."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _blanks(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [(c.question, c.answer) for c in made if c.type == "cloze"]


@pytest.mark.parametrize(("text", "idiom"), [
    ("The guild charter describes in considerable detail the duties of every harbour warden.",
     "detail"),
    ("On one hand, the weavers of Calder wanted higher tariffs on imported linen cloth.",
     "hand"),
    ("On the one hand, Duke Aldric wanted to end the long feud with the eastern barons.",
     "hand"),
])
def test_a_blank_is_not_an_adverbial_idiom(nlp: Language, text: str, idiom: str) -> None:
    made = _blanks(nlp, text)
    assert made, "the sentence still gets other blanks"
    assert not any(a.split()[-1] == idiom for _, a in made), made
