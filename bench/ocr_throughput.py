"""OCR throughput: pages/s through the OCR agent (Kafka in and out) against the machine's ceiling.

Measured side by side in one run, on the same pages:

1. ceiling   N single-threaded ``tesseract`` processes at once (N = cores), the raw limit;
2. agent     every page uploaded through the embedded broker to an OCR-only worker (a process
             pool of N single-threaded Tesseracts), timed until its text event is read back;
3. seed      default-threaded pytesseract, one page at a time (the seed's design).

    .venv/bin/python bench/ocr_throughput.py [--pages 24] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.pages import TEXTS, clean, render_page  # noqa: E402

SHARED = REPO.parent / "shared" / "data"


def make_pages(count: int) -> list[bytes]:
    base = [(SHARED / "phototest.tif").read_bytes()]
    base += [clean(render_page(text)) for text in TEXTS.values()]
    return [base[i % len(base)] for i in range(count)]


def ceiling(files: list[Path], workers: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "--psm", "3"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))
    return len(files) / (time.perf_counter() - started)


def seed_design(files: list[Path], limit: int) -> float:
    """pytesseract with Tesseract's default OpenMP threads, one call at a time."""
    import pytesseract
    from PIL import Image

    env_before = os.environ.pop("OMP_THREAD_LIMIT", None)
    try:
        started = time.perf_counter()
        for path in files[:limit]:
            pytesseract.image_to_string(Image.open(path))
        return limit / (time.perf_counter() - started)
    finally:
        if env_before is not None:
            os.environ["OMP_THREAD_LIMIT"] = env_before


def through_agent(pages: list[bytes], workers: int) -> tuple[float, float]:
    from cardstream import bootstrap
    from cardstream.stack import Stack
    from schemas.events import UploadOptions
    from streams.settings import Settings

    with tempfile.TemporaryDirectory() as run_dir:
        settings = Settings(run_dir=Path(run_dir), agents="ocr", ocr_workers=workers,
                            partitions=4, topic_prefix="bench-", app_id="bench-ocr")
        with Stack(settings, with_retrainer=False):
            client = bootstrap.client(settings)
            options = UploadOptions(num_cards=1)
            with client.watcher() as watch:  # warm-up: the process pool starts on first use
                warm = client.upload_bytes(pages[0], "warm.tif", None, options)
                watch.wait_for_text([warm.upload_id], 300)
            with client.watcher() as watch:
                started = time.perf_counter()
                ids = [client.upload_bytes(page, f"p{i}.png", None, options).upload_id
                       for i, page in enumerate(pages)]
                seen = watch.wait_for_text(ids, 600)
                elapsed = time.perf_counter() - started
            client.close()
    if len(seen) != len(pages):
        raise SystemExit(f"only {len(seen)} of {len(pages)} pages came back")
    return len(pages) / elapsed, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed-pages", type=int, default=4)
    args = parser.parse_args()
    workers = os.cpu_count() or 1
    pages = make_pages(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, page in enumerate(pages):
            path = Path(tmp) / f"p{i}.img"
            path.write_bytes(page)
            files.append(path)
        print(f"{len(pages)} pages, {workers} cores, OMP_THREAD_LIMIT=1 for ceiling and agent")
        rows = []
        for round_ in range(1, args.rounds + 1):
            raw = ceiling(files, workers)
            agent, elapsed = through_agent(pages, workers)
            rows.append((raw, agent))
            print(f"round {round_}: ceiling {raw:.2f} pages/s   agent {agent:.2f} pages/s "
                  f"({elapsed:.1f} s)   ratio {agent / raw:.3f}")
        seed = seed_design(files, args.seed_pages)
    best_raw = max(r for r, _ in rows)
    best_agent = max(a for _, a in rows)
    mean_ratio = sum(a / r for r, a in rows) / len(rows)
    print(f"\nceiling (best) {best_raw:.2f} pages/s | agent (best) {best_agent:.2f} pages/s | "
          f"mean ratio {mean_ratio:.3f} (target >= 0.95)")
    print(f"seed design (default threads, one at a time): {seed:.2f} pages/s = "
          f"{seed / best_raw:.2f}x the ceiling")


if __name__ == "__main__":
    main()
