"""The blessing gate: is a challenger good enough to be announced?

A challenger is compared with a reference on the *same* validation set:

* with a champion, the reference is the champion's own predictions;
* without one (the first model), the reference is a baseline: a constant predictor of the
  training mean for MSE, and the generator's heuristic ``quality_score`` for the ranking.

It is blessed when **both** hold:

1. its validation MSE is lower than the reference's by at least ``mse_margin`` (relative; 1 %
   by default), so a retraining on noise does not churn versions, and
2. its selected-card rating (mean true rating of the top-k cards per upload) is not worse than
   the reference's by more than ``rating_tolerance`` stars (0.1), because MSE can improve
   while the cards users actually see get worse.
"""

from __future__ import annotations

from dataclasses import dataclass

from retrainer.config import GateConfig
from retrainer.dataset import Item
from retrainer.metrics import evaluate


@dataclass(frozen=True)
class Verdict:
    blessed: bool
    reason: str
    reference: str  # "champion 3" or "baseline"
    reference_metrics: dict[str, float]


def baseline_metrics(train: list[Item], validation: list[Item], top_k: int) -> dict[str, float]:
    """The no-champion reference: constant training mean for MSE, heuristic for ranking."""
    mean = sum(item.quality for item in train) / len(train)
    constant = evaluate(validation, [mean] * len(validation), top_k)
    heuristic = evaluate(validation, [item.card.quality_score for item in validation], top_k)
    return constant | {
        "selected_rating": heuristic["selected_rating"],
        "heuristic_mse": heuristic["mse"],
        "heuristic_spearman": heuristic["spearman"],
    }


def judge(challenger: dict[str, float], reference: dict[str, float], gate: GateConfig,
          reference_name: str) -> Verdict:
    mse_needed = reference["mse"] * (1 - gate.mse_margin)
    rating_floor = reference["selected_rating"] - gate.rating_tolerance
    mse_ok = challenger["mse"] <= mse_needed
    rating_ok = challenger["selected_rating"] >= rating_floor
    summary = (
        f"val MSE {challenger['mse']:.4f} vs {reference_name} {reference['mse']:.4f} "
        f"(needs <= {mse_needed:.4f}); selected-card rating {challenger['selected_rating']:.2f} "
        f"vs {reference['selected_rating']:.2f} (needs >= {rating_floor:.2f})"
    )
    if mse_ok and rating_ok:
        return Verdict(True, f"beats {reference_name}: {summary}", reference_name, reference)
    failed = " and ".join(
        name for name, ok in (("MSE", mse_ok), ("selected-card rating", rating_ok)) if not ok
    )
    return Verdict(False, f"{failed} not better than {reference_name}: {summary}",
                   reference_name, reference)
