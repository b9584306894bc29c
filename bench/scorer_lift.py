"""Offline proof that the learned scorer lifts what users see, on held-out documents.

    .venv/bin/python -m bench.scorer_lift [--engine rules|naive] [--max-train 400] [--json out.json]

1. Documents: the SQuAD v2 dev paragraphs in ``../shared/data`` (read in place, never copied).
   Every third paragraph is held out; the others give training feedback.
2. Candidates: the RuleEngine's cards for each document (asked for up to 200, so its whole
   above-threshold pool comes back with its heuristic ``quality_score``), or with
   ``--engine naive`` the simulation's own candidate maker.
3. Feedback: ``retrainer.simulation.SimulatedUsers`` rate every training candidate once (noisy).
4. Training: the retrainer's dataset cleaning, split and search (no MLflow).
5. On held-out documents, the top-N cards per document by the heuristic (before) and by the
   learned scorer (after) are rated by the simulated users: noise-free preference and a fresh
   noisy rating. Reported: means, relative lift, and the same through the engine itself
   (``RuleEngine.generate(..., rater=...)``, which blends heuristic and learned 50/50).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path
from statistics import mean
from typing import Any

from retrainer.simulation import TASTES
from schemas.events import Card

DATA = Path(__file__).resolve().parents[1].parent / "shared/data"
TYPES = ("qa", "mcq", "cloze")  # true/false cards are guessable: the users never like them


def documents() -> list[tuple[str, str]]:
    paragraphs = json.loads((DATA / "squad2_dev_subset.json").read_text())["paragraphs"]
    return [(f"squad-{i}", p["context"]) for i, p in enumerate(paragraphs)]


def candidates(engine: str, upload_id: str, text: str) -> list[Card]:
    if engine == "naive":
        from retrainer.simulation import candidate_cards

        return [c for c in candidate_cards(text, upload_id) if c.type in TYPES]
    from agents.generation import GenerationRequest, RuleEngine

    request = GenerationRequest(text=text, upload_id=upload_id, num_cards=200,
                                question_types=TYPES)
    return RuleEngine().generate(request).cards


def top(cards: list[Card], scores: list[float], n: int) -> list[Card]:
    order = sorted(range(len(cards)), key=lambda i: (-scores[i], cards[i].card_id))
    return [cards[i] for i in order[:n]]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("rules", "naive"), default="rules")
    parser.add_argument("--max-train", type=int, default=400, help="training examples at most")
    parser.add_argument("--lrs", default="1e-4", help="comma-separated learning rates")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--top-n", type=int, default=3, help="cards kept per document")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--taste", choices=tuple(TASTES), default="key-terms")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    from agents.scoring import LearnedRater
    from retrainer.config import RetrainConfig, SearchConfig, TrainConfig
    from retrainer.dataset import DataConfig, TrainingExample, build_dataset
    from retrainer.metrics import evaluate
    from retrainer.simulation import SimulatedUsers
    from retrainer.train import search

    t0 = time.monotonic()
    users = SimulatedUsers(seed=args.seed, noise=0.25, taste=args.taste)
    preference = users.preference
    docs = documents()
    pools = {upload: candidates(args.engine, upload, text) for upload, text in docs}
    held_out = [upload for i, (upload, _) in enumerate(docs) if i % 3 == 2]
    training = [upload for upload, _ in docs if upload not in held_out]

    examples = [
        TrainingExample(source=card.source_sentence or "", card=card,
                        rating=users.rate(card, card.source_sentence or "", user=0),
                        upload_id=upload, feedback_id=f"{card.card_id}-0", user_id="user-0")
        for upload in training for card in pools[upload]
    ]
    # feedback arrives from every kind of document, not from the first article only
    random.Random(args.seed).shuffle(examples)
    examples = examples[: args.max_train]
    data = build_dataset(examples, DataConfig(validation_fraction=0.2))
    config = RetrainConfig(
        train=TrainConfig(num_threads=args.threads),
        search=SearchConfig(learning_rates=tuple(float(x) for x in args.lrs.split(",")),
                            max_epochs=args.epochs, max_seconds=3600),
    )
    t_train = time.monotonic()
    result = search(data.train, data.validation, config)
    train_seconds = time.monotonic() - t_train
    rater = LearnedRater(result.model, version="bench")
    validation = evaluate(data.validation, rater.predict(
        [i.source for i in data.validation], [i.card for i in data.validation]))

    def ratings(cards: list[Card]) -> tuple[float, float]:
        true = [preference(c, c.source_sentence or "")[0] for c in cards]
        noisy = [users.rate(c, c.source_sentence or "", user=99) for c in cards]
        return mean(true), mean(noisy)

    before: list[Card] = []
    after: list[Card] = []
    oracle: list[Card] = []
    for upload in held_out:
        pool = pools[upload]
        if not pool:
            continue
        learned = rater.predict([c.source_sentence or "" for c in pool], pool)
        before += top(pool, [c.quality_score for c in pool], args.top_n)
        after += top(pool, learned, args.top_n)
        truth = [float(preference(c, c.source_sentence or "")[0]) for c in pool]
        oracle += top(pool, truth, args.top_n)
    report: dict[str, Any] = {
        "engine": args.engine,
        "taste": args.taste,
        "documents": {"training": len(training), "held_out": len(held_out)},
        "examples": {"train": data.stats.train, "validation": data.stats.validation},
        "candidates_per_document": mean(len(p) for p in pools.values()),
        "best_learning_rate": result.best.config.learning_rate,
        "best_epoch": result.best.best_epoch,
        "train_seconds": round(train_seconds, 1),
        "validation": {k: round(v, 4) for k, v in validation.items()},
        "top_n": args.top_n,
    }
    for name, chosen in (("before_heuristic", before), ("after_learned", after),
                         ("oracle", oracle)):
        true, noisy = ratings(chosen)
        report[name] = {"cards": len(chosen), "preference": round(true, 3),
                        "noisy_rating": round(noisy, 3)}
    b, a = report["before_heuristic"]["preference"], report["after_learned"]["preference"]
    report["lift_relative"] = round((a - b) / b, 3)
    # the share of the possible improvement (heuristic → perfect ranking) that was realised
    best = report["oracle"]["preference"]
    report["headroom_captured"] = round((a - b) / (best - b), 3) if best > b else None
    if args.engine == "rules":
        report["through_engine"] = through_engine(docs, held_out, rater, args.top_n, ratings)
    report["seconds"] = round(time.monotonic() - t0, 1)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text)
    return report


def through_engine(docs: list[tuple[str, str]], held_out: list[str], rater: Any, n: int,
                   ratings: Any) -> dict[str, Any]:
    """The product path: the engine's own selection (MMR, type quotas) with and without the
    learned rater blended into its ranking."""
    from agents.generation import GenerationRequest, RuleEngine

    engine, texts = RuleEngine(), dict(docs)
    plain: list[Card] = []
    blended: list[Card] = []
    for upload in held_out:
        request = GenerationRequest(text=texts[upload], upload_id=upload, num_cards=n,
                                    question_types=TYPES)
        plain += engine.generate(request).cards
        blended += engine.generate(request, rater=rater).cards
    (pb, nb), (pa, na) = ratings(plain), ratings(blended)
    return {"before": {"preference": round(pb, 3), "noisy_rating": round(nb, 3)},
            "after": {"preference": round(pa, 3), "noisy_rating": round(na, 3)},
            "lift_relative": round((pa - pb) / pb, 3)}


if __name__ == "__main__":
    main()
