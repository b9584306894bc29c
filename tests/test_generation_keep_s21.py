"""Session 21: the keep model's benches and features."""

from __future__ import annotations

import json

from bench import keep_decks, splits


def test_the_deck_bench_serves_only_the_newest_reviews_passages() -> None:
    """bench.keep_decks' default passages are the newest seen reviews' (s20, s20b, s20c), each
    with the count its review asked, and the rated cards it matches against include s20c's, its
    exploration share too."""
    items = keep_decks.passages(list(keep_decks.NEWEST))
    keys = set()
    for name in keep_decks.NEWEST:
        keys |= set(json.loads((splits.REVIEWS / f"{name}-after.key.json").read_text())[
            "passages"])
    assert {p["key"] for p in items} == keys
    asked = {p.key: n for p, n in splits.seen()}
    assert all(p["n"] == asked[p["key"]] for p in items)
    s20c = splits.REVIEWS.parent / "card_reviews_s20c.jsonl"
    rows = [json.loads(line) for line in s20c.read_text().splitlines()]
    labels = keep_decks.rated()
    assert all(labels[(r["passage"], r["card"]["type"], r["card"]["question"],
                       r["card"]["answer"])] == r["keep"] for r in rows)
    assert any(r.get("explore") for r in rows)  # the exploration share is matched too
