"""OCR accuracy, preprocessing cost and throughput: raw Tesseract against cardstream.

    .venv/bin/python -m bench.ocr_accuracy            # all three tables (~3 minutes on 2 cores)
    .venv/bin/python -m bench.ocr_accuracy --only accuracy|costs|throughput
    .venv/bin/python -m bench.ocr_accuracy --tesseract cli   # cardstream on the program path

accuracy:   CER/WER of plain ``pytesseract.image_to_string`` on the unprocessed upload against
            ``agents.ocr.extract`` (default config, min_confidence 70, and with 0 to show what
            the confidence filter costs), on ../shared/data/phototest.tif and on rendered pages
            degraded five ways (bench/pages.py). Whitespace is normalised before scoring.
costs:      milliseconds of every preprocessing step on a clean 300-dpi page, each forced on,
            next to the Tesseract time of the same page.
throughput: pages/s of raw single-threaded ``tesseract`` processes against cardstream's
            ``run_page`` in a process pool, both two at a time on the same clean pages.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytesseract
from PIL import Image

from agents.ocr import OcrConfig, extract, plan_pages, run_page, worker_init
from agents.ocr import preprocess as steps
from agents.ocr.images import load_gray
from agents.ocr.quality import assess
from agents.ocr.tesseract import Via
from bench.pages import SPANISH, TEXTS, VARIANTS, encode, render_page

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def normalise(text: str) -> str:
    return " ".join(text.split())


def edit_distance(a: Sequence[object], b: Sequence[object]) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def cer(truth: str, hypothesis: str) -> float:
    truth, hypothesis = normalise(truth), normalise(hypothesis)
    return edit_distance(truth, hypothesis) / max(1, len(truth))


def wer(truth: str, hypothesis: str) -> float:
    words = normalise(truth).split()
    return edit_distance(words, normalise(hypothesis).split()) / max(1, len(words))


def raw_tesseract(data: bytes, language: str = "eng") -> str:
    with Image.open(io.BytesIO(data)) as image:
        return str(pytesseract.image_to_string(image, lang=language))


def cases() -> list[tuple[str, str, bytes, str | None]]:
    """(variant, truth, upload bytes, language option) for every scored page."""
    out: list[tuple[str, str, bytes, str | None]] = []
    phototest = SHARED / "phototest.tif"
    if phototest.exists():
        truth = (SHARED / "phototest.txt").read_text()
        out.append(("phototest.tif", truth, phototest.read_bytes(), None))
    for text in TEXTS.values():
        page = render_page(text)
        for variant, degrade in VARIANTS.items():
            out.append((variant, text, degrade(page), None))
    out.append(("spanish (spa)", SPANISH, encode(render_page(SPANISH)), "es"))
    return out


def accuracy(via: Via = "library") -> None:
    rows: dict[str, list[tuple[float, float, float, float, float, float]]] = {}
    for variant, truth, data, language in cases():
        raw = raw_tesseract(data, "spa" if language == "es" else "eng")
        shipped = extract(data, None, None, OcrConfig(language=language, tesseract=via))
        everything = extract(
            data, None, None, OcrConfig(language=language, min_confidence=0, tesseract=via)
        )
        rows.setdefault(variant, []).append(
            (
                cer(truth, raw),
                wer(truth, raw),
                cer(truth, shipped.text),
                wer(truth, shipped.text),
                cer(truth, everything.text),
                wer(truth, everything.text),
            )
        )
    print(
        "\nAccuracy (CER / WER in %, mean over pages; cardstream = extract(), min_conf 70,"
        f" Tesseract via {via})"
    )
    header = f"{'variant':16} {'pages':>5} {'raw CER':>8} {'raw WER':>8}"
    header += f" {'cs CER':>8} {'cs WER':>8} {'cs0 CER':>8} {'cs0 WER':>8}"
    print(header)
    means = []
    for variant, values in rows.items():
        mean = [100 * statistics.fmean(column) for column in zip(*values, strict=True)]
        means.append(mean)
        cells = " ".join(f"{v:8.2f}" for v in mean)
        print(f"{variant:16} {len(values):5d} {cells}")
    overall = [statistics.fmean(column) for column in zip(*means, strict=True)]
    print(f"{'mean of variants':16} {'':5} " + " ".join(f"{v:8.2f}" for v in overall))


def costs(repeat: int = 5, via: Via = "library") -> None:
    page = render_page(" ".join(TEXTS.values()) * 2)
    data = encode(page)
    gray = load_gray(data, "clean", 10**9)
    quality = assess(gray)
    print(
        f"\nPreprocessing cost on a clean {gray.width}×{gray.height} page (ms, median of {repeat})"
    )
    forced: dict[str, object] = {
        "decode (PNG)": lambda: load_gray(data, "clean", 10**9),
        "assess (all checks)": lambda: assess(gray),
        "denoise": lambda: steps.denoise(gray),
        "deskew (rotate 2°)": lambda: steps.rotate(gray, 2.0),
        "upscale ×2": lambda: steps.upscale(gray, 2.0),
        "background": lambda: steps.normalize_background(gray),
        "contrast": lambda: steps.stretch_contrast(gray),
        "binarize": lambda: steps.binarize(gray),
        "border": lambda: steps.add_border(gray),
        "write PGM (cli path only)": lambda: gray.save(io.BytesIO(), format="PPM"),
    }
    for name, fn in forced.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()  # type: ignore[operator]
            times.append(time.perf_counter() - started)
        print(f"  {name:26} {1000 * statistics.median(times):8.1f}")
    config = OcrConfig(tesseract=via)
    result = run_page(plan_pages(data, "image/png", "clean.png", config)[0], config)
    print(f"  steps chosen for this page: {list(result.steps) or 'none'} ({quality.noise=:.1f})")
    for name, seconds in result.timings.items():
        print(f"  run_page {name:17} {1000 * seconds:8.1f}")
    overhead = result.stat.seconds - result.timings.get("tesseract", 0.0)
    print(
        f"  total outside tesseract: {1000 * overhead:.1f} ms of {1000 * result.stat.seconds:.0f}"
        f" ms = {100 * overhead / result.stat.seconds:.1f} %"
    )


def _raw_cli(path: str) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = ["tesseract", path, "stdout", "-l", "eng", "tsv"]
    subprocess.run(command, check=True, capture_output=True, env=env)


def _cpu() -> float:
    # Our own CPU plus that of finished children (the tesseract processes): on a shared machine
    # CPU seconds per page is the cost that decides pages/s once the cores are saturated.
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def throughput(rounds: int = 3, workers: int = 2, via: Via = "library") -> None:
    pages = [encode(render_page(text * 3)) for text in TEXTS.values()] * 2
    config = OcrConfig(tesseract=via)
    jobs = [job for data in pages for job in plan_pages(data, "image/png", None, config)]
    raw_cpu, ours_cpu, raw_rates, ours_rates = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, data in enumerate(pages):
            path = Path(folder) / f"page{index}.png"
            path.write_bytes(data)
            paths.append(str(path))
        run_page(jobs[0], config)  # warm the language cache and imports
        # Sequential in this process, alternating, so CPU accounting covers everything.
        for _ in range(rounds):
            started, cpu = time.perf_counter(), _cpu()
            for name in paths:
                _raw_cli(name)
            raw_cpu.append((_cpu() - cpu) / len(paths))
            raw_rates.append(len(paths) / (time.perf_counter() - started))
            started, cpu = time.perf_counter(), _cpu()
            for job in jobs:
                run_page(job, config)
            ours_cpu.append((_cpu() - cpu) / len(jobs))
            ours_rates.append(len(jobs) / (time.perf_counter() - started))
        # And the deployed shape: a process pool, pages in parallel.
        with (
            ThreadPoolExecutor(workers) as threads,
            ProcessPoolExecutor(workers, initializer=worker_init) as pool,
        ):
            list(pool.map(run_page, jobs[:workers], [config] * workers))
            raw_pools, ours_pools = [], []
            for _ in range(rounds):
                started = time.perf_counter()
                list(threads.map(_raw_cli, paths))
                raw_pools.append(len(paths) / (time.perf_counter() - started))
                started = time.perf_counter()
                list(pool.map(run_page, jobs, [config] * len(jobs)))
                ours_pools.append(len(jobs) / (time.perf_counter() - started))
            raw_pool, ours_pool = statistics.median(raw_pools), statistics.median(ours_pools)
    raw_c, ours_c = statistics.median(raw_cpu), statistics.median(ours_cpu)
    print(f"\nThroughput on {len(paths)} clean 300-dpi pages (median of {rounds} rounds)")
    print(f"  CPU s/page   raw tesseract {raw_c:.3f}   cardstream {ours_c:.3f}")
    print(f"  → pages/s at saturated cores, cardstream/raw: {raw_c / ours_c:.3f} (target ≥ 0.95)")
    raw_w, ours_w = statistics.median(raw_rates), statistics.median(ours_rates)
    print(
        f"  wall pages/s, one at a time: raw {raw_w:.3f}  cardstream {ours_w:.3f}"
        f"  ratio {ours_w / raw_w:.3f}"
    )
    print(
        f"  wall pages/s, {workers} at a time: raw {raw_pool:.3f}  cardstream {ours_pool:.3f}"
        f"  ratio {ours_pool / raw_pool:.3f} (one round; noisy on a shared machine)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("accuracy", "costs", "throughput"))
    parser.add_argument("--tesseract", choices=("library", "cli"), default="library")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if args.only in (None, "accuracy"):
        accuracy(args.tesseract)
    if args.only in (None, "costs"):
        costs(via=args.tesseract)
    if args.only in (None, "throughput"):
        throughput(via=args.tesseract)


if __name__ == "__main__":
    main()
