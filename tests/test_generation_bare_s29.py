"""A bare 'Activities', 'Treatment', 'Members' subject with nothing of its own to say whose
(scope.py, rule ``owner``), with the real pipeline: no card shows it; one that says whose
('Members of the council …') and a generic bare plural ('Plants need …') stand."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import scope
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

GALLERY = (
    "The Lindqvist Gallery opened its doors to the public in 1921. "
    "Activities include restoring old clocks and teaching visitors to wind them by hand."
)
COUNCIL = (
    "The Harbour Council of Tamsford meets every spring in the old customs house. "
    "Members must be at least thirty years old and must live within the harbour district."
)
CLINIC = (
    "Mild frostbite is common among winter climbers in the northern ranges. "
    "Treatment has the side effect of slowing the heart rate in older patients."
)
OWNED = (
    "The Harbour Council of Tamsford meets every spring in the old customs house. "
    "Members of the council must be at least thirty years old and live in Tamsford."
)
GENERIC = (
    "Gardens need careful planning before the first frost. "
    "Plants need light and water to grow their leaves in the spring."
)


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def _shown(card: Candidate) -> str:
    return f"{card.question} {card.answer}".lower()


def test_bare_activities_makes_no_card(nlp: Language) -> None:
    cards = _cards(nlp, GALLERY)
    assert cards  # the first sentence still makes cards
    assert not [c for c in cards if "activities" in _shown(c)]


def test_bare_members_makes_no_card_of_any_type(nlp: Language) -> None:
    assert not [c for c in _cards(nlp, COUNCIL) if "members" in _shown(c)]


def test_bare_treatment_makes_no_card(nlp: Language) -> None:
    assert not [c for c in _cards(nlp, CLINIC) if "treatment" in _shown(c)]


def test_a_lone_participle_says_no_more(nlp: Language) -> None:
    sent = next(nlp("Techniques represented include knitting, dyeing and felting.").sents)
    assert [c.rule for c in scope.scopes(sent, [])] == ["owner"]


def test_members_of_the_council_stand(nlp: Language) -> None:
    assert [c for c in _cards(nlp, OWNED) if "members of the" in _shown(c)]


def test_a_generic_bare_plural_stands(nlp: Language) -> None:
    assert [c for c in _cards(nlp, GENERIC) if "plants need" in _shown(c)]
