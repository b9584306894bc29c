"""The OCR engine: upload bytes in, text with per-page statistics out. No Kafka here.

The agent runs the three stages itself so that pages spread over a process pool::

    jobs = plan_pages(data, content_type, filename, config)        # validate and split
    results = [run_page(job, config) for job in jobs]               # in pool workers
    result = merge(results, resolve_language(config.language))      # one OcrResult

``extract`` does the same in one call, with any ``map``-like function for the middle stage.
Errors are the InputError / MissingLanguagePack / PageTimeout classes of agents.exceptions.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from agents.exceptions import MissingLanguagePack
from agents.ocr import libtesseract
from agents.ocr.config import OcrConfig, PreprocessConfig
from agents.ocr.languages import DEFAULT_LANGUAGE, resolve_language
from agents.ocr.page import PageJob, PageResult, run_page
from agents.ocr.plan import plan_pages
from agents.ocr.result import OcrResult, merge

__all__ = [
    "OcrConfig",
    "OcrResult",
    "PageJob",
    "PageResult",
    "PreprocessConfig",
    "extract",
    "merge",
    "plan_pages",
    "resolve_language",
    "run_page",
    "worker_init",
]

MapFn = Callable[[Callable[[PageJob], PageResult], Iterable[PageJob]], Iterator[PageResult]]


def extract(
    data: bytes,
    content_type: str | None,
    filename: str | None,
    config: OcrConfig | None = None,
    map_fn: MapFn = map,
) -> OcrResult:
    """Plan, read every page with ``map_fn`` (``map``, or a pool's ``map``), merge."""
    config = config or OcrConfig()
    started = time.perf_counter()
    jobs = plan_pages(data, content_type, filename, config)
    results = list(map_fn(partial(run_page, config=config), jobs))
    return merge(results, resolve_language(config.language), time.perf_counter() - started)


def worker_init() -> None:
    """Process-pool initializer: one thread per Tesseract and per numeric library, and the
    default language's Tesseract loaded before the first page arrives.

    Pages run in parallel across processes; Tesseract's OpenMP threads on top of that only
    oversubscribe the cores (and make it slower, measured: ~2x CPU for ~1.2x speed). The
    variables are set before libtesseract (and with it libgomp, which reads them once) loads.
    OpenCV keeps a pool of its own threads (one per core), which no variable set here reaches
    once it is imported: with every core already reading a page, its workers only took turns
    with the other processes' Tesseracts, and their waiting spins cost CPU (measured on a clean
    full page, 2 processes on 2 cores: 0.05 CPU-s per page on the second thread).
    Pools that run it must spawn their processes, as agents.worker does: a forked child
    inherits OpenCV's pool without its threads, and setNumThreads then waits forever.
    """
    for name in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    import cv2  # the engine's image analysis; already imported with agents.ocr.page

    cv2.setNumThreads(1)
    engines = libtesseract.shared()
    if engines is not None:
        # No English pack: requests for it fail naming the pack; other languages still work.
        with contextlib.suppress(MissingLanguagePack):
            engines.warm(DEFAULT_LANGUAGE)
