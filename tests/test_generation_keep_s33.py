"""The keep model once session 33's reviews are recorded: s32, s32b and s32c are no longer the
newest session's, so each must be inside the shipped fit or excused by a declined refit that
was measured on them (bench/data/declined_refits.json; session 33)."""

from __future__ import annotations

import pytest

import tests.test_generation_keep as keep_tests
from bench import splits


def test_the_s32_reviews_are_fitted_or_excused_once_an_s33_review_is_seen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if "s33-after" not in splits.SEEN_KEYS:  # the lead records s33 at the session's stop
        monkeypatch.setattr(splits, "SEEN_KEYS", (*splits.SEEN_KEYS, "s33-after"))
    keep_tests.test_the_shipped_weights_were_fitted_on_every_seen_review()
