"""Card quality on SQuAD 2.0 paragraphs: do the cards ask what a human asked?

For each paragraph the engine makes 10 cards (all four types, intermediate) and we report:

    recall     share of a paragraph's questions whose gold answer appears in some card's
               answer (normalised: lower case, no punctuation; containment either way, the
               contained side at least 3 characters), averaged over paragraphs. True/false
               answers ("True"/"False") carry no term and are left out.
    support    share of card answers (qa, mcq, cloze) that occur in the paragraph, normalised
    duplicates share of cards near-identical to an earlier card of the same paragraph: the same
               normalised question, or the same answer with question-word overlap ≥ 0.5
    type mix   cards per type over all paragraphs

    .venv/bin/python -m bench.generation_quality [--no-encoder] [--limit N] [--difficulty D]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"


def norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def matches(gold: str, answer: str) -> bool:
    g, a = norm(gold), norm(answer)
    if not g or not a:
        return False
    return (
        g == a or (len(g) >= 3 and f" {g} " in f" {a} ") or (len(a) >= 3 and f" {a} " in f" {g} ")
    )


def jaccard(a: str, b: str) -> float:
    sa, sb = set(norm(a).split()), set(norm(b).split())
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def near_identical(x: object, y: object) -> bool:
    qx, qy = x.question, y.question  # type: ignore[attr-defined]
    same_answer = norm(x.answer) == norm(y.answer)  # type: ignore[attr-defined]
    return norm(qx) == norm(qy) or (same_answer and jaccard(qx, qy) >= 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-encoder", action="store_true", help="word overlap instead of MiniLM")
    parser.add_argument("--limit", type=int, default=0, help="only the first N paragraphs")
    parser.add_argument("--difficulty", default="intermediate")
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    args = parser.parse_args()

    import torch

    # on a shared 2-core box two intra-op threads per process oversubscribe the CPU and run
    # MiniLM ~10x slower than one thread
    torch.set_num_threads(args.threads)

    from agents.generation import GenerationRequest, RuleEngine

    encoder = None
    if not args.no_encoder:
        from agents.encoder import shared_encoder

        encoder = shared_encoder()
    engine = RuleEngine(encoder)
    paragraphs = json.loads(DATA.read_text())["paragraphs"]
    if args.limit:
        paragraphs = paragraphs[: args.limit]

    recalls, supported, answered, dups, total, short = [], 0, 0, 0, 0, 0
    mix: Counter[str] = Counter()
    started = time.perf_counter()
    for i, paragraph in enumerate(paragraphs):
        request = GenerationRequest(paragraph["context"], f"squad-{i}", args.cards, args.difficulty)
        cards = engine.generate(request).cards
        short += len(cards) < args.cards
        answers = [c.answer for c in cards if c.type != "tf"]
        hit = [
            any(matches(g, a) for g in q["answers"] for a in answers)
            for q in paragraph["questions"]
        ]
        recalls.append(sum(hit) / len(hit))
        context = norm(paragraph["context"])
        supported += sum(f" {norm(a)} " in f" {context} " for a in answers)
        answered += len(answers)
        dups += sum(any(near_identical(c, d) for d in cards[:k]) for k, c in enumerate(cards))
        total += len(cards)
        mix.update(c.type for c in cards)
    seconds = time.perf_counter() - started

    print(
        f"paragraphs       {len(paragraphs)}  ({'no encoder' if encoder is None else 'MiniLM'}, "
        f"{args.difficulty}, {args.cards} cards each)"
    )
    print(f"gold recall      {100 * sum(recalls) / len(recalls):.1f} %   (target >= 50 %)")
    print(f"answer support   {100 * supported / max(1, answered):.1f} %   (target >= 95 %)")
    print(
        f"duplicates       {100 * dups / max(1, total):.1f} %   ({dups} of {total} cards; target 0)"
    )
    print(f"short paragraphs {short}  (fewer than {args.cards} cards)")
    print(
        "type mix         "
        + ", ".join(f"{t} {n} ({100 * n / total:.0f} %)" for t, n in sorted(mix.items()))
    )
    print(
        f"time             {seconds:.1f} s  ({1000 * seconds / len(paragraphs):.0f} ms/paragraph)"
    )


if __name__ == "__main__":
    main()
