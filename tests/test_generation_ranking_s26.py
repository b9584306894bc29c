"""The ranker's pairwise learner (bench/qg_ranker.py): it learns the order within an answer."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from agents.generation import ranking
from bench import qg_ranker


def _row(short_wins: bool) -> dict[str, Any]:
    sentence = "The old mill by the river was built by the monks of the abbey in 1204."
    candidates = [ranking.Candidate("When was the old mill by the river built by the monks "
                                    "of the abbey?", "adjunct", "sentence"),
                  ranking.Candidate("When was the old mill built?", "adjunct", "short",
                                    dropped="prep")]
    made = SimpleNamespace(candidates=candidates, kind="year", sentence=sentence)
    # the target is all that differs between answers: the learner must read it per answer
    return {"made": made, "questions": [c.question for c in candidates],
            "human": "", "target": [30.0, 60.0] if short_wins else [60.0, 30.0]}


def test_the_pairwise_learner_prefers_the_candidate_that_is_closer_more_often() -> None:
    rows = [_row(short_wins=k % 4 != 0) for k in range(40)]  # the short one wins 3 times in 4
    w = dict(zip(ranking.feature_names(), qg_ranker.fit_pairwise(rows), strict=True))
    ranker = ranking.Ranker(w)
    made = rows[0]["made"]
    assert ranker.best(made.candidates, made.kind, made.sentence) is made.candidates[1]
    rows = [_row(short_wins=k % 4 == 0) for k in range(40)]  # and the long one, 3 in 4
    w = dict(zip(ranking.feature_names(), qg_ranker.fit_pairwise(rows), strict=True))
    assert ranking.Ranker(w).best(made.candidates, made.kind, made.sentence) \
        is made.candidates[0]
