"""A card question that asks 'be' of a kind with nothing else ('What are computers?', 'Who may
pharmacists be?') has many right answers: agreement.vague refuses it for cards (session 27;
every one of the 10 rated qa cards of this shape in the seen reviews was rejected). A named
thing's 'What is …?' and a question with anything more to narrow it stay. Texts invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import grammar
from agents.generation.asking import ask
from agents.generation.parsed import parse_sentences
from agents.generation.spans import locate

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


# A common noun's kind asked as the subject ('Who uses … to decipher Earth history?' ->
# 'Geologists') is the answer anyone guesses from the verb phrase: the card path does not ask
# it (session 27; rated qa cards of every seen review: 20 rejected, 6 kept).
@pytest.mark.parametrize(("sentence", "answer"), [
    ("Glassblowers shape molten silica with long iron pipes.", "Glassblowers"),
    ("The surveyors measured the valley floor with brass chains.", "The surveyors"),
    ("Tanneries have polluted the lower river for two centuries.", "Tanneries"),
])
def test_a_bare_plural_kind_is_not_asked_as_the_subject(nlp: Language, sentence: str,
                                                        answer: str) -> None:
    (sent,) = parse_sentences(nlp, [sentence])
    found = locate(sent, answer)
    assert found is not None
    assert ask(sent, found) is None


@pytest.mark.parametrize(("sentence", "answer"), [
    # a modifier says which ones
    ("Skilled glassblowers shape molten silica with long iron pipes.",
     "Skilled glassblowers"),
    # a field in -ics takes a singular verb: it is a subject of study, not a kind of people
    ("Acoustics studies the reflection of sound inside concert halls.", "Acoustics"),
    # a singular subject is another rule's ('a/an') or a definite thing
    ("The surveyor measured the valley floor with brass chains.", "The surveyor"),
])
def test_a_kind_that_says_which_is_still_asked(nlp: Language, sentence: str,
                                               answer: str) -> None:
    (sent,) = parse_sentences(nlp, [sentence])
    found = locate(sent, answer)
    assert found is not None
    assert ask(sent, found) is not None
