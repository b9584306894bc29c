"""Does the default engine deliver the deck a user asked for? Fill rate and zero-card texts.

For each passage of a split (``bench/splits.py``: SQuAD paragraphs and textbook pages) the
engine ``cardstream generate`` uses is asked for 6–10 cards of all four types (the same seeded
draw as the blind review, ``bench/card_review.py``). Reported, per corpus and overall:

- fill rate: cards delivered / cards requested;
- zero-card passages: texts whose upload would end in "no cards could be made";
- mean P(keep) (the keep model, ``agents/generation/keep.py``) of the delivered cards, per
  card type: the quality proxy, so that a fuller deck is not bought with worse cards;
- the type mix: cards delivered per type against the even split of the count the engine
  asks each type for (its quota; a short type's places go to the best cards of the others);
- decks that carry two cards of one source sentence (one fact told twice: a true statement
  beside the cloze of the same sentence), and how many such pairs;
- ms per passage (wall, this process; run timed numbers under the bench lock).

``--compare`` runs every passage twice in one process, side by side: without the clauses of
long sentences (``agents/generation/clauses.py`` switched off) and with them, and prints both.

``--texts FILE`` adds passages of your own (plain text, one per paragraph, blank-line
separated, or a JSON list of {"title", "context"}), reported as corpus "extra"; ``--split none``
measures them alone.

    .venv/bin/python -m bench.card_fill --split dev [--compare] [--texts FILE] [--show N]
        [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench import splits
from bench.card_review import CARD_TYPES, shown_title
from bench.splits import Passage


def passages(split: str | None, texts: Path | None) -> list[Passage]:
    """The split's passages (none for ``split=None``) and the paragraphs of ``texts``: plain
    text, blank-line separated, or JSON, a list of {"title", "context"}."""
    out = splits.squad(split) + splits.textbook(split) if split else []
    if texts is not None:
        raw = texts.read_text(encoding="utf-8")
        blocks = ([(p["title"], p["context"]) for p in json.loads(raw)]
                  if texts.suffix == ".json" else [(texts.stem, b) for b in raw.split("\n\n")])
        out += [Passage(f"extra:{texts.stem}:{n}", "extra", split or "dev", title,
                        " ".join(text.split())) for n, (title, text) in enumerate(blocks)
                if text.strip()]
    return out


def run(engine: Any, items: list[Passage], seed: int = 0,
        asked: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """One row per passage: requested (``asked``'s count, else the seeded draw), delivered,
    per-type P(keep), the engine's notes, time."""
    from agents.exceptions import GenerationError
    from agents.generation import GenerationRequest

    rows = []
    for p in items:
        n = (asked or {}).get(p.key) or splits.cards_asked(seed, p.key)
        request = GenerationRequest(p.text, f"fill-{p.key}", n, "intermediate", CARD_TYPES,
                                    title=shown_title(p))
        started = time.perf_counter()
        notes: list[str] = []
        try:
            result = engine.generate(request)
            cards, notes = result.cards, list(getattr(result, "notes", []) or [])
        except GenerationError as exc:
            cards, notes = [], [str(exc)]
        ms = 1000 * (time.perf_counter() - started)
        rows.append({"key": p.key, "corpus": p.corpus, "requested": n, "delivered": len(cards),
                     "ms": ms, "notes": notes, "cards": [{"type": c.type, "question": c.question,
                                          "answer": c.answer, "keep": c.quality.get("keep"),
                                          "source": c.source_sentence}
                                         for c in cards]})
    return rows


def asked_mix(count: int) -> dict[str, int]:
    """The even split of ``count`` over the four types that selection's quota gives them."""
    return {t: count // len(CARD_TYPES) + (i < count % len(CARD_TYPES))
            for i, t in enumerate(CARD_TYPES)}


def mix(rows: list[dict[str, Any]]) -> str:
    """Delivered / asked per type, summed over passages."""
    asked: dict[str, int] = defaultdict(int)
    given: dict[str, int] = defaultdict(int)
    for r in rows:
        for t, n in asked_mix(r["requested"]).items():
            asked[t] += n
        for c in r["cards"]:
            given[c["type"]] += 1
    return "  ".join(f"{t} {given[t]}/{asked[t]} ({given[t] / max(1, asked[t]):.0%})"
                     for t in CARD_TYPES)


def repeats(cards: list[dict[str, Any]]) -> int:
    """Cards of a deck beyond the first of their source sentence."""
    sources = [c.get("source") or "" for c in cards]
    return sum(n - 1 for n in Counter(s for s in sources if s).values())


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["corpus"]].append(r)
        groups["all"].append(r)
    out = {}
    for name, rs in groups.items():
        keeps: dict[str, list[float]] = defaultdict(list)
        for r in rs:
            for c in r["cards"]:
                if c["keep"] is not None:
                    keeps[c["type"]].append(c["keep"])
                    keeps["all"].append(c["keep"])
        out[name] = {
            "passages": len(rs),
            "requested": sum(r["requested"] for r in rs),
            "delivered": sum(r["delivered"] for r in rs),
            "zero": sum(r["delivered"] == 0 for r in rs),
            "repeated": sum(repeats(r["cards"]) > 0 for r in rs),
            "repeats": sum(repeats(r["cards"]) for r in rs),
            "keep": {t: (statistics.fmean(v), len(v)) for t, v in keeps.items()},
            "ms": statistics.median(r["ms"] for r in rs),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*splits.SPLITS, "seen", "none"), default="dev",
                        help="seen: the passages of the seen held-out reviews (bench.splits."
                             "seen()), each asked the count its review asked")
    parser.add_argument("--texts", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print the cards of N passages")
    parser.add_argument("--json", type=Path, help="write every row here")
    parser.add_argument("--compare", action="store_true",
                        help="also run without the clauses of long sentences, side by side")
    args = parser.parse_args()
    import torch

    from agents.generation import build_engine

    torch.set_num_threads(1)
    engine = build_engine(None, None)
    asked: dict[str, int] = {}
    if args.split == "seen":
        asked = {p.key: n for p, n in splits.seen()}
        items = [p for p, _ in splits.seen()] + passages(None, args.texts)
    else:
        items = passages(None if args.split == "none" else args.split, args.texts)
    runs = {"with clauses": run(engine, items, args.seed, asked)}
    if args.compare:
        from agents.generation import clauses

        long, rows = clauses.LONG, []
        for item in items:  # one passage at a time, so load on the machine hits both alike
            clauses.LONG = 10**9
            rows += run(engine, [item], args.seed, asked)
            clauses.LONG = long
        runs = {"no clauses": rows, "with clauses": run(engine, items, args.seed, asked)}
    rows = runs["with clauses"]
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    for r in rows[: args.show]:
        print(f"== {r['key']} {r['delivered']}/{r['requested']} {'; '.join(r['notes'])}")
        for c in r["cards"]:
            print(f"  [{c['type']} {c['keep'] or 0:.2f}] {c['question']} -> {c['answer']}")
    print(f"{'run':13s} {'corpus':10s} {'texts':>5s} {'zero':>4s} {'fill':>11s} {'ms/text':>8s}"
          f" {'repeated':>8s}  mean P(keep) (n) per type")
    for label, rs in runs.items():
        for name, s in sorted(summary(rs).items()):
            keeps = "  ".join(f"{t} {m:.3f} ({n})" for t, (m, n) in sorted(s["keep"].items()))
            fill = s["delivered"] / s["requested"]
            print(f"{label:13s} {name:10s} {s['passages']:5d} {s['zero']:4d} "
                  f"{s['delivered']:4d}/{s['requested']:<4d}{fill:4.0%} {s['ms']:8.0f} "
                  f"{s['repeated']:4d} ({s['repeats']:2d})  {keeps}")
        print(f"{label:13s} type mix delivered/asked: {mix(rs)}")


if __name__ == "__main__":
    main()
