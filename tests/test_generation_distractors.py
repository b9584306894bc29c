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
