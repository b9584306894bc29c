"""What serving title-answer cards last (titles.names_title, quality.QualityScorer.select) does to
the seen passages' decks: each deck chosen with the cards whose answer is the title marked and
unmarked, from the same candidates, and the cards that change matched to the seen reviews.

    .venv/bin/python -m bench.title_answers [--out FILE] [--limit N]

For each passage of ``bench.splits.seen()`` (newest reviews first) the default engine is asked
for the review's card count of all four types with the title reviewers saw
(``card_review.shown_title``); the candidates are made and scored once and the deck chosen
twice (a passage whose text has no word of its title's head name, ``titles.head_names``,
makes no such card and is counted unchanged without running). Prints, per deck that
changes, the cards it drops and the ones that replace them, with the reviews' verdict where
a review rated the card (``card_references.rated_rows``: passage, type, question and answer
the same); then the totals. Writes one JSON line per passage to ``--out`` as it goes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from collections import Counter
from pathlib import Path

from bench import splits
from bench.card_references import rated_rows
from bench.card_review import CARD_TYPES, shown_title


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)  # a shared 2-core box
    from agents.generation import build_engine
    from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
    from agents.generation.prepare import prepare
    from agents.generation.rules import finish
    from agents.generation.titles import head_names
    from agents.generation.types import GenerationRequest

    verdict: dict[tuple[str, str, str, str], bool | None] = {}
    for row in rated_rows():
        c = row["card"]
        verdict[(row["passage"], c["type"], c["question"], c["answer"])] = row["keep"]
    engine = build_engine(None, None)
    seen = splits.seen()[::-1]  # the newest reviews (titles shown) first
    total: Counter[str] = Counter()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    for passage, n in seen[: args.limit or None]:
        heads = head_names(nlp(shown_title(passage))[:])
        words = {f for w in re.findall(r"\w+", passage.text.lower()) for f in (w, w[:-1], w[:-2])}
        if not heads & words:
            total["passages without the title's name"] += 1
            continue
        request = GenerationRequest(passage.text, f"title-{passage.key}", n, "intermediate",
                                    CARD_TYPES, title=shown_title(passage))
        doc, centroid, _ = prepare(request, engine.encoder)
        pool = [c for c in engine.candidates(doc, request.difficulty, centroid)
                if c.type in CARD_TYPES]
        before, _ = finish(engine.scorer, [dataclasses.replace(c, titled=False) for c in pool],
                           doc, centroid, request, None)
        after, _ = finish(engine.scorer, pool, doc, centroid, request, None)
        total["passages"] += 1
        total["served before"] += len(before)
        total["served after"] += len(after)
        total["titled candidates"] += sum(c.titled for c in pool)
        key = {(c.type, c.question, c.answer) for c in after}
        was = {(c.type, c.question, c.answer) for c in before}
        gone = [c for c in before if (c.type, c.question, c.answer) not in key]
        new = [c for c in after if (c.type, c.question, c.answer) not in was]
        titled = {(c.type, c.question, c.answer) for c in pool if c.titled}
        total["titled served before"] += len(was & titled)
        total["titled served after"] += len(key & titled)
        rows = []
        for sign, cards in (("-", gone), ("+", new)):
            for c in cards:
                v = verdict.get((passage.key, c.type, c.question, c.answer), "unrated")
                label = {True: "kept", False: "rejected"}.get(v, "unrated")  # type: ignore[arg-type]
                total[f"{sign} {label}"] += 1
                rows.append({"sign": sign, "type": c.type, "question": c.question,
                             "answer": c.answer, "rated": label})
        if rows:
            total["decks changed"] += 1
            print(f"[{passage.key}] {shown_title(passage)!r}")
            for r in rows:
                print(f"  {r['sign']} {r['type']:5} {r['rated']:8} {r['question'][:110]} "
                      f"-> {r['answer']}")
        if out:
            out.write(json.dumps({"passage": passage.key, "asked": n, "before": len(before),
                                  "after": len(after), "changes": rows}) + "\n")
            out.flush()
    print(dict(total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
