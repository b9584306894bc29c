"""A subject pronoun never stands for a name its own clause goes on to say: 'They then use the
ATP and NADPH to make …' is not about NADPH (session 23's s23c review: two cloze cards read
'NADPH then use the ATP and NADPH …', every reviewer rejected both). The candidates are
given at the resolver's seam (``Resolver._candidates``); the sentence is parsed by the real
pipeline. Invented text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.reference import Mention, Resolver

SENT = "They then use the ATP and Drumine to make sugars from carbon dioxide."
NAMED = Mention("Drumine", "thing", "plur", "drumine", label="ORG")
ELSEWHERE = Mention("Ostrava millers", "group", "plur", "miller", label="NORP")


def _resolved(nlp: Language, monkeypatch: pytest.MonkeyPatch,
              candidates: list[Mention]) -> Mention | None:
    sent = nlp(SENT)[:]
    monkeypatch.setattr(Resolver, "_candidates", lambda self, p, s: list(candidates))
    return Resolver().resolve(sent[0], sent)


def test_a_name_the_pronouns_own_clause_says_is_not_its_referent(
        nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _resolved(nlp, monkeypatch, [NAMED]) is None


def test_a_name_the_clause_only_uses_as_a_modifier_is_still_meant(
        nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """'In the same year, he patented the Tesla coil': the name inside another phrase does not
    stop the pronoun meaning it."""
    sent = nlp("In 1891 he patented the Halvorsen coil in Bergen.")[:]
    halvorsen = Mention("Halvorsen", "person", "sing", "halvorsen", label="PERSON")
    monkeypatch.setattr(Resolver, "_candidates", lambda self, p, s: [halvorsen])
    he = next(t for t in sent if t.lower_ == "he")
    assert Resolver().resolve(he, sent) == halvorsen


def test_a_name_from_elsewhere_is_still_taken(nlp: Language,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert _resolved(nlp, monkeypatch, [ELSEWHERE]) == ELSEWHERE
