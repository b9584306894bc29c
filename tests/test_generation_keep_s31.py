"""bench.keep_prior --until: a refit on the seen reviews through one review only, the refit a
session before would have made, judged on the decks of the reviews it leaves out (session 31)."""

from __future__ import annotations

import pytest

from bench import keep_model, keep_prior


def test_a_refit_until_a_review_fits_on_dev_and_the_reviews_through_it_only() -> None:
    names = [p.name for p in keep_prior.files("s29c")]
    assert names[0] == keep_model.DATA.name and names[-1] == "card_reviews_s29c.jsonl"
    assert "card_reviews_s29.jsonl" in names and "card_reviews_s7.jsonl" in names
    assert not {"card_reviews_s30.jsonl", "card_reviews_s30b.jsonl"} & set(names)


def test_a_refit_without_until_fits_on_every_seen_review() -> None:
    assert keep_prior.files() == [keep_model.DATA, *keep_model.SEEN_FILES]
    assert keep_prior.files(keep_model.ORDER[-1]) == keep_prior.files()


def test_until_a_review_that_is_not_seen_is_refused() -> None:
    with pytest.raises(ValueError, match="not a seen review"):
        keep_prior.files("s99")
