"""The keep model's refit judged held out by bench.keep_model --loso-sessions (session 34: the
script each session rewrote is one option), and the s33 reviews fitted or excused once an s34
review is seen (bench/data/declined_refits.json)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

import tests.test_generation_keep as keep_tests
from agents.generation import keep
from bench import keep_model, splits


def _cards(seed: int, sessions: dict[str, int], per_passage: int = 6) -> dict[str, tuple]:
    """Invented rated cards: per session, passages of ``per_passage`` cards whose label follows
    the first feature (with noise), as bench.keep_model.load returns a training file's."""
    rng = np.random.default_rng(seed)
    parts = {}
    for name, passages in sessions.items():
        n = passages * per_passage
        x = rng.normal(size=(n, len(keep.NAMES)))
        y = (x[:, 0] + rng.normal(scale=1.0, size=n) > 0).astype(int)
        groups = np.array([f"squad:{name}:{i // per_passage}" for i in range(n)])
        rows = [{"review": f"{name}-both", "passage": g, "card": {"type": keep_model.TYPES[i % 4]}}
                for i, g in enumerate(groups)]
        parts[name] = (x, y, groups, rows)
    return parts


def test_the_paired_change_of_a_score_with_itself_is_zero_with_a_zero_interval() -> None:
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 120)
    a = rng.normal(size=120)
    passages = np.repeat(np.arange(20), 6)
    before, after, change, low, high = keep_model.paired_auc(y, a, a.copy(), passages, n=200)
    assert before == after == pytest.approx(roc_auc_score(y, a))
    assert change == low == high == 0.0


def test_a_score_that_ranks_the_kept_cards_first_gains_with_an_interval_above_zero() -> None:
    rng = np.random.default_rng(2)
    y = rng.integers(0, 2, 150)
    noise = rng.normal(size=150)
    better = y + 0.3 * noise
    passages = np.repeat(np.arange(25), 6)
    before, after, change, low, high = keep_model.paired_auc(y, noise, better, passages, n=300)
    assert after > before
    assert 0 < low <= change <= high


def test_leave_one_session_out_scores_each_target_by_a_fit_that_never_saw_it() -> None:
    x = np.arange(12, dtype=float)[:, None]
    y = np.array([0, 1] * 6)
    sessions = np.array(["dev"] * 4 + ["s33"] * 4 + ["s34"] * 4)
    seen: list[set[float]] = []

    def fit(xt: np.ndarray, yt: np.ndarray):  # type: ignore[no-untyped-def]
        seen.append(set(xt[:, 0]))
        return lambda xs: np.full(len(xs), len(xt), float)

    pred = keep_model.loso(x, y, sessions, ["s33", "s34"], fit)
    assert seen == [set(range(4)) | set(range(8, 12)), set(range(8))]
    assert np.isnan(pred[:4]).all() and (pred[4:] == 8).all()
    with pytest.raises(ValueError):
        keep_model.loso(x, y, sessions, ["s35"], fit)


def test_the_loso_report_pairs_the_shipped_weights_with_the_held_out_refit() -> None:
    parts = _cards(3, {"dev": 12, "s6": 10, "s40": 10, "s40b": 8, "s41": 12})
    out = keep_model.report_loso(parts, ["s40", "s41"], n=200)
    assert set(out) >= {"s40*", "s41*", "pooled", "pooled tf"}
    shipped = keep.default_model()
    x, y, _, rows = keep_model._join(*parts.values())
    target = np.array([r["review"].startswith("s40") for r in rows])  # s40 and s40b together
    before = roc_auc_score(y[target], x[target] @ shipped.weights)
    a, b, change, low, high = out["s40*"]
    assert a == pytest.approx(before)
    assert change == pytest.approx(b - a) and low <= change <= high
    # the first feature decides the invented labels: a refit on the others learns it
    assert b > a


def test_the_s33_reviews_are_fitted_or_excused_once_an_s34_review_is_seen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if "s34-after" not in splits.SEEN_KEYS:  # the lead records s34 at the session's stop
        monkeypatch.setattr(splits, "SEEN_KEYS", (*splits.SEEN_KEYS, "s34-after"))
    keep_tests.test_the_shipped_weights_were_fitted_on_every_seen_review()
