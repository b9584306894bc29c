"""How many cards the engine serves on the seen textbook pages, and which: before vs after.

    .venv/bin/python -m bench.textbook_supply --before DIR [--new FILE]

The seen textbook pages are the pages of ``bench.splits.seen()`` (every reviewed book,
Entrepreneurship included) and the DEV pages of Anatomy and Physiology 2e (asked ``DEV_ASKED``
cards each). Each engine (``--before DIR``: ``git archive <commit> agents bench schemas | tar -x
-C DIR``; the after one is this checkout) is asked, in its own process as ``bench.card_defects``
asks it, for the count the page's review asked, all four types. Printed: cards served and per
page, how many of the served a review rated kept or rejected (``bench.keep_decks.rated``), the
rated cards only one side serves, and the cards only the after side serves that no review rated
(``--new FILE`` writes them out, passage key, type, question, answer and source sentence, for a
blind read) with their mean P(keep). Read-only: nothing here reaches the engine.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bench import card_defects, keep_decks, splits

DEV_ASKED = 8  # the DEV pages were never asked by a review; the middle of its 6-10 draw


def pages() -> list[dict[str, Any]]:
    """The seen textbook pages as card_defects' items (key, text, title, n)."""
    from bench.card_review import shown_title

    items = [p for p in card_defects.passages() if p["key"].startswith("openstax:")]
    items += [{"key": p.key, "text": p.text, "title": shown_title(p), "n": DEV_ASKED}
              for p in splits.textbook("dev")]
    return items


def _cards(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], dict[str, Any]]:
    return {(r["key"], c["type"], c["question"], c["answer"]): c
            for r in rows for c in r["cards"]}


def compare(before_rows: list[dict[str, Any]], after_rows: list[dict[str, Any]], pages: int,
            new_path: Path | None = None) -> None:
    """Print the two engines' served cards and the rated and new cards only one serves."""
    labels = keep_decks.rated()
    sides = {"before": _cards(before_rows), "after": _cards(after_rows)}
    for name, cards in sides.items():
        kept = sum(labels.get(k) is True for k in cards)
        rejected = sum(labels.get(k) is False for k in cards)
        print(f"{name:7s} {len(cards)} served ({len(cards) / pages:.2f} a page), "
              f"+{kept} rated kept, -{rejected} rated rejected")
    before, after = sides["before"], sides["after"]
    for what, keys in (("removed", before.keys() - after.keys()),
                       ("added", after.keys() - before.keys())):
        print(f"{what}: {sum(labels.get(k) is True for k in keys)} rated kept, "
              f"{sum(labels.get(k) is False for k in keys)} rated rejected, "
              f"{sum(k not in labels for k in keys)} unrated")
    new = [(k, after[k]) for k in sorted(after.keys() - before.keys()) if k not in labels]
    keeps = [c["keep"] for _, c in new if c["keep"] is not None]
    if keeps:
        print(f"new unrated cards: {len(new)}, mean P(keep) {sum(keeps) / len(keeps):.3f}")
    if new_path:
        new_path.write_text("".join(
            f"[{k[0]}] {k[1]}: {k[2]} -> {k[3]}\n    source: {c['source_sentence']}\n"
            for k, c in new), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--new", type=Path, help="write the after side's new unrated cards")
    args = parser.parse_args(argv)
    items = pages()
    print(f"{len(items)} seen textbook pages, {sum(p['n'] for p in items)} cards asked")
    rows = [card_defects.run_engine(root, items) for root in (args.before, args.after)]
    compare(*rows, len(items), args.new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
