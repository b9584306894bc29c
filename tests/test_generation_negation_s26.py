"""A clause cut from a long sentence keeps the word that denies its verb (clauses.negates_verb):
the parser labels the 'not' of 'does not only apply to X, but …' a correlative's first half,
and the cut dropped it with its conjunct, then 'only' with it: 'does apply to X', the opposite
of what the text says. Invented text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.clauses import clauses
from agents.generation.reference import Resolver

SCARCITY = ("The central idea of scarcity does not only apply to households, but it also shapes "
            "the choices that governments and firms make about the goods they produce every year.")
RATIONING = ("The principle of rationing does not only apply to the markets for food, and it also "
             "governs how cities allocate the water from their reservoirs during long summer "
             "droughts.")


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_a_cut_clause_keeps_its_not(nlp: Language) -> None:
    found = _clauses(nlp, SCARCITY)
    assert "The central idea of scarcity does not only apply to households." in found
    assert not any("does apply" in c for c in found)


def test_a_not_before_only_after_the_subject_stays(nlp: Language) -> None:
    found = _clauses(nlp, RATIONING)
    assert "The principle of rationing does not only apply to the markets for food." in found
    # 'Not only A is on display, but also B' says A is on display (s23's rule, unchanged)
    found = _clauses(nlp, "Not only the paintings of local artists are on display in the east "
                          "wing, but also furniture made by craftsmen from the northern "
                          "provinces and imports from distant ports.")
    assert "The paintings of local artists are on display in the east wing." in found


def test_no_card_states_the_denied_verb(nlp: Language) -> None:
    result = RuleEngine(encoder=None).generate(
        GenerationRequest(SCARCITY + " " + RATIONING, "u", num_cards=10))
    for card in result.cards:
        for text in (card.question, card.source_sentence or ""):
            assert "does apply" not in text, card
