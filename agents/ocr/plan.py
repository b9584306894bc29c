"""Validate an upload and split it into independent page jobs.

Everything that can be decided from headers is decided here, before any worker is busy: the
real type (from magic bytes), byte, page and pixel limits, the language pack, and which PDF
pages already have text. Pixel decoding and OCR happen later, in ``run_page``.
"""

from __future__ import annotations

from agents.exceptions import EmptyText, InputTooLarge
from agents.ocr import pdf
from agents.ocr.config import OcrConfig
from agents.ocr.images import frame_sizes
from agents.ocr.languages import resolve_language
from agents.ocr.page import PageJob
from agents.ocr.sniff import decode_text, sniff


def plan_pages(
    data: bytes, content_type: str | None, filename: str | None, config: OcrConfig
) -> list[PageJob]:
    label = repr(filename) if filename else "the upload"
    if len(data) > config.max_bytes:
        raise InputTooLarge(
            f"{label} is {len(data):,} bytes, over the limit of {config.max_bytes:,}"
        )
    kind = sniff(data, content_type, filename)
    # text needs no Tesseract pack: only OCR'd documents are checked against the installed ones
    language = resolve_language(config.language, check_pack=kind != "text")
    if kind == "text":
        text = (decode_text(data) or "").strip()
        if not text:
            raise EmptyText(f"{label} contains no text")
        return [PageJob(page=1, kind="text", language=language, text=text, label=label)]
    if kind == "pdf":
        return _plan_pdf(data, label, language, config)
    # one job per frame, each carrying the file and its frame number: the frame is decoded in
    # the pool process that reads it, never all at once here (images.frame_sizes)
    frames = frame_sizes(data, label, config.max_pixels, config.max_pages,
                         config.max_upload_pixels)
    many = len(frames) > 1
    return [
        PageJob(
            page=index + 1,
            kind="image",
            language=language,
            data=data,
            frame=index,
            label=f"{label} page {index + 1}" if many else label,
        )
        for index in range(len(frames))
    ]


def _plan_pdf(data: bytes, label: str, language: str, config: OcrConfig) -> list[PageJob]:
    reader = pdf.open_pdf(data, label)
    count = len(reader.pages)
    if count == 0:
        raise EmptyText(f"{label} is a PDF without pages")
    if count > config.max_pages:
        raise InputTooLarge(f"{label} has {count} pages, over the limit of {config.max_pages}")
    jobs, pixels = [], 0
    for index in range(count):
        number = index + 1
        page_label = f"{label} page {number}"
        text = pdf.text_layer(reader, index)
        if text is not None:
            jobs.append(PageJob(number, "text-layer", language, text=text, label=page_label))
            continue
        dpi = pdf.render_dpi(reader, index, config.dpi, config.max_pixels, page_label)
        pixels += pdf.render_pixels(reader, index, dpi)
        if pixels > config.max_upload_pixels:
            raise InputTooLarge(
                f"{label} renders to over {config.max_upload_pixels:,} pixels ({count} pages;"
                f" the per-upload budget is {config.max_upload_pixels:,})"
            )
        page = pdf.single_page(reader, index, label)
        jobs.append(PageJob(number, "pdf-page", language, data=page, dpi=dpi, label=page_label))
    return jobs
