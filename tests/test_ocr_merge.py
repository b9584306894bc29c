"""Pure parts of the OCR engine with values: text assembly, merging, metrics."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry

from agents.exceptions import EmptyText
from agents.ocr import PageResult, merge
from agents.ocr.metrics import OcrMetrics
from agents.ocr.tesseract import Word, parse_tsv
from agents.ocr.text import assemble, kept_mask
from schemas.events import PageStat


def word(text: str, conf: float, block: int = 1, par: int = 1, line: int = 1) -> Word:
    return Word(text, conf, block, par, line, 0, 0, 10, 10)


def ocr_page(page: int, text: str, kept: int, total: int, conf: float | None) -> PageResult:
    stat = PageStat(
        page=page, source="ocr", avg_confidence=conf, words_total=total, words_kept=kept
    )
    return PageResult(page, text, stat, confidences=(conf or 0.0,) * total)


def test_parse_tsv_skips_non_text_rows() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t96.5\tHello\n"
        "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t-1\t \n"
        "5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t40\tworld\n"
    )
    assert parse_tsv(tsv) == [word("Hello", 96.5), word("world", 40.0, line=2)]


def test_assemble_keeps_lines_and_paragraphs_and_drops_low_confidence() -> None:
    words = [
        word("One", 90), word("two", 91), word("three", 92, line=2),
        word("noise", 10, line=3),
        word("Next", 95, par=2), word("paragraph", 95, par=2),
        word("Other", 88, block=2),
    ]  # fmt: skip
    text, kept = assemble(words, kept_mask(words, 70))
    assert text == "One two\nthree\n\nNext paragraph\n\nOther"
    assert len(kept) == 6


def test_merge_orders_pages_and_weights_confidence() -> None:
    results = [ocr_page(2, "second", 1, 2, 60.0), ocr_page(1, "first", 3, 3, 90.0)]
    merged = merge(results, "eng", seconds=1.5)
    assert merged.text == "first\n\nsecond"
    assert [p.page for p in merged.pages] == [1, 2]
    assert merged.avg_confidence == pytest.approx((3 * 90 + 60) / 4)
    assert (merged.words_total, merged.words_kept, merged.seconds) == (5, 4, 1.5)
    assert merged.source == "ocr"


def test_merge_of_text_layer_and_ocr_is_mixed() -> None:
    layer = PageResult(1, "layer", PageStat(page=1, source="text-layer"))
    assert merge([layer, ocr_page(2, "scan", 1, 1, 80.0)], "eng").source == "mixed"


def test_merge_without_text_is_empty_text() -> None:
    with pytest.raises(EmptyText, match="4 words below min_confidence"):
        merge([ocr_page(1, "", 0, 4, None)], "eng")


def test_metrics_observe_counts_bounded_labels() -> None:
    registry = CollectorRegistry()
    metrics = OcrMetrics(registry)
    result = merge([ocr_page(1, "a", 3, 4, 90.0)], "eng")
    metrics.observe(result, "ok", 2.0)
    metrics.observe(None, "something-unexpected", 0.1)

    def value(name: str, **labels: str) -> float | None:
        return registry.get_sample_value(name, labels)

    assert value("cardstream_ocr_requests_total", status="ok") == 1
    assert value("cardstream_ocr_requests_total", status="error") == 1
    assert value("cardstream_ocr_pages_total", source="ocr") == 1
    assert value("cardstream_ocr_words_total", outcome="kept") == 3
    assert value("cardstream_ocr_words_total", outcome="dropped") == 1
    assert value("cardstream_ocr_duration_seconds_count") == 2
    assert value("cardstream_ocr_confidence_percent_sum") == 90
    # a text upload is not OCR: its page is counted by source, the OCR counters stay put
    text = merge([PageResult(1, "plain text", PageStat(page=1, source="text"))], "eng")
    metrics.observe(text, "ok", 0.01)
    assert value("cardstream_ocr_requests_total", status="ok") == 1
    assert value("cardstream_ocr_duration_seconds_count") == 2
    assert value("cardstream_ocr_pages_total", source="text") == 1
