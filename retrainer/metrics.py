"""Validation metrics of a quality scorer, on the 1..5 rating scale where it matters to users.

``selected_rating`` is the product metric: the generator keeps the top cards of each upload by
predicted quality, so what users see is the mean true rating of the top ``k`` per upload.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from retrainer.dataset import Item


def evaluate(items: list[Item], predictions: list[float], top_k: int = 3) -> dict[str, float]:
    """MSE and MAE on the 0..1 quality scale, correlations with the ratings, and the mean true
    rating of the top-k predicted cards per upload."""
    if len(items) != len(predictions) or not items:
        raise ValueError(f"{len(predictions)} predictions for {len(items)} items")
    truth = np.array([item.quality for item in items], dtype=np.float64)
    pred = np.array(predictions, dtype=np.float64)
    return {
        "mse": float(np.mean((pred - truth) ** 2)),
        "mae": float(np.mean(np.abs(pred - truth))),
        "pearson": pearson(pred, truth),
        "spearman": pearson(ranks(pred), ranks(truth)),
        "selected_rating": selected_rating(items, predictions, top_k),
        "mean_rating": float(np.mean([item.rating for item in items])),
    }


def selected_rating(items: list[Item], scores: list[float], top_k: int) -> float:
    """Mean true rating of the ``top_k`` highest-scored cards of each upload.

    Ties are broken by the example id, so a constant scorer picks an arbitrary but fixed set.
    """
    by_group: dict[str, list[tuple[float, str, float]]] = defaultdict(list)
    for item, score in zip(items, scores, strict=True):
        by_group[item.group].append((score, item.key, item.rating))
    chosen = [
        rating
        for group in by_group.values()
        for _, _, rating in sorted(group, key=lambda row: (-row[0], row[1]))[:top_k]
    ]
    return float(np.mean(chosen))


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation; 0.0 when either side is constant (no ranking information)."""
    a, b = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denominator) if denominator > 0 else 0.0


def ranks(values: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged, as Spearman's correlation needs."""
    order = np.argsort(values, kind="mergesort")
    ranked = np.empty(len(values), dtype=np.float64)
    ranked[order] = np.arange(len(values), dtype=np.float64)
    for value in np.unique(values):
        tied = values == value
        ranked[tied] = ranked[tied].mean()
    return ranked
