"""What one worker may hold in memory, derived from one setting (``CARDSTREAM_WORKER_MEMORY_MB``).

A worker's memory is its own process (Python, Kafka clients, the card engine's models) plus each
OCR process (libtesseract and the one page it is reading) plus the bytes of the uploads in
flight. Pages are decoded one at a time in the OCR processes, so the per-page pixel limit and the
number of OCR processes set the peak, not the size of a document. The budget picks the most OCR
processes (up to ``ocr_workers``) for which each still fits a full A4 page at 300 dpi, and the
largest page each may decode. The per-upload pixel total bounds how long one upload holds the
OCR processes; it scales with memory too (400 M pixels, ~46 pages at 300 dpi, in 4 GB).

Measured on this repo's OCR path (``run_page``, preprocessing on, Tesseract 5, one thread): a
blank 25 MP page peaks at 36 bytes per pixel (every preprocessing candidate is tried on a page
without confident text), a 9 MP text page at 19; 44 is used (a 10 % margin). The worker process
itself idles at ~700 MB with its models (the chaos campaign's ``worker_rss_idle_mb``); 1 GB is
reserved.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.exceptions import ConfigError

MB = 1024 * 1024
WORKER_BASE_MB = 1024  # the worker process with its models loaded
OCR_PROCESS_BASE_MB = 200  # an OCR process with libtesseract loaded, before any page
BYTES_PER_PAGE_PIXEL = 44  # an OCR process's peak per decoded pixel, with a 10 % margin
UPLOAD_COPIES = 2  # an upload's bytes in the worker and in the OCR process reading a page of it
MIN_PAGE_PIXELS = 8_700_000  # an A4 page at 300 dpi: less than this and OCR is not worth it
MAX_PAGE_PIXELS = 60_000_000  # larger pages only slow Tesseract down; PDFs render smaller
UPLOAD_PIXELS_PER_MB = 400_000_000 / 4096


@dataclass(frozen=True)
class MemoryBudget:
    memory_mb: int
    ocr_processes: int
    uploads_in_flight: int  # the OCR agent's concurrency
    max_page_pixels: int
    max_upload_pixels: int

    def describe(self) -> str:
        return (f"{self.memory_mb} MB: {self.ocr_processes} OCR process(es), "
                f"{self.uploads_in_flight} uploads in flight, pages up to "
                f"{self.max_page_pixels:,} pixels, uploads up to {self.max_upload_pixels:,}")


def _page_pixels(memory_mb: int, processes: int, blob_max_bytes: int) -> tuple[int, int]:
    in_flight = max(2, 2 * processes)  # one waiting while one is read keeps a process busy
    held_mb = in_flight * UPLOAD_COPIES * blob_max_bytes / MB
    per_process_mb = (memory_mb - WORKER_BASE_MB - held_mb) / processes - OCR_PROCESS_BASE_MB
    return in_flight, int(per_process_mb * MB / BYTES_PER_PAGE_PIXEL)


def memory_budget(memory_mb: int, ocr_workers: int, blob_max_bytes: int,
                  max_upload_pixels: int | None = None) -> MemoryBudget:
    """The budget for a worker of ``memory_mb``; ConfigError when even one OCR process cannot
    read an A4 page in it (the message says how much is needed)."""
    for processes in range(ocr_workers, 0, -1):
        in_flight, page = _page_pixels(memory_mb, processes, blob_max_bytes)
        if page >= MIN_PAGE_PIXELS:
            break
    else:
        held = 2 * UPLOAD_COPIES * blob_max_bytes / MB
        page_mb = MIN_PAGE_PIXELS * BYTES_PER_PAGE_PIXEL / MB
        need = WORKER_BASE_MB + held + OCR_PROCESS_BASE_MB + page_mb
        raise ConfigError(f"CARDSTREAM_WORKER_MEMORY_MB={memory_mb} is too small for one OCR "
                          f"process and its uploads; it needs at least {int(need) + 1} "
                          f"(or a smaller CARDSTREAM_BLOB_MAX_BYTES)")
    upload = max_upload_pixels or int(UPLOAD_PIXELS_PER_MB * memory_mb)
    return MemoryBudget(memory_mb, processes, in_flight, min(page, MAX_PAGE_PIXELS), upload)
