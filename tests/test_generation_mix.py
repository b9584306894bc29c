"""The card mix (quality.QualityScorer.select): a fact that backs the passage's only
multiple-choice card is not spent on a question first (values, no pipeline)."""

from __future__ import annotations

from agents.generation.cards import Candidate
from agents.generation.quality import QualityScorer, Scored


def _scored(type_: str, question: str, answer: str, rank: float, source: str) -> Scored:
    choices = [answer, "1589", "1609", "1619"] if type_ == "mcq" else []
    return Scored(Candidate(type_, question, answer, source, choices=choices), {}, rank)


def test_a_fact_with_options_goes_to_multiple_choice_before_a_question() -> None:
    """Seen passages: the qa 'When was the Company founded?' → '1599' was chosen first, and
    the multiple-choice card of the same fact was then dropped as its duplicate; the user who
    asked for multiple choice got none while another question was there to be asked."""
    founded = "The Company was founded in 1599 by merchants in London."
    traded = "The Company traded spices from the East Indies."
    scored = [
        _scored("qa", "When was the Company founded?", "1599", 0.9, founded),
        _scored("mcq", "When was the Company founded?", "1599", 0.8, founded),
        _scored("qa", "What did the Company trade?", "spices", 0.7, traded),
    ]
    chosen, _ = QualityScorer(keep_model=None).select(scored, 3, ("qa", "mcq"))
    types = sorted(s.candidate.type for s in chosen)
    assert types == ["mcq", "qa"], [(s.candidate.type, s.candidate.answer) for s in chosen]
    assert {s.candidate.answer for s in chosen} == {"1599", "spices"}


def test_an_abundant_multiple_choice_slot_reserves_nothing() -> None:
    """With more multiple-choice facts than places, a question may take any of them."""
    scored = [_scored("qa", f"When was event {i} held?", str(1500 + i), 0.9 - i / 100,
                      f"Event {i} was held in {1500 + i}.") for i in range(3)]
    scored += [_scored("mcq", f"When was event {i} held?", str(1500 + i), 0.5,
                       f"Event {i} was held in {1500 + i}.") for i in range(3)]
    chosen, _ = QualityScorer(keep_model=None).select(scored, 2, ("qa", "mcq"))
    assert sorted(s.candidate.type for s in chosen) == ["mcq", "qa"]
    qa = next(s for s in chosen if s.candidate.type == "qa")
    assert qa.candidate.answer == "1500"  # the best question, though its fact has options
