"""One page from job to result: the unit of work a process-pool worker runs.

``PageJob`` and ``run_page`` are top-level and hold only bytes, strings and numbers, so they
pickle cheaply into a ``ProcessPoolExecutor``. A page is read exactly once by Tesseract unless
the result looks like an upside-down page, the one case where a second read pays for itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from PIL import Image

from agents.ocr import pdf
from agents.ocr.config import OcrConfig
from agents.ocr.images import load_gray
from agents.ocr.preprocess import Prepared, add_border, prepare
from agents.ocr.tesseract import Word, osd_rotation, recognize
from agents.ocr.text import assemble
from schemas.events import PageStat

JobKind = Literal["image", "pdf-page", "text", "text-layer"]

# An upright page of real text reads at 80-95; below this with enough words we ask OSD whether
# the page is upside down before trusting the result.
SUSPECT_CONFIDENCE = 55.0
MIN_OSD_CONFIDENCE = 2.0  # OSD's own scale; below this its answer is a guess


@dataclass(frozen=True)
class PageJob:
    """One page to read: image bytes (PNG/JPEG/TIFF/WebP), a one-page PDF to render, or text
    that is already known (a PDF text layer, a text upload)."""

    page: int
    kind: JobKind
    language: str
    data: bytes = b""
    frame: int = 0  # which frame of a multi-page image ``data`` this job reads
    text: str = ""
    dpi: int = 300  # render resolution of a pdf-page job
    label: str = "page"  # how errors name the page, e.g. "'scan.pdf' page 3"


@dataclass(frozen=True)
class PageResult:
    page: int
    text: str
    stat: PageStat
    confidences: tuple[float, ...] = ()  # every word Tesseract read, kept or not
    steps: tuple[str, ...] = ()  # preprocessing steps that ran, in order
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step


def run_page(job: PageJob, config: OcrConfig) -> PageResult:
    started = time.perf_counter()
    if job.kind in ("text", "text-layer"):
        source: Literal["text", "text-layer"] = "text" if job.kind == "text" else "text-layer"
        stat = PageStat(
            page=job.page,
            source=source,
            avg_confidence=None,
            words_total=0,
            words_kept=0,
            seconds=round(time.perf_counter() - started, 4),
        )
        return PageResult(job.page, job.text, stat)
    deadline = started + config.page_timeout_s
    timings: dict[str, float] = {}
    if job.kind == "pdf-page":
        gray = pdf.render(job.data, job.dpi, job.label, config.max_pixels, config.page_timeout_s)
        timings["render"] = time.perf_counter() - started
    else:
        gray = load_gray(job.data, job.label, config.max_pixels, frame=job.frame)
        timings["decode"] = time.perf_counter() - started
    prepared = prepare(gray, config.preprocess, config.max_pixels)
    timings.update(prepared.timings)
    words = _read(prepared, job, config, deadline, timings)
    text, kept = assemble(words, config.min_confidence)
    confidence = [w.confidence for w in words]
    kept_conf = [w.confidence for w in kept]
    stat = PageStat(
        page=job.page,
        source="ocr",
        avg_confidence=round(sum(kept_conf) / len(kept_conf), 2) if kept_conf else None,
        words_total=len(words),
        words_kept=len(kept),
        seconds=round(time.perf_counter() - started, 4),
    )
    return PageResult(job.page, text, stat, tuple(confidence), tuple(prepared.steps), timings)


def _read(
    prepared: Prepared, job: PageJob, config: OcrConfig, deadline: float, timings: dict[str, float]
) -> list[Word]:
    image = prepared.image
    if config.preprocess.orientation and prepared.quality.sideways:
        image = _upright(image, job, config, deadline, timings, prepared.steps) or image
    words = _recognize(image, prepared, job, config, deadline, timings)
    if config.preprocess.orientation and _looks_upside_down(words):
        turned = _upright(image, job, config, deadline, timings, prepared.steps)
        if turned is not None:
            again = _recognize(turned, prepared, job, config, deadline, timings)
            if _score(again) > _score(words):
                words = again
    return words


def _recognize(
    image: Image.Image,
    prepared: Prepared,
    job: PageJob,
    config: OcrConfig,
    deadline: float,
    timings: dict[str, float],
) -> list[Word]:
    started = time.perf_counter()
    words = recognize(
        image,
        job.language,
        psm=_psm(prepared),
        dpi=_effective_dpi(prepared, job),
        timeout_s=deadline - started,
        label=job.label,
        via=config.tesseract,
    )
    timings["tesseract"] = timings.get("tesseract", 0.0) + time.perf_counter() - started
    return words


def _upright(
    image: Image.Image,
    job: PageJob,
    config: OcrConfig,
    deadline: float,
    timings: dict[str, float],
    steps: list[str],
) -> Image.Image | None:
    started = time.perf_counter()
    answer = osd_rotation(
        image, timeout_s=deadline - started, label=job.label, via=config.tesseract
    )
    timings["osd"] = timings.get("osd", 0.0) + time.perf_counter() - started
    steps.append("osd")
    if answer is None or answer[0] == 0 or answer[1] < MIN_OSD_CONFIDENCE:
        return None
    # OSD reports the clockwise turn that makes the page upright; PIL rotates counter-clockwise.
    turned = image.rotate(-answer[0], expand=True, fillcolor=255)
    steps.append(f"rotate{answer[0]}")
    return add_border(turned) if "border" not in steps else turned


def _looks_upside_down(words: list[Word]) -> bool:
    if len(words) < 8:
        return False
    return sum(w.confidence for w in words) / len(words) < SUSPECT_CONFIDENCE


def _score(words: list[Word]) -> float:
    return sum(w.confidence for w in words if w.confidence >= SUSPECT_CONFIDENCE)


def _psm(prepared: Prepared) -> int:
    # Automatic layout (3) for pages; a crop only a few lines high reads better as one block (6),
    # because the page layout analysis can throw a short snippet away as noise.
    height = prepared.quality.text_height
    if height and prepared.image.size[1] < height * prepared.scale * 8:
        return 6
    return 3


def _effective_dpi(prepared: Prepared, job: PageJob) -> int:
    if job.kind == "pdf-page":
        return round(job.dpi * prepared.scale)
    # Scans usually say their resolution; when they do not, glyph height is the best guess
    # (≈ 20 px median glyph height at 300 dpi for 10 pt text).
    height = prepared.quality.text_height
    if height:
        return max(70, min(1200, round(300 * height * prepared.scale / 20)))
    return 300
