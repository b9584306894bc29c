"""A page the context rules leave nearly bare (its strict pass makes fewer than parsed._FEW
cards) gets the lenient pass's cards, which may lean on the page, as well. Before session 30
they competed with the strict cards on score, so one card the rules refused could swap the
page's strict cards for leaning ones (s27..s29 passages: 8 of the 26 pages that fall back
served lenient cards in place of strict ones). Now they are spare: they fill only the places
the strict cards leave."""

from __future__ import annotations

from agents.generation import GenerationRequest
from agents.generation.rules import RuleEngine, prepare

# 'the guild' is a bare everyday subject no sentence names: its questions are refused, and the
# strict pass keeps only its choices; 'the school', 'the fortress' lean on the page
TEXT = ("In 1921 the guild opened a trade school teaching four crafts. The school was led by "
        "Anna Vik under a charter from the guild. The count built a new fortress on the river "
        "in 1530. The fortress was sold to the Bishop of Utrecht in 1602.")


def test_the_lenient_pass_cards_are_spare() -> None:
    engine = RuleEngine(encoder=None)
    request = GenerationRequest(TEXT, "t", 6, "intermediate", ("mcq", "qa", "cloze", "tf"))
    doc, centroid, _ = prepare(request, None)
    made = engine.candidates(doc, "intermediate", centroid)
    leaning = [c for c in made if "fortress" in c.question or "school was led" in c.question]
    assert leaning and all(c.spare for c in leaning), leaning
    strict = [c for c in made if c.type == "mcq" and "guild open" in c.question]
    assert strict and not any(c.spare for c in strict), strict


def test_a_deck_serves_the_strict_card_before_a_leaning_one() -> None:
    """Before: 'When was the fortress sold to the Bishop of Utrecht?' (which fortress?) was
    served in place of the strict 'When did the guild open a trade school?'."""
    cards = RuleEngine(encoder=None).generate(
        GenerationRequest(TEXT, "t", 1, "intermediate", ("mcq",))).cards
    assert [c.question for c in cards] == ["When did the guild open a trade school?"], cards
