"""One page from job to result: the unit of work a process-pool worker runs.

``PageJob`` and ``run_page`` are top-level and hold only bytes, strings and numbers, so they
pickle cheaply into a ``ProcessPoolExecutor``. A clean page is read exactly once by Tesseract
(unless its reading looks incomplete or upside down); a page the quality checks find degraded
is read as it is and as a few candidate preparations, and the reading Tesseract is surest of
wins (``_best_reading``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from PIL import Image

from agents.exceptions import PageTimeout
from agents.ocr import geometry, pdf
from agents.ocr.config import OcrConfig
from agents.ocr.coverage import (
    Coverage,
    Ink,
    dropped_lines,
    find_ink,
    ink_copy,
    measure,
    on_ink,
    said_by,
    text_ink,
    word_boxes,
)
from agents.ocr.dewarp import unwarp_words
from agents.ocr.evidence import Evidence, agreed_order, junk_lines, net_gain, weigh
from agents.ocr.images import load_gray
from agents.ocr.lexicon import is_word
from agents.ocr.libtesseract import cpu_clock
from agents.ocr.photo import find_page
from agents.ocr.preprocess import (
    BORDER_PX,
    Prepared,
    candidates,
    darkest_ink,
    needs_work,
)
from agents.ocr.quality import Quality, assess
from agents.ocr.tesseract import Word, osd_rotation, recognize
from agents.ocr.text import assemble, kept_mask
from schemas.events import PageStat

JobKind = Literal["image", "pdf-page", "text", "text-layer"]

# An upright page of real text reads at 80-95; below this with enough words we ask OSD whether
# the page is upside down before trusting the result.
SUSPECT_CONFIDENCE = 55.0
MIN_OSD_CONFIDENCE = 2.0  # OSD's own scale; below this its answer is a guess
MIN_ORIENTED_WORDS = 8  # words a reading needs to say anything about the page's orientation
# Choosing among candidate preparations (tuned on the DEV split of bench/ocr_accuracy.py):
SELECT_CONFIDENCE = OcrConfig.min_confidence  # the default filter, for comparing candidates
PREFER_EARLIER = 0.02  # a later (more processed) candidate must read 2 % more to replace one
GOOD_CONFIDENCE, GOOD_COVERAGE = 85.0, 95.0  # a reading no other candidate needs to try
STRICT_CONFIDENCE, STRICT_COVERAGE = 90.0, 98.0  # the same, for the raw read of a degraded page
MAX_FRAGMENTED = 0.05  # share of words on lines read in pieces (agents/ocr/evidence.py)
# A candidate replaces the raw reading only if, where the two differ, it loses at most this
# share of the raw reading's confident text net of what it adds (evidence.net_gain): half a
# percent, the bound on how much worse than raw Tesseract a page may read.
MAX_NET_LOSS = 0.02
MAX_TEXT_OUTSIDE_PAGE = 0.03  # share of text-line ink outside a found sheet that disproves it


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


def page_clock() -> float:
    """CPU seconds this thread and the programs it waited for (``tesseract`` on the cli path)
    have used: the page's time limit (``OcrConfig.page_timeout_s``) counts these, so a page
    read on a busy machine runs the same candidates as on a quiet one (session 13: under load
    the wall-clock limit ended a noise page's candidates before the one that reads it, 29.6 %
    CER against 0.24 % quiet). A deadline is a value of this clock."""
    times = os.times()
    return cpu_clock() + times.children_user + times.children_system


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
    deadline = page_clock() + config.page_timeout_s
    timings: dict[str, float] = {}
    if job.kind == "pdf-page":
        gray = pdf.render(job.data, job.dpi, job.label, config.max_pixels, config.page_timeout_s)
        timings["render"] = time.perf_counter() - started
    else:
        gray = load_gray(job.data, job.label, config.max_pixels, frame=job.frame)
        timings["decode"] = time.perf_counter() - started
    reading = _best_reading(gray, job, config, deadline, timings)
    mask = kept_mask(reading.words, config.min_confidence, job.language, reading.junk)
    text, kept = assemble(reading.words, mask)
    kept_conf = [w.confidence for w in kept]
    stat = PageStat(
        page=job.page,
        source="ocr",
        avg_confidence=round(sum(kept_conf) / len(kept_conf), 2) if kept_conf else None,
        words_total=len(reading.words),
        words_kept=len(kept),
        seconds=round(time.perf_counter() - started, 4),
        coverage=_coverage(reading, kept_mask(reading.words, config.min_confidence, job.language,
                                              reading.junk, doubtful=False)),
    )
    confidence = tuple(w.confidence for w in reading.words)
    return PageResult(job.page, text, stat, confidence, tuple(reading.steps), timings)


def _coverage(reading: Reading, mask: list[bool]) -> float | None:
    """The chosen reading's coverage by the words the text keeps under the user's filter,
    junk lines (evidence.junk_lines) left out: they read no text."""
    if reading.ink is None:
        return None
    if mask == reading.mask and reading.ink is reading.weighed_on:
        # What the candidates were compared by (evidence.weigh) measured the same words on
        # the same ink: the default filter, and not the ink candidate's text ink. Measuring it
        # again cost ~1 % of a clean full page's time (session 9 profile).
        return reading.coverage.percent if reading.coverage else None
    read = [w for w, k, j in zip(reading.words, mask, reading.junk, strict=True) if k and not j]
    every = word_boxes(reading.ink, reading.words, reading.matrix)
    measured = measure(reading.ink, word_boxes(reading.ink, read, reading.matrix),
                       dropped_lines(reading.ink, reading.words, mask, reading.matrix,
                                     on_ink(reading.ink, every)),
                       said_by(every, reading.words))
    return measured.percent if measured else None


@dataclass
class Reading:
    """One candidate preparation as Tesseract read it, with the evidence to compare it by."""

    prepared: Prepared
    words: list[Word]
    coverage: Coverage | None
    evidence: float
    fragmented: float
    steps: list[str]
    junk: np.ndarray  # per word, whether on a junk line (evidence.junk_lines)
    ink: Ink | None = None
    matrix: np.ndarray = field(default_factory=lambda: geometry.IDENTITY)
    kept: list[Word] = field(default_factory=list)  # the words a default reading keeps
    mask: list[bool] = field(default_factory=list)  # which of ``words`` those are
    weighed_on: Ink | None = None  # the ink ``coverage`` was measured on
    proof: Evidence = field(default_factory=lambda: Evidence(0.0, None, 0.0))


def _best_reading(
    gray: Image.Image, job: PageJob, config: OcrConfig, deadline: float,
    timings: dict[str, float],
) -> Reading:
    """Read the page's candidate preparations, cheapest first, and keep the one Tesseract reads
    best by its own evidence. A clean page has one candidate (itself) unless its reading looks
    incomplete; a degraded page starts with the upload as it is, so a preparation that hurts
    loses to it."""
    started = time.perf_counter()
    quality = assess(gray)
    timings["assess"] = time.perf_counter() - started
    started = time.perf_counter()
    degraded = needs_work(quality, config.preprocess, gray.size, config.max_pixels)
    pixels = np.asarray(gray)
    copy = ink_copy(pixels, quality.text_height)  # one reduced copy for the ink and the sheet
    ink = find_ink(pixels, quality.text_height, copy)
    # On a photo the text to account for is on the paper, not in the table's grain; a sheet
    # with text lines outside it is not the page, and neither measured nor cropped to.
    region = find_page(pixels, copy) if config.preprocess.photo else None
    if region is not None:
        inner, outside = ink.within(region)
        region, ink = (region, inner) if outside <= MAX_TEXT_OUTSIDE_PAGE else (None, ink)
    degraded = degraded or region is not None
    timings["ink"] = time.perf_counter() - started
    best: Reading | None = None
    seen: set[tuple[str, ...]] = set()
    # The page's orientation, once a reading has decided it (None: not yet). A preparation
    # cleans the page; it does not turn it, so every candidate is read the same way up.
    turn: int | None = None
    raw: Evidence | None = None
    first: Reading | None = None
    readings: list[Reading] = []
    for prepared in candidates(gray, quality, config.preprocess, config.max_pixels, region,
                               pixels):
        key = tuple(prepared.steps)
        if key in seen:  # e.g. "light" on a page that needed no step is "raw" again
            continue
        seen.add(key)
        for name, seconds in prepared.timings.items():
            timings[name] = timings.get(name, 0.0) + seconds
        try:
            words, steps, matrix, turn = _read(prepared, job, config, deadline, timings, turn)
        except PageTimeout:
            if best is None:
                raise
            break  # the page's time is up: keep the best reading so far
        if prepared.warp is not None:
            if any(step.startswith("rotate") for step in steps):
                continue  # the shifts were measured on the page the right way up
            words = unwarp_words(words, prepared.warp)
        # Candidates are compared on what a default reading keeps, so the user's own filter
        # changes which words are shown, not which preparation is read.
        junk = junk_lines(words, job.language)  # once: the mask and the evidence both ask
        mask = kept_mask(words, SELECT_CONFIDENCE, job.language, junk, doubtful=False)
        proof = weigh(ink, words, mask, matrix, junk)
        # Steps as run, after the candidate's name unless it is the upload as it is.
        named = steps if prepared.name == "raw" else [prepared.name, *steps]
        reading = Reading(prepared, words, proof.coverage, proof.score, proof.fragmented,
                          named, junk, ink, matrix,
                          [w for w, k in zip(words, mask, strict=True) if k], mask, ink, proof)
        readings.append(reading)
        raw = raw or proof  # the upload as it is comes first
        first = first or reading
        if best is None or (reading.evidence > best.evidence * (1 + PREFER_EARLIER)
                            and net_gain(raw, proof) >= -MAX_NET_LOSS):
            best = reading
        if _convincing(best, config) and (not degraded or best.prepared.name != "raw"
                                          or _convincing(best, config, strict=True)):
            break
    assert best is not None and raw is not None
    # Word evidence is blind to reading order (evidence.agreed_order).
    best = readings[agreed_order([r.proof for r in readings], readings.index(best), raw)]
    if best.prepared.name in ("ink", "speck") and best.ink is not None and first is not None:
        # The ink candidate bet that the grey clutter is not text: its coverage counts the
        # page's ink that is dark (the ink it kept; same pixels, so the same coordinates) or
        # lies on a line the raw reading read as real words. Otherwise every streak of a
        # photocopier would count as a text line it failed to read (the raw reading's junk
        # on them is no words); and measured on its own ink alone, a grey line it dropped
        # would be no line at all (DEV: a lit magazine page read through it lost 68 lines
        # at 96 % coverage). Only for coverage: chosen by it, the ink candidate's words over
        # grey text would count as read off the ink (fresh-dev, session 7: a photocopy read
        # at 5 % CER through it lost to the raw reading's 98 %).
        best.ink = _text_ink(pixels, quality, best.ink, first.kept, first.matrix, job.language)
    return best


def _text_ink(pixels: np.ndarray, quality: Quality, ink: Ink, kept: list[Word],
              matrix: np.ndarray, language: str) -> Ink:
    """The page's glyph ink that is text by other evidence: as dark as its darkest class
    (printed text is near black; specks, streaks and paper texture are grey), or on a line the
    raw reading read as real words. Measured on the clutter as well, a grey line a candidate
    dropped would be no line at all (DEV: a lit magazine page read through the ink candidate
    lost 68 lines at 96 % coverage); measured on all of it, every streak is a line no reading
    read."""
    dark = find_ink(darkest_ink(pixels), quality.text_height)
    sure = [w for w in kept if w.confidence >= SELECT_CONFIDENCE and is_word(w.text, language)]
    return text_ink(ink, dark, word_boxes(ink, sure, matrix))


def _convincing(reading: Reading, config: OcrConfig, strict: bool = False) -> bool:
    """A reading no other preparation is likely to beat: nearly all the page's text read with
    high confidence."""
    if not reading.words:
        return False
    mean = sum(w.confidence for w in reading.words) / len(reading.words)
    coverage = reading.coverage.percent if reading.coverage else 100.0
    if reading.fragmented > MAX_FRAGMENTED:
        return False
    if strict:
        return mean >= STRICT_CONFIDENCE and coverage >= STRICT_COVERAGE
    return mean >= GOOD_CONFIDENCE and coverage >= GOOD_COVERAGE


def _read(
    prepared: Prepared, job: PageJob, config: OcrConfig, deadline: float,
    timings: dict[str, float], turn: int | None = None,
) -> tuple[list[Word], list[str], np.ndarray, int | None]:
    """Words of one preparation, the steps it took, the matrix from the upload to the image
    the words were read on, and the page's turn (clockwise degrees; None while undecided).

    The turn is the page's, not the preparation's: once a reading has decided it, later
    candidates are turned the same way without asking OSD again. Asked again on a preparation
    that reads as junk (a thresholded fold, a photocopy cut to its darkest ink), OSD guesses a
    turn for a page the raw reading had read upright, and the turned reading is compared with
    readings that were not turned."""
    image, matrix, steps = prepared.image, prepared.matrix, list(prepared.steps)
    if not config.preprocess.orientation:
        return _recognize(image, prepared, job, config, deadline, timings), steps, matrix, 0
    if turn is not None:
        if turn:
            turned, to_turned = _turned(image, turn, steps)
            image, matrix = turned, to_turned @ matrix
            steps.append(f"rotate{turn}")
        return _recognize(image, prepared, job, config, deadline, timings), steps, matrix, turn
    way = 0  # the turn this reading was read at
    if prepared.quality.sideways:
        answer = _osd(image, job, config, deadline, timings, steps)
        if answer:
            turned, to_turned = _turned(image, answer, steps)
            image, matrix, way = turned, to_turned @ matrix, answer
            steps.append(f"rotate{answer}")
    words = _recognize(image, prepared, job, config, deadline, timings)
    if not way and _looks_upside_down(words):
        answer = _osd(image, job, config, deadline, timings, steps)
        if answer:
            turned, to_turned = _turned(image, answer, steps)
            again = _recognize(turned, prepared, job, config, deadline, timings)
            if _score(again) > _score(words):
                steps.append(f"rotate{answer}")
                words, matrix, way = again, to_turned @ matrix, answer
    # Only a reading of upright-looking text decides the page's turn: OSD's guess on a
    # preparation that reads as junk (a fax-resolution page before it is enlarged) is no
    # evidence, and every later candidate would be read turned by it.
    upright = len(words) >= MIN_ORIENTED_WORDS and not _looks_upside_down(words)
    return words, steps, matrix, way if upright else None


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
        pixels=prepared.pixels if image is prepared.image else None,
        psm=_psm(prepared, image),
        dpi=_effective_dpi(prepared, job),
        timeout_s=deadline - page_clock(),
        label=job.label,
        via=config.tesseract,
    )
    timings["tesseract"] = timings.get("tesseract", 0.0) + time.perf_counter() - started
    return words


def _osd(
    image: Image.Image, job: PageJob, config: OcrConfig, deadline: float,
    timings: dict[str, float], steps: list[str],
) -> int:
    """Clockwise degrees OSD says turn ``image`` upright; 0 when it says none or is unsure."""
    started = time.perf_counter()
    answer = osd_rotation(
        image, timeout_s=deadline - page_clock(), label=job.label, via=config.tesseract
    )
    timings["osd"] = timings.get("osd", 0.0) + time.perf_counter() - started
    steps.append("osd")
    if answer is None or answer[1] < MIN_OSD_CONFIDENCE:
        return 0
    return answer[0]


def _turned(image: Image.Image, degrees: int, steps: list[str]) -> tuple[Image.Image, np.ndarray]:
    """``image`` turned ``degrees`` clockwise, with a white border unless ``steps`` (those it
    went through) gave it one."""
    # OSD reports the clockwise turn that makes the page upright; rotate() turns
    # counter-clockwise.
    turned, matrix = geometry.rotate(np.asarray(image), -degrees)
    if "border" not in steps:
        turned, pad = geometry.pad(turned, BORDER_PX)
        matrix = pad @ matrix
    return Image.fromarray(turned), matrix


def _looks_upside_down(words: list[Word]) -> bool:
    if len(words) < MIN_ORIENTED_WORDS:
        return False
    return sum(w.confidence for w in words) / len(words) < SUSPECT_CONFIDENCE


def _score(words: list[Word]) -> float:
    return sum(w.confidence for w in words if w.confidence >= SUSPECT_CONFIDENCE)


def _psm(prepared: Prepared, image: Image.Image) -> int:
    # Automatic layout (3) for pages; a crop only a few lines high reads better as one block (6),
    # because the page layout analysis can throw a short snippet away as noise.
    height = prepared.quality.text_height
    if height and image.size[1] < height * prepared.scale * 8:
        return 6
    return 3


def _effective_dpi(prepared: Prepared, job: PageJob) -> int:
    if job.kind == "pdf-page":
        return round(job.dpi * prepared.scale)
    if prepared.name == "raw":
        # The upload as it is, read as the tesseract program reads it: at the resolution the
        # file declares, or (0) at Tesseract's own estimate.
        return prepared.declared_dpi
    # Scans usually say their resolution; when they do not, glyph height is the best guess
    # (≈ 20 px median glyph height at 300 dpi for 10 pt text).
    height = prepared.quality.text_height
    if height:
        return max(70, min(1200, round(300 * height * prepared.scale / 20)))
    return 300
