"""Generation with MLflow tracking off vs on, side by side (the worst case: the rule engine
without the encoder, ~50 ms a document, so tracking's share is as large as it gets).

    .venv/bin/python bench/generation_tracking_overhead.py [--docs 60] [--window 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "squad2_dev_subset.json"


def run(docs: list[str], tracker: object | None) -> float:
    from agents.generation import GenerationRequest, RuleEngine

    engine = RuleEngine(None)
    started = time.perf_counter()
    for i, text in enumerate(docs):
        t0 = time.perf_counter()
        result = engine.generate(GenerationRequest(text=text, upload_id=f"d{i}", num_cards=10))
        if tracker is not None:
            seconds = time.perf_counter() - t0
            tracker.record(  # type: ignore[attr-defined]
                {"input_chars": len(text), "cards_requested": 10,
                 "cards_generated": len(result.cards), "generation_s": seconds,
                 "s_per_card": seconds / max(1, len(result.cards)), "success": 1.0},
                {"engine": result.engine, "model_name": "none"})
    return len(docs) / (time.perf_counter() - started)


def main() -> None:
    import torch

    from agents.tracking import Flusher, WindowedTracker

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--window", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    paragraphs = [p["context"] for p in json.loads(DATA.read_text())["paragraphs"]]
    docs = (paragraphs * 3)[: args.docs]
    run(docs[:5], None)  # warm up
    with tempfile.TemporaryDirectory() as tmp:
        tracker = WindowedTracker(f"sqlite:///{tmp}/mlflow.db", "bench", "generate-agent",
                                  window_s=args.window, sample_every=2)
        flusher = Flusher([tracker], every_s=0.25)
        flusher.start()
        offs, ons = [], []
        for _ in range(args.rounds):
            offs.append(run(docs, None))
            ons.append(run(docs, tracker))
        flusher.stop()
        tracker.close()
    off, on = max(offs), max(ons)
    print(f"tracking off {off:.1f} docs/s | on {on:.1f} docs/s ({args.window:g} s windows) | "
          f"on/off {on / off:.3f} (target >= 0.90)")


if __name__ == "__main__":
    main()
