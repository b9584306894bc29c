"""One closeness ranking for both engines' distractors (distractors.by_closeness)."""

from __future__ import annotations

import numpy as np

from agents.generation import choices, distractors
from agents.generation.distractors import by_closeness


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=float)
    return v / np.linalg.norm(v)


VECTORS = {
    "Rollo": _unit(1, 0, 0),
    "Rolf": _unit(1, 0.05, 0),  # ~0.999: a synonym, a second right answer
    "William": _unit(1, 0.6, 0),  # ~0.86
    "Richard": _unit(1, 1.2, 0),  # ~0.64
    "the Seine": _unit(0, 0, 1),  # 0: a tagging slip
}


def test_synonyms_are_dropped_and_the_floor_drops_unrelated_options() -> None:
    options = ["Rolf", "William", "Richard", "the Seine"]
    assert by_closeness("Rollo", options, "advanced", VECTORS) == [
        "William", "Richard", "the Seine"]
    assert by_closeness("Rollo", options, "advanced", VECTORS, floor=0.12) == [
        "William", "Richard"]
    assert by_closeness("Rollo", options, "beginner", VECTORS, floor=0.12) == [
        "Richard", "William"]
    assert by_closeness("Rollo", options, "intermediate", VECTORS, floor=0.12,
                        intermediate="closest") == ["William", "Richard"]


def test_both_engines_rank_with_the_one_function() -> None:
    assert not hasattr(choices, "_by_closeness") and not hasattr(distractors, "_by_closeness")
    assert choices.by_closeness is distractors.by_closeness


def test_a_day_of_the_month_moves_by_days_and_stays_a_day() -> None:
    """'1 June' was offered '0 June' (DEV, Normans: Richard's conquest of Cyprus)."""
    from agents.generation.spans import Answer

    for text in ("1 June", "June 1", "28 June"):
        options = choices._numbers(Answer(0, 2, "date", "DATE", "", text), "intermediate")
        days = [int("".join(ch for ch in o if ch.isdigit())) for o in options]
        assert len(options) >= 3 and all(1 <= d <= 28 for d in days), (text, options)
        assert all("June" in o for o in options) and text not in options


def test_the_template_path_keeps_a_year_between_the_years_its_sentence_states() -> None:
    """Without a parse (distractors.pick) a year had none of plausible.py's range rules: an
    option stays between the sentence's years on each side of the answer, and a past year
    gets no option far after the document's own (plausible.in_era)."""
    from agents.generation.terms import Term

    source = "After the fire of 1860, the bridge opened in 1890, long before the tunnel of 1900."
    start = source.index("1890")
    term = Term("1890", "year", start, start + 4)
    pool = {"year": ["1920", "1870", "1865", "1880", "1860", "1900", "1890"]}
    options = distractors.pick(term, source, pool, "intermediate")
    assert options and all(1860 < int(o) < 1900 for o in options), options
    alone = "The fund lost a fifth of its value in 1990."
    term = Term("1990", "year", alone.index("1990"), alone.index("1990") + 4)
    options = distractors.pick(term, alone, {"year": ["1990"]}, "intermediate")
    assert len(options) == 3 and all(int(o) <= 1990 + 15 for o in options), options
