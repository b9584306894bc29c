"""A card question that asks 'be' of a kind with nothing else ('What are computers?', 'Who may
pharmacists be?') has many right answers: agreement.vague refuses it for cards (session 27;
every one of the 10 rated qa cards of this shape in the seen reviews was rejected). A named
thing's 'What is …?' and a question with anything more to narrow it stay. Texts invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import grammar

_WHY = "a kind asked with nothing to narrow it"


@pytest.mark.parametrize(("bare", "narrowed"), [
    ("What are lanterns?", "What are lanterns made of?"),        # a verb says what is asked
    ("What is a teapot?", "What is the largest teapot in the Morrow museum?"),
    ("Who may blacksmiths be?", "Who may blacksmiths be paid by?"),
    ("What is ceramic glazing?", "What is ceramic glazing called in Portugal?"),
    ("What were the old ledgers?", "What is Lake Morrow?"),      # a named thing's identity
])
def test_a_kind_asked_bare_is_vague(nlp: Language, bare: str, narrowed: str) -> None:
    found, other = grammar.ill_formed([bare, narrowed], nlp, vague=True)
    assert _WHY in found
    assert _WHY not in other


def test_answer_aware_mode_may_still_ask_it(nlp: Language) -> None:
    # a user who highlights the answer chose to ask it: only the card path (vague=True) refuses
    (card,) = grammar.ill_formed(["What are lanterns?"], nlp, vague=True)
    (aware,) = grammar.ill_formed(["What are lanterns?"], nlp)
    assert _WHY in card
    assert _WHY not in aware
