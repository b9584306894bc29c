"""Tesseract on one page image, read back as words with their layout and confidence.

Two ways to run it, chosen by ``OcrConfig.tesseract``:

- ``library`` (default): libtesseract in this process, its models loaded once per process
  (agents/ocr/libtesseract.py); saves the ~0.12 s start of a ``tesseract`` program per page.
  When the library cannot be loaded, the program is used, with one warning in the log.
- ``cli``: one ``tesseract`` program per page through pytesseract. The page goes to it as an
  uncompressed PGM in a private temporary directory: writing PNG (what pytesseract does for an
  in-memory image) costs ~50 ms per 300-dpi page, more than all our preprocessing together.

Both produce Tesseract's TSV, read by ``parse_tsv``, and give the same words.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pytesseract
from PIL import Image

from agents.exceptions import CorruptInput, MissingLanguagePack, PageTimeout
from agents.ocr import libtesseract

Via = Literal["library", "cli"]


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float
    block: int
    paragraph: int
    line: int
    # The word's box in the pixels of the image Tesseract read (coverage maps it back).
    left: int = 0
    top: int = 0
    width: int = 0
    height: int = 0


def recognize(
    image: Image.Image,
    language: str,
    *,
    psm: int,
    dpi: int,
    timeout_s: float,
    label: str,
    via: Via = "library",
    pixels: np.ndarray | None = None,
) -> list[Word]:
    """Every word Tesseract reads on ``image`` (non-text rows, conf -1, are left out);
    ``pixels``: ``image`` as an 8-bit array, when the caller holds one (see Engine.tsv)."""
    engines = libtesseract.shared() if via == "library" else None
    if engines is not None:
        rows = engines.words(image, language, psm=psm, dpi=dpi, timeout_s=timeout_s,
                             label=label, pixels=pixels)
        return [Word(*row) for row in rows]
    tsv = cli_tsv(image, language, psm=psm, dpi=dpi, timeout_s=timeout_s, label=label)
    return parse_tsv(tsv)


def osd_rotation(
    image: Image.Image, *, timeout_s: float, label: str, via: Via = "library"
) -> tuple[int, float] | None:
    """Degrees to rotate clockwise to make the page upright, with OSD's confidence;
    None when OSD finds too little text to decide."""
    if timeout_s <= 0:
        raise PageTimeout(f"{label}: no time left of the per-page limit")
    engines = libtesseract.shared() if via == "library" else None
    if engines is not None:
        # OSD classifies a sample of blobs and has no monitor; it takes a fraction of a read.
        return engines.rotation(image)
    with _as_file(image) as path:
        try:
            out = _call(pytesseract.image_to_osd, path, label, timeout_s, config="")
        except CorruptInput:
            # "Too few characters": OSD declines rather than guesses; we keep the page as is.
            return None
    rotate = re.search(r"Rotate: (\d+)", out)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", out)
    if not rotate or not confidence:
        return None
    return int(rotate.group(1)), float(confidence.group(1))


def cli_tsv(
    image: Image.Image, language: str, *, psm: int, dpi: int, timeout_s: float, label: str
) -> str:
    """The TSV of one ``tesseract`` program run on ``image``, header line included."""
    # Pages run in parallel across processes; Tesseract's own OpenMP threads on top of that
    # oversubscribe the cores (measured on 2 cores: 16 s instead of 2.3 s per page). An
    # operator's explicit setting wins; worker_init sets it for pool workers.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = f"--psm {psm} --dpi {dpi}" if dpi else f"--psm {psm}"  # 0: Tesseract estimates
    with _as_file(image) as path:
        return _call(
            pytesseract.image_to_data, path, label, timeout_s, lang=language, config=config
        )


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of Tesseract's TSV, with or without its header line."""
    words = []
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        confidence = float(cells[10])
        if not text or confidence < 0:
            continue
        words.append(Word(text, confidence, int(cells[2]), int(cells[3]), int(cells[4]),
                          int(cells[6]), int(cells[7]), int(cells[8]), int(cells[9])))
    return words


def _call(fn: Callable[..., object], path: str, label: str, timeout_s: float, **kwargs: str) -> str:
    if timeout_s <= 0:  # pytesseract reads 0 as "no limit"
        raise PageTimeout(f"{label}: no time left of the per-page limit")
    try:
        return str(fn(path, timeout=timeout_s, **kwargs))
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise PageTimeout(f"{label}: Tesseract took longer than {timeout_s:.0f} s") from exc
        raise CorruptInput(f"{label}: Tesseract failed: {exc}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingLanguagePack("the tesseract binary is missing; install tesseract-ocr") from exc
    except pytesseract.TesseractError as exc:
        message = str(exc.message) if hasattr(exc, "message") else str(exc)
        if "traineddata" in message or "loading language" in message.lower():
            raise MissingLanguagePack(f"{label}: {message}") from exc
        raise CorruptInput(f"{label}: Tesseract could not read the page: {message}") from exc


@contextmanager
def _as_file(image: Image.Image) -> Iterator[str]:
    """``image`` written as PGM (PBM when bilevel) to a private temporary file."""
    with tempfile.TemporaryDirectory(prefix="cardstream-ocr-") as folder:
        path = Path(folder) / ("page.pbm" if image.mode == "1" else "page.pgm")
        image.save(path)
        yield str(path)
