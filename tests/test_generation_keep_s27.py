"""bench.keep_prior: refit only the features whose held-out gain holds on every session
(session 27)."""

from __future__ import annotations

import numpy as np

from bench import keep_prior


def _sessions(seed: int = 0, per_review: int = 300) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three sessions of two reviews each. Feature 0 predicts keep in every session, feature 1
    in the first session only and the other way round in the other two; feature 2 is a
    nuisance column."""
    rng = np.random.default_rng(seed)
    reviews = np.repeat([f"s{s}{r}" for s in (1, 2, 3) for r in ("", "b")], per_review)
    x = rng.normal(size=(len(reviews), 3))
    sign = np.where(np.char.startswith(reviews.astype(str), "s1"), 1.5, -1.5)
    z = 1.2 * x[:, 0] + sign * x[:, 1]
    y = (rng.random(len(reviews)) < 1 / (1 + np.exp(-z))).astype(int)
    return x, y, reviews


def test_a_refit_of_some_features_leaves_the_others_at_the_prior() -> None:
    x, y, _ = _sessions()
    w0 = np.array([0.0, 0.0, 0.4])
    w, _ = keep_prior.fit(x, y, w0, 0.0, lam=1.0, free=np.array([True, False, False]))
    assert w[0] > 0.5 and w[1] == 0.0 and abs(w[2] - 0.4) < 1e-12


def test_only_a_feature_whose_held_out_gain_holds_on_every_session_is_stable() -> None:
    x, y, reviews = _sessions()
    sessions = [["s1", "s1b"], ["s2", "s2b"], ["s3", "s3b"]]
    free = keep_prior.stable(x, y, reviews, sessions, np.zeros(3), 0.0, lam=1.0)
    assert free[0] and not free[1]
