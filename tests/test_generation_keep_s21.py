"""Session 21: the keep model's benches and features."""

from __future__ import annotations

import json

from bench import keep_decks, splits
from bench.card_references import rated_cards


def test_the_deck_bench_serves_only_the_newest_reviews_passages() -> None:
    """bench.keep_decks' default passages are the newest seen reviews' (s20, s20b, s20c), each
    with the count its review asked, and the rated cards it matches against include s20c's."""
    items = keep_decks.passages(list(keep_decks.NEWEST))
    keys = set()
    for name in keep_decks.NEWEST:
        keys |= set(json.loads((splits.REVIEWS / f"{name}-after.key.json").read_text())[
            "passages"])
    assert {p["key"] for p in items} == keys
    asked = {p.key: n for p, n in splits.seen()}
    assert all(p["n"] == asked[p["key"]] for p in items)
    s20c = splits.REVIEWS.parent / "card_reviews_s20c.jsonl"
    mine = {json.loads(line)["card"]["question"] for line in s20c.read_text().splitlines()}
    assert mine <= {r["card"]["question"] for r in rated_cards()}
