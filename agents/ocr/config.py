"""What the OCR engine may do and how far it may go.

Both objects are frozen values: the agent builds one from its settings and passes it to every
call, so a worker process never reads the environment itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class PreprocessConfig:
    """Each image-cleaning step can be switched off; a step runs only when a cheap quality
    check says the page needs it, and a page that needs any is read as it is too, keeping the
    reading Tesseract is surest of; so leaving them on costs nothing on clean pages."""

    upscale: bool = True  # enlarge small text to the size Tesseract was trained on
    normalize_background: bool = True  # flatten uneven light (phone photos, shadows)
    contrast: bool = True  # stretch dim or washed-out pages to the full grey range
    binarize: bool = True  # a Sauvola-thresholded candidate for dark, blurred, stained pages
    photo: bool = True  # a candidate with the sheet of paper found and its perspective undone
    denoise: bool = True  # median filter against speckle and sensor noise
    sharpen: bool = True  # an unsharp-masked candidate for out-of-focus pages
    deskew: bool = True  # detect a small tilt from text lines and rotate it away
    dewarp: bool = True  # a candidate with wavy lines (folds, curls) straightened
    orientation: bool = True  # Tesseract OSD for pages turned by 90/180/270 degrees
    border: bool = True  # white margin so text touching the edge is still segmented
    target_text_px: int = 20  # median glyph height we upscale towards (10 pt at 300 dpi)
    max_upscale: float = 4.0


@dataclass(frozen=True)
class OcrConfig:
    """Options of one OCR request: the user's choices plus the operator's limits."""

    # None means English; ISO 639-1 ('es'), Tesseract codes ('spa') and '+' mixes are accepted.
    language: str | None = None
    min_confidence: float = 70.0
    preprocess: PreprocessConfig = field(default_factory=PreprocessConfig)
    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 60_000_000  # per page, decoded or rendered
    # all OCR'd pages of one upload together, checked from headers before any decoding
    max_upload_pixels: int = 400_000_000
    max_pages: int = 200
    page_timeout_s: float = 120.0  # CPU seconds a page may use (agents/ocr/page.page_clock)
    dpi: int = 300  # PDF render resolution and the resolution upscaling aims for
    # "library": libtesseract in the pool process, models loaded once (falls back to "cli" with
    # a warning when it cannot be loaded); "cli": one tesseract program per page, whose
    # per-page limit can kill it mid-layout and whose crash fails only that page.
    tesseract: Literal["library", "cli"] = "library"
