"""What MLflow tracking costs the OCR stage.

    .venv/bin/python -m bench.ocr_tracking_overhead [--pages 12] [--rounds 3]

OCRs the same pages with tracking off and on (a WindowedTracker on a sqlite store in a temp
dir, flushed by a background timer every second so several windows are written during the
run, with a PNG chart and log sampled) and prints the ratio of the two wall times. Rounds
alternate off/on so that load from elsewhere on the machine hits both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from agents.ocr import OcrConfig, extract
from agents.tracking import WindowedTracker
from bench.pages import TEXTS, VARIANTS, render_page


def pages(count: int) -> list[bytes]:
    rendered = [render_page(text, width_in=5) for text in TEXTS.values()]
    variants = list(VARIANTS.values())
    return [variants[i % len(variants)](rendered[i % len(rendered)]) for i in range(count)]


def run(data: list[bytes], tracker: WindowedTracker | None) -> float:
    started = time.perf_counter()
    for upload in data:
        result = extract(upload, None, None, OcrConfig())
        if tracker is not None:
            tracker.record(
                {
                    "seconds": result.seconds,
                    "confidence": result.avg_confidence or 0.0,
                    "words_total": result.words_total,
                    "words_kept": result.words_kept,
                },
                {"language": result.language, "source": result.source},
                {"text.txt": result.text.encode()} if tracker.wants_artifacts() else None,
            )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pages(args.pages)
    run(data[:1], None)  # warm caches (language list, imports)
    off, on = [], []
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'mlflow.db'}"
        tracker = WindowedTracker(uri, "ocr-overhead", "bench", window_s=1.0, sample_every=2)
        tracker.record({"warmup": 1.0})
        tracker.flush(force=True)  # create the store and run outside the timed rounds
        stop = threading.Event()

        def timer() -> None:
            while not stop.wait(0.25):
                tracker.flush()

        flusher = threading.Thread(target=timer, daemon=True)
        flusher.start()
        for _ in range(args.rounds):
            off.append(run(data, None))
            on.append(run(data, tracker))
        stop.set()
        flusher.join()
        tracker.close()
    off_s, on_s = statistics.median(off), statistics.median(on)
    print(f"{len(data)} pages × {args.rounds} rounds (median wall time per round)")
    print(f"  tracking off: {off_s:.2f} s")
    print(f"  tracking on:  {on_s:.2f} s  (window 1 s, flushed by a background timer)")
    print(f"  overhead ratio on/off: {on_s / off_s:.3f} (target < 1.10)")


if __name__ == "__main__":
    main()
