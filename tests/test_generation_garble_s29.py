"""A clause cut from a 'not only X, but (also) Y' sentence that keeps the correlative's first
half without its second is a fragment: 'Treatment not only increases oxygen levels …' (s29b:
every reviewer rejected its tf and its cloze). On a verb that carries its own tense the pair
goes and the clause says what the text says; with an auxiliary the 'not' stays
(tests/test_generation_negation_s26.py). Invented text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.clauses import clauses
from agents.generation.reference import Resolver

CANAL = ("The new canal not only carried grain from the farms of the northern valley, but it "
         "also brought settlers to the empty plains beyond the hills.")
EXERCISE = ("Regular exercise not only improves the circulation of blood in the legs, but also "
            "lowers the risk of heart disease among older adults in cities.")


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_a_cut_clause_drops_a_lone_not_only(nlp: Language) -> None:
    found = _clauses(nlp, CANAL)
    assert "The new canal carried grain from the farms of the northern valley." in found
    found = _clauses(nlp, EXERCISE)
    assert "Regular exercise improves the circulation of blood in the legs." in found


def test_no_clause_keeps_half_a_correlative(nlp: Language) -> None:
    for text in (CANAL, EXERCISE):
        assert not any("not only" in c for c in _clauses(nlp, text))


def test_no_card_states_half_a_correlative(nlp: Language) -> None:
    result = RuleEngine(encoder=None).generate(
        GenerationRequest(CANAL + " " + EXERCISE, "u", num_cards=10))
    for card in result.cards:
        assert "not only" not in card.question or "but" in card.question, card
