"""Does a refitted keep model serve better decks? The seen passages' decks of another checkout
of the engine (its keep model) and of this one, each served card matched to the cards the seen
reviews rated.

    .venv/bin/python -m bench.keep_decks --before /tmp/base [--reviews s20 s20b s20c]
    .venv/bin/python -m bench.keep_decks --before /tmp/base --reviews all

``--before DIR`` is a checkout of the engine to compare against (``git archive <commit> agents
bench schemas | tar -x -C DIR``). For each passage of the given seen reviews (default: the
newest, ``NEWEST``; ``all``: every passage of ``bench.splits.seen()``) each engine is asked in
its own process, as ``bench.card_defects`` asks it (its ``--emit`` child), for the card count
the passage's review asked, all four types. Per card type: the cards served, how many of them
a review rated and kept or rejected (a served card is a rated one when its passage, type,
question and answer are the same; the keep model's training files, ``rated``: label = the
reviewers' majority, the reviews' exploration shares included) and their mean P(keep). A
refit that serves fewer rated-kept cards on the newest passages is not landed. ``--after DIR``
puts another checkout in place of this one (two refits side by side). Any change of the
model moves a deck away from the cards the reviews rated (they were served by the model then
shipped), so the unrated cards served are reported beside the rated ones.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench import card_defects, keep_model, splits
from bench.card_review import CARD_TYPES

NEWEST = ("s20", "s20b", "s20c")


def passages(reviews: list[str]) -> list[dict[str, Any]]:
    """The seen passages of these reviews (``all``: every seen one), as card_defects' items."""
    items = card_defects.passages()
    if reviews == ["all"]:
        return items
    keys: set[str] = set()
    for name in reviews:
        key = json.loads((splits.REVIEWS / f"{name}-after.key.json").read_text(encoding="utf-8"))
        keys |= set(key["passages"])
    return [p for p in items if p["key"] in keys]


def rated() -> dict[tuple[str, ...], bool | None]:
    """(passage, type, question, answer) → kept, of every card the keep model trains on."""
    out: dict[tuple[str, ...], bool | None] = {}
    for path in (keep_model.DATA, *keep_model.SEEN_FILES):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out[(r["passage"], r["card"]["type"], r["card"]["question"], r["card"]["answer"])] \
                = r["keep"]
    return out


def tally(rows: list[dict[str, Any]], rated: dict[tuple[str, ...], bool | None]
          ) -> dict[str, dict[str, float]]:
    """Per type and over all: served, rated kept, rated rejected, mean P(keep)."""
    out: dict[str, dict[str, float]] = {}
    for t in (*CARD_TYPES, "all"):
        cards = [(r["key"], c) for r in rows for c in r["cards"] if t in ("all", c["type"])]
        labels = [rated.get((k, c["type"], c["question"], c["answer"])) for k, c in cards]
        keeps = [c["keep"] for _, c in cards if c["keep"] is not None]
        out[t] = {"served": len(cards), "kept": sum(v is True for v in labels),
                  "rejected": sum(v is False for v in labels),
                  "p_keep": sum(keeps) / len(keeps) if keeps else float("nan")}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True,
                        help="checkout of the engine to compare against")
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parents[1],
                        help="checkout of the engine under test (default: this one)")
    parser.add_argument("--reviews", nargs="+", default=list(NEWEST),
                        help="seen reviews whose passages to serve (s20 …), or 'all'")
    args = parser.parse_args(argv)
    labels = rated()
    items = passages(args.reviews)
    print(f"{len(items)} passages of {' '.join(args.reviews)}, "
          f"{sum(p['n'] for p in items)} cards asked")
    print(f"{'':7s} " + " ".join(f"{t:>24s}" for t in (*CARD_TYPES, "all")))
    for name, root in (("before", args.before), ("after", args.after)):
        cells = tally(card_defects.run_engine(root, items), labels)
        print(f"{name:7s} " + " ".join(
            f"{c['served']:5.0f} +{c['kept']:<4.0f}-{c['rejected']:<4.0f}p {c['p_keep']:.3f}"
            for c in cells.values()))
    print("cells: served, +rated kept, -rated rejected among them (the rest unrated), mean "
          "P(keep) of the served")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
