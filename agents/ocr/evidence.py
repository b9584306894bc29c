"""Tesseract's own evidence for one reading of a page, to compare candidate preparations.

What counts, and why:
- characters of words Tesseract is sure of (confidence squared, so many doubtful guesses are
  worth less than fewer certain words);
- minus those of words that lie on no glyph ink (read from a table top, a stain, a fold);
- scaled by the share of the page's ink the kept words account for (coverage), so a reading
  that dropped lines loses to one that did not;
- scaled down by line fragmentation: pieces of one visual line read as separate lines side by
  side (what a tilted or curled page does to the layout analysis) scramble the reading order
  even when every word is right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from agents.ocr.coverage import Coverage, Ink, measure, on_ink, word_boxes
from agents.ocr.tesseract import Word

MIN_WORD_CONFIDENCE = 30.0  # below this Tesseract itself is guessing


@dataclass(frozen=True)
class Evidence:
    score: float
    coverage: Coverage | None
    fragmented: float  # share of words on lines read in pieces


def weigh(ink: Ink, words: Sequence[Word], kept: Sequence[bool], to_image: np.ndarray) -> Evidence:
    """The evidence for ``words`` (read on an image ``to_image`` away from the upload), of
    which ``kept`` are the ones the text will keep."""
    boxes = word_boxes(ink, words, to_image)
    keep = np.asarray(kept, dtype=bool)
    coverage = measure(ink, boxes[keep] if len(boxes) else boxes)
    if not words:
        return Evidence(0.0, coverage, 0.0)
    weights = np.array([len(w.text) * (w.confidence / 100.0) ** 2 for w in words])
    weights[np.array([w.confidence for w in words]) < MIN_WORD_CONFIDENCE] = 0.0
    grounded = on_ink(ink, boxes)
    sure = float(weights[grounded].sum() - weights[~grounded].sum())
    share = coverage.ink_read if coverage else 1.0
    fragmented = _fragmented(words, boxes, ink.glyph)
    return Evidence(sure * (0.5 + 0.5 * share) * (1.0 - 0.5 * fragmented), coverage, fragmented)


def _fragmented(words: Sequence[Word], boxes: np.ndarray, glyph: float) -> float:
    """Share of words on Tesseract lines that sit beside another line at the same height,
    closer than two glyphs (a column gap is wider)."""
    members: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        members[(word.block, word.paragraph, word.line)].append(index)
    lines = list(members.values())
    if len(lines) < 2:
        return 0.0
    extents = np.array([[boxes[i, 0].min(), boxes[i, 1].min(), boxes[i, 2].max(),
                         boxes[i, 3].max()] for i in (np.array(m) for m in lines)])
    x0, y0, x1, y1 = (extents[:, k] for k in range(4))
    height = np.minimum((y1 - y0)[:, None], (y1 - y0)[None, :])
    overlap = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
    gap = np.maximum(x0[:, None], x0[None, :]) - np.minimum(x1[:, None], x1[None, :])
    beside = (overlap > 0.5 * height) & (gap < 2.0 * glyph) & (gap > -glyph)
    np.fill_diagonal(beside, False)
    pieces = beside.any(axis=1)
    return sum(len(m) for m, piece in zip(lines, pieces, strict=True) if piece) / len(words)
