"""Number distractors stay plausible: a share never passes 100 %, no option repeats the answer."""

from __future__ import annotations

import re

import pytest

from agents.generation.distractors import _perturb
from agents.generation.terms import Term


@pytest.mark.parametrize("difficulty", ["beginner", "intermediate", "advanced"])
@pytest.mark.parametrize("text", ["About 97 percent", "97%", "85 per cent", "a percentage of 90"])
def test_a_share_is_never_offered_above_100(text: str, difficulty: str) -> None:
    options = _perturb(Term(text, "number", 0, len(text)), difficulty)
    assert len(options) >= 3
    for option in options:
        value = float(re.search(r"\d+(?:\.\d+)?", option).group(0))  # type: ignore[union-attr]
        assert 0 < value < 100, option
    assert text not in options and len(set(options)) == len(options)


def test_counts_still_scale() -> None:
    options = _perturb(Term("1,200 soldiers", "number", 0, 14), "intermediate")
    assert "2,400 soldiers" in options and "1,200 soldiers" not in options


def test_an_option_that_rounds_back_to_the_answer_is_dropped() -> None:
    options = _perturb(Term("1 kg", "number", 0, 4), "advanced")  # 0.9, 1.1 round to 1
    assert "1 kg" not in options
