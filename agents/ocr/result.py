"""Page results merged into the document's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from agents.exceptions import EmptyText
from agents.ocr.page import PageResult
from schemas.events import PageStat

Source = Literal["ocr", "text-layer", "text", "mixed"]


@dataclass(frozen=True)
class OcrResult:
    text: str
    language: str
    source: Source
    avg_confidence: float | None  # mean over kept OCR words of all pages
    words_total: int
    words_kept: int
    pages: list[PageStat]
    seconds: float
    confidences: tuple[float, ...] = ()  # every OCR word's confidence, for distributions
    steps: tuple[str, ...] = ()  # preprocessing steps run, page by page ("3:deskew")
    coverage: float | None = None  # lowest page coverage (PageStat.coverage) of the OCR pages


def merge(results: list[PageResult], language: str, seconds: float | None = None) -> OcrResult:
    """One result from page results in any order; raises EmptyText when no page has text.

    ``seconds`` is the wall time when the caller measured it; otherwise the pages' own time,
    which over-counts when pages ran in parallel.
    """
    ordered = sorted(results, key=lambda r: r.page)
    sources = {r.stat.source for r in ordered}
    source: Source = sources.pop() if len(sources) == 1 else "mixed"
    kept = sum(r.stat.words_kept for r in ordered)
    total = sum(r.stat.words_total for r in ordered)
    weighted = sum((r.stat.avg_confidence or 0.0) * r.stat.words_kept for r in ordered)
    text = "\n\n".join(r.text for r in ordered if r.text.strip())
    if not text:
        dropped = f" ({total} words below min_confidence)" if total else ""
        raise EmptyText(f"no text found on any of {len(ordered)} page(s){dropped}")
    return OcrResult(
        text=text,
        language=language,
        source=source,
        avg_confidence=round(weighted / kept, 2) if kept else None,
        words_total=total,
        words_kept=kept,
        pages=[r.stat for r in ordered],
        seconds=seconds if seconds is not None else sum(r.stat.seconds for r in ordered),
        confidences=tuple(c for r in ordered for c in r.confidences),
        steps=tuple(f"{r.page}:{step}" for r in ordered for step in r.steps),
        coverage=min(measured) if (measured := [
            r.stat.coverage for r in ordered if r.stat.coverage is not None
        ]) else None,
    )
