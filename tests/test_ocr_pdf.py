"""PDFs: a text layer is used as is, only pages without one are rendered and OCR'd."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from agents.ocr import OcrConfig, extract, plan_pages
from bench.pages import TEXTS, image_pdf, render_page, text_layer_pdf


def test_text_layer_pdf_is_not_ocrd() -> None:
    data = text_layer_pdf([TEXTS["biology"], TEXTS["history"]])
    jobs = plan_pages(data, "application/pdf", "notes.pdf", OcrConfig())
    assert [job.kind for job in jobs] == ["text-layer", "text-layer"]
    result = extract(data, "application/pdf", "notes.pdf")
    assert result.source == "text-layer"
    assert [p.source for p in result.pages] == ["text-layer", "text-layer"]
    assert result.words_total == 0 and result.avg_confidence is None
    assert "Photosynthesis converts light energy" in result.text
    assert "printing press" in result.text


def test_scanned_pdf_is_ocrd() -> None:
    data = image_pdf([render_page(TEXTS["computing"], width_in=5)])
    result = extract(data, "application/pdf", "scan.pdf")
    assert result.source == "ocr" and result.pages[0].source == "ocr"
    assert "hash table stores values" in result.text
    assert result.words_kept > 50


def test_mixed_pdf_ocrs_only_the_scanned_page() -> None:
    writer = PdfWriter()
    for part in (text_layer_pdf([TEXTS["history"]]), image_pdf([render_page("Scanned page.")])):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    result = extract(buffer.getvalue(), "application/pdf", "mixed.pdf")
    assert result.source == "mixed"
    assert [p.source for p in result.pages] == ["text-layer", "ocr"]
    assert "Scanned page." in result.text and "printing press" in result.text
