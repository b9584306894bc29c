"""bench.keep_prior: a keep-model refit pulled towards the weights in force (session 26)."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench import keep_prior


def _cards(seed: int = 0, n: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.column_stack([rng.normal(size=n), rng.integers(0, 2, n), rng.normal(3, 2, n)])
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.8 * x[:, 0] - 1.0 * x[:, 1])))).astype(int)
    return x, y


def test_a_prior_of_great_precision_keeps_the_weights_in_force() -> None:
    x, y = _cards()
    w0 = np.array([0.2, 0.5, -0.1])
    w, _ = keep_prior.fit(x, y, w0, 0.0, lam=1e9)
    assert np.allclose(w, w0, atol=1e-4)


def test_a_prior_of_no_precision_is_the_unpenalised_fit() -> None:
    x, y = _cards()
    w, b = keep_prior.fit(x, y, np.zeros(3), 0.0, lam=1e-9)
    plain = LogisticRegression(C=1e9, max_iter=5000).fit(x, y)
    assert np.allclose(w, plain.coef_[0], atol=1e-3) and abs(b - plain.intercept_[0]) < 1e-3


def test_the_refit_moves_each_weight_part_way_from_the_prior_towards_the_data() -> None:
    x, y = _cards()
    w0 = np.array([0.0, 0.0, 0.3])
    scratch, _ = keep_prior.fit(x, y, w0, 0.0, lam=1e-9)
    pulled, _ = keep_prior.fit(x, y, w0, 0.0, lam=keep_prior.precision(x, np.full(len(y), 0.5)))
    low, high = np.minimum(w0, scratch) - 1e-9, np.maximum(w0, scratch) + 1e-9
    between = (low <= pulled) & (pulled <= high)
    assert between.all() and not np.allclose(pulled, scratch, atol=0.02)


def test_the_precision_is_the_mean_fisher_information_per_standardised_weight() -> None:
    x, _ = _cards(n=400)
    # p = 1/2 everywhere: each standardised column contributes n · 1/4; a constant column none
    x = np.column_stack([x, np.ones(len(x))])
    assert abs(keep_prior.precision(x, np.full(len(x), 0.5)) - 400 * 0.25) < 1e-6
