"""What the user who asks for all four card types gets on DEV, and where each type is lost.

    .venv/bin/python -m bench.keep_mix                  # DEV SQuAD paragraphs + DEV pages
    .venv/bin/python -m bench.keep_mix --show mcq       # also print the delivered MCQs
    .venv/bin/python -m bench.keep_mix --dump cards.jsonl   # and keep the delivered cards

For every DEV passage (``bench/splits.py``; never TEST) it asks the default engine for the
review packets' card count (a seeded 6–10) of all four types, and counts each type through the
engine's own stages: candidates made, above the quality threshold, above the keep model's
never-deliver floor for its type (``keep_floor``), delivered. It prints
the delivered type mix against the requested one, the mean P(keep) per delivered type, and
how many distractors the document could offer each typed answer (``choices.pick``), by kind:
the supply a multiple-choice card needs three of.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from bench import splits
from bench.card_review import CARD_TYPES, shown_title

STAGES = ("candidates", "threshold", "keep_floor", "delivered")


def passages(pages: bool = True) -> list[splits.Passage]:
    return splits.squad("dev") + (splits.textbook("dev") if pages else [])


def run(engine: Any, texts: list[splits.Passage], seed: int = 9,
        show: str | None = None) -> dict[str, Any]:
    from agents.generation import choices, parsed
    from agents.generation.nlp import pipeline
    from agents.generation.prepare import prepare
    from agents.generation.rules import finish
    from agents.generation.spans import answers
    from agents.generation.types import GenerationRequest
    from cardstream.output import card_json

    funnel = {s: Counter[str]() for s in STAGES}
    requested: Counter[str] = Counter()
    keep_of: dict[str, list[float]] = {t: [] for t in CARD_TYPES}
    supply: dict[str, Counter[int]] = {}
    delivered: list[dict[str, Any]] = []
    scorer = engine.scorer
    for passage in texts:
        n = splits.cards_asked(seed, passage.key)
        request = GenerationRequest(passage.text, f"mix-{passage.key}", n, "intermediate",
                                    CARD_TYPES, title=shown_title(passage))
        for i, t in enumerate(CARD_TYPES):
            requested[t] += n // len(CARD_TYPES) + (i < n % len(CARD_TYPES))
        doc, centroid, _ = prepare(request, engine.encoder)
        pool = engine.candidates(doc, request.difficulty, centroid)
        scored = scorer.score(pool, request.difficulty, centroid, doc.freq, dict(doc.vectors),
                              doc.language)
        for s in scored:
            t = s.candidate.type
            keep = s.quality.get("keep", 1.0)
            funnel["candidates"][t] += 1
            funnel["threshold"][t] += s.score >= scorer.threshold
            funnel["keep_floor"][t] += s.score >= scorer.threshold and keep >= \
                scorer.keep_floor.get(t, 0.0)
        cards, _ = finish(scorer, pool, doc, centroid, request, None)
        for card in cards:
            delivered.append({"passage": passage.key, "card": card_json(card)})
            funnel["delivered"][card.type] += 1
            keep_of[card.type].append(card.quality.get("keep", float("nan")))
            if card.type == show:
                print(f"[{passage.key}] {card.question}\n    answer {card.answer!r} "
                      f"choices {card.choices} keep {card.quality.get('keep', 0):.2f}")
        nlp = pipeline(doc.language, engine.pipelines)
        if nlp is None:
            continue
        sents = parsed.parse_sentences(nlp, [s.text for s in doc.sentences if s.kind != "code"])
        found = [answers(sent) for sent in sents]
        dpool = choices.Pool.build(sents, found)
        for sent, ans in zip(sents, found, strict=True):
            for a in ans:
                got = choices.pick(a, sent, dpool, "intermediate", dict(doc.vectors))
                supply.setdefault(a.kind, Counter())[len(got)] += 1
    return {"funnel": funnel, "requested": requested, "keep": keep_of, "supply": supply,
            "cards": delivered}


def report(result: dict[str, Any]) -> str:
    funnel, requested = result["funnel"], result["requested"]
    lines = ["stage          " + "".join(f"{t:>8}" for t in CARD_TYPES)]
    for stage in STAGES:
        lines.append(f"{stage:<15}" + "".join(f"{funnel[stage][t]:>8}" for t in CARD_TYPES))
    total = sum(funnel["delivered"].values())
    asked = sum(requested.values())
    lines.append("requested      " + "".join(f"{requested[t]:>8}" for t in CARD_TYPES))
    lines.append("delivered mix: " + ", ".join(
        f"{t} {funnel['delivered'][t] / max(1, total):.0%} (asked {requested[t] / asked:.0%})"
        for t in CARD_TYPES) + f"; {total} of {asked} cards")
    lines.append("mean P(keep) delivered: " + ", ".join(
        f"{t} {np.nanmean(v):.2f}" if v else f"{t} -" for t, v in result["keep"].items()))
    lines.append("distractors the document offers each typed answer (0/1/2/3), by kind:")
    for kind, counts in sorted(result["supply"].items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(counts.values())
        lines.append(f"  {kind:<10} n={n:<4} " + " ".join(
            f"{k}:{counts[k] / n:.0%}" for k in range(4)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--no-pages", action="store_true", help="SQuAD paragraphs only")
    parser.add_argument("--show", choices=CARD_TYPES, help="print the delivered cards of a type")
    parser.add_argument("--dump", type=Path, help="write the delivered cards here (JSON lines)")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)  # a shared 2-core box
    from agents.generation import build_engine

    engine = build_engine(None, None)
    result = run(engine, passages(not args.no_pages), args.seed, args.show)
    print(report(result))
    if args.dump:
        args.dump.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n"
                                     for c in result["cards"]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
