"""Prometheus metrics of the OCR stage, on a registry the composition root passes in.

Labels are bounded: ``status`` is one of STATUSES (anything else is counted as "error"), page
``source`` is one of the PageStat sources, words are "kept" or "dropped".
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

from agents.ocr.result import OcrResult

STATUSES = ("ok", "input_error", "missing_language", "timeout", "error")
SOURCES = ("ocr", "text-layer", "text")


class OcrMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "cardstream_ocr_requests_total",
            "OCR requests by outcome.",
            ["status"],
            registry=registry,
        )
        self.duration = Histogram(
            "cardstream_ocr_duration_seconds",
            "Wall time of one document's OCR.",
            buckets=(0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300),
            registry=registry,
        )
        self.confidence = Histogram(
            "cardstream_ocr_confidence_percent",
            "Mean confidence of the kept words of one document (0-100).",
            buckets=(10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 95, 100),
            registry=registry,
        )
        self.pages = Counter(
            "cardstream_ocr_pages_total",
            "Pages read, by how they were read.",
            ["source"],
            registry=registry,
        )
        self.words = Counter(
            "cardstream_ocr_words_total",
            "Words Tesseract found, kept or dropped by the confidence filter.",
            ["outcome"],
            registry=registry,
        )
        for status in STATUSES:
            self.requests.labels(status=status)
        for source in SOURCES:
            self.pages.labels(source=source)
        for outcome in ("kept", "dropped"):
            self.words.labels(outcome=outcome)

    def observe(self, result: OcrResult | None, status: str, seconds: float) -> None:
        """Count one request; ``result`` is None when it failed. A document read without OCR
        (a text upload, a PDF's text layer) counts only its pages, by source: the OCR counters
        count OCR."""
        if result is not None and not any(page.source == "ocr" for page in result.pages):
            for page in result.pages:
                self.pages.labels(source=page.source).inc()
            return
        self.requests.labels(status=status if status in STATUSES else "error").inc()
        self.duration.observe(seconds)
        if result is None:
            return
        if result.avg_confidence is not None:
            self.confidence.observe(result.avg_confidence)
        for page in result.pages:
            self.pages.labels(source=page.source).inc()
        self.words.labels(outcome="kept").inc(result.words_kept)
        self.words.labels(outcome="dropped").inc(result.words_total - result.words_kept)
