"""Where multiple-choice cards are lost: the gates between an answer span and a delivered card.

For each passage of a split (default: the seen held-out passages, each asked its review's count
of all four types) the default engine runs as ``cardstream generate`` does, and every answer
that reaches ``choices.pick`` for a multiple-choice card is counted by what became of it:

- ``options 0/1/2`` and ``options 3``: how many same-kind distractors it found, by answer kind;
- ``made``: multiple-choice candidates built; ``dropped as ill-formed``: made but removed
  before scoring (a question stem that re-parses badly, too long, leaning on the page);
- ``under threshold`` / ``under keep floor``: scored out (quality.py);
- ``delivered``: chosen by the type-balanced selection; ``asked``: the mcq quota.

    .venv/bin/python -m bench.mcq_supply [--split seen|dev] [--limit N] [--cards FILE]

``--cards FILE`` writes each delivered multiple-choice card (passage key, stem, answer, options,
tags) as one JSON line, to read them against the rubric.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from bench import splits
from bench.card_review import CARD_TYPES, shown_title


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("seen", "dev"), default="seen")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--cards", type=Path, default=None, help="write delivered mcq cards")
    args = parser.parse_args()
    import torch

    from agents.generation import GenerationRequest, build_engine, choices, parsed
    from agents.generation.quality import QualityScorer

    torch.set_num_threads(1)
    engine = build_engine(None, None)
    if args.split == "seen":
        items = list(splits.seen())
    else:
        items = [(p, splits.cards_asked(0, p.key)) for p in splits.squad("dev")
                 + splits.textbook("dev")]
    if args.limit:
        items = items[: args.limit]

    options: Counter[tuple[str, int]] = Counter()
    gates: Counter[str] = Counter()
    real_pick, real_select = choices.pick, QualityScorer.select

    def pick(answer: Any, *a: Any, **k: Any) -> list[str]:
        out = real_pick(answer, *a, **k)
        if not k.get("for_statement"):
            options[(answer.kind, min(len(out), 3))] += 1
        return out

    def select(self: QualityScorer, scored: list[Any], count: int, types: Any) -> Any:
        chosen, notes = real_select(self, scored, count, types)
        if "mcq" in types and len(types) == len(CARD_TYPES):
            mcq = [s for s in scored if s.candidate.type == "mcq"]
            gates["made"] += len(mcq)
            gates["under threshold"] += sum(s.score < self.threshold for s in mcq)
            gates["under keep floor"] += sum(
                s.score >= self.threshold
                and s.quality.get("keep", 1.0) < self.keep_floor.get("mcq", 0.0) for s in mcq)
            gates["delivered"] += sum(s.candidate.type == "mcq" for s in chosen)
            gates["asked"] += count // len(types) + (CARD_TYPES.index("mcq") < count % len(types))
            gates["passages with no mcq candidate"] += not mcq
        return chosen, notes

    choices.pick = pick
    parsed.choices.pick = pick
    QualityScorer.select = select  # type: ignore[method-assign]
    delivered = []
    for p, n in items:
        result = engine.generate(GenerationRequest(p.text, f"supply-{p.key}", n, "intermediate",
                                                   CARD_TYPES, title=shown_title(p)))
        delivered += [{"passage": p.key, "question": c.question, "answer": c.answer,
                       "choices": list(c.choices), "tags": list(c.tags),
                       "source_sentence": c.source_sentence}
                      for c in result.cards if c.type == "mcq"]
    if args.cards:
        args.cards.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n"
                                      for c in delivered), encoding="utf-8")
    print(f"{len(items)} passages; per answer kind, distractors found (0,1,2,3):")
    kinds = sorted({k for k, _ in options}, key=lambda k: -sum(options[(k, i)] for i in range(4)))
    for k in kinds:
        row = [options[(k, i)] for i in range(4)]
        print(f"  {k:10s} {sum(row):5d}  " + "  ".join(f"{i}:{v:4d}" for i, v in enumerate(row)))
    total = [sum(options[(k, i)] for k in kinds) for i in range(4)]
    print(f"  {'all':10s} {sum(total):5d}  " + "  ".join(f"{i}:{v:4d}" for i, v in
                                                         enumerate(total)))
    for g in ("made", "under threshold", "under keep floor", "delivered", "asked",
              "passages with no mcq candidate"):
        print(f"{g:32s} {gates[g]:5d}")


if __name__ == "__main__":
    main()
