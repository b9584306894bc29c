"""A true statement that opens on 'The …' and names nothing (no name, no number) does not pad
a deck of several types (quality.select, keep.unbound_statement): under the tf bar such
statements were kept 37 % of the seen served ones before s30 and 0 of 2 on s30..s31b
('The network began running into some trouble in the ratings.': 'which network?'). Over its
bar it is served as before, a statement that names something still pads, and a deck of true
or false statements only, or one that would otherwise be empty, still takes it. Keep values
set by hand on synthetic candidates, as in test_generation_count_s28."""

from __future__ import annotations

from agents.generation.cards import Candidate
from agents.generation.quality import KEEP_BAR, KEEP_PAD, QualityScorer, Scored

TYPES = ("qa", "mcq", "cloze", "tf")
NAMED = ["The Orvell bridge was painted green by the Tamsin guild.",
         "Larkfield harbour froze over in the winter of 1843."]
UNBOUND = "The committee approved the new schedule after a long debate."
UNDER = (KEEP_PAD["tf"] + KEEP_BAR["tf"]) / 2  # pads a deck, not over the bar


def _true(text: str, keep: float) -> Scored:
    return Scored(Candidate("tf", f"True or false: {text}", "True", text, statement=text,
                            tags=["tf:true"]), {"keep": keep}, keep)


def _named(keep: float = 0.75) -> list[Scored]:
    return [_true(s, keep - i / 100) for i, s in enumerate(NAMED)]


def test_an_unbound_true_statement_under_its_bar_pads_no_mixed_deck() -> None:
    unbound = _true(UNBOUND, UNDER)
    chosen, notes = QualityScorer(None).select([*_named(), unbound], 8, TYPES)
    assert unbound not in chosen and len(chosen) == 2, notes


def test_an_unbound_true_statement_over_its_bar_is_served() -> None:
    unbound = _true(UNBOUND, KEEP_BAR["tf"] + 0.1)
    chosen, _ = QualityScorer(None).select([*_named(), unbound], 8, TYPES)
    assert unbound in chosen


def test_a_named_true_statement_under_its_bar_still_pads() -> None:
    low = _true(NAMED[1], UNDER)
    chosen, _ = QualityScorer(None).select([_true(NAMED[0], 0.75), low], 8, TYPES)
    assert low in chosen


def test_a_true_or_false_deck_still_takes_it() -> None:
    unbound = _true(UNBOUND, UNDER)
    chosen, _ = QualityScorer(None).select([*_named(), unbound], 3, ("tf",))
    assert unbound in chosen


def test_what_counts_as_unbound() -> None:
    from agents.generation.keep import unbound_statement

    def check(text: str, answer: str = "True") -> bool:
        return unbound_statement(Candidate("tf", f"True or false: {text}", answer, text,
                                           statement=text, tags=[f"tf:{answer.lower()}"]))

    assert check(UNBOUND)
    assert not check(NAMED[0])  # a name
    assert not check("The committee met 3 times before the vote.")  # a number
    assert not check("A committee approved the new schedule after a long debate.")
    assert not check(UNBOUND, "False")  # a false statement tests its swapped term
    assert not check("The spleen filters old red cells out of circulating plasma.")  # rare head


def test_it_still_fills_a_deck_that_would_otherwise_be_empty() -> None:
    unbound = _true(UNBOUND, UNDER)
    chosen, _ = QualityScorer(None).select([unbound], 4, TYPES)
    assert chosen == [unbound]
