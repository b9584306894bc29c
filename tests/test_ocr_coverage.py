"""Coverage (agents/ocr/coverage.py) on pages read with real Tesseract: rows of specks and
pieces of a read line are no lost text lines; a lost line still is (test_ocr_robustness)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from agents.ocr import OcrConfig, extract
from agents.ocr.coverage import (
    Ink,
    _read,
    dropped_lines,
    find_ink,
    ink_copy,
    measure,
    word_boxes,
)
from agents.ocr.geometry import IDENTITY
from agents.ocr.images import load_gray
from agents.ocr.page import GOOD_COVERAGE
from agents.ocr.photo import find_page
from agents.ocr.quality import assess
from agents.ocr.tesseract import Word, recognize
from agents.ocr.text import assemble, kept_mask
from bench import ocr_held12
from bench.ocr_accuracy import lost_lines
from bench.ocr_corpus import case
from bench.ocr_held9 import SCANS_DIR
from bench.pages import clean, full_page
from schemas.events import COVERAGE_WARNING


def _measured(data: bytes, language: str) -> tuple[float, str]:
    gray = load_gray(data, "page", 10**8)
    ink = find_ink(np.asarray(gray), assess(gray).text_height)
    words = recognize(gray, language, psm=3, dpi=300, timeout_s=120, label="page")
    kept = kept_mask(words, 70.0, language, doubtful=False)  # what coverage counts as read
    boxes = word_boxes(ink, words, IDENTITY)[np.asarray(kept)]
    coverage = measure(ink, boxes, dropped_lines(ink, words, kept, IDENTITY))
    assert coverage is not None
    return coverage.percent, assemble(words, kept_mask(words, 70.0, language))[0]


def test_rows_of_noise_specks_are_no_lost_lines() -> None:
    # Photocopier noise over a page: the mottle at its top forms rows of specks of glyph
    # size that no word reads. Counted as text lines they put this page, read whole, at
    # coverage 0 (session 9's held-aside split, noise family).
    page = case(("s9-test", "pg24884-271", "noise"))
    percent, text = _measured(page.data, page.language)
    assert lost_lines(page.lines, text) == 0
    assert percent >= 80


@pytest.mark.skipif(not SCANS_DIR.exists(), reason="no HTR-United/tapuscorpus checkout")
def test_a_word_reads_the_ink_of_its_row_that_a_wide_gap_split_off() -> None:
    # 'Covice-Rogateur,' on a typescript is two runs of ink (the typewriter's hyphen leaves a
    # gap wider than a word gap); Tesseract read it as one sure word, but only the run with
    # more ink counted as read, and the other, a 'line' no word read, put the page at 0.
    page = case(("s9-test", "real-tapus-cfed70a7", "real-scan"))
    gray = load_gray(page.data, "page", 10**8)
    ink = find_ink(np.asarray(gray), assess(gray).text_height)
    words = recognize(gray, "fra", psm=3, dpi=300, timeout_s=120, label="page")
    word = next(w for w in words if w.text.startswith("Covice"))
    box = word_boxes(ink, [word], IDENTITY)
    centre_x = (ink.boxes[:, 0] + ink.boxes[:, 2]) / 2
    centre_y = (ink.boxes[:, 1] + ink.boxes[:, 3]) / 2
    inside = ((centre_x >= box[0, 0]) & (centre_x <= box[0, 2])
              & (centre_y >= box[0, 1]) & (centre_y <= box[0, 3]))
    assert len(np.unique(ink.lines[inside])) >= 2  # the split the test is about
    assert _read(ink, box)[inside].all()


@pytest.mark.skipif(not ocr_held12.CORPORA[0].directory.exists(), reason="no NuBIS checkout")
def test_a_short_last_line_tesseract_doubts_is_a_lost_word_not_a_lost_line() -> None:
    # A French book page (session 12's held-aside split, now seen) ends a paragraph on one
    # word, "l'ethnographe.", which Tesseract reads right but doubts (26-59). Unkept, its run
    # of ink counted as a lost text line and put the page, which lost no line, at coverage 0:
    # the user was warned that text was lost.
    page = case(("s12-test", "real-nubis-cc83d1ba", "real-scan"))
    result = extract(page.data, None, "page.png", OcrConfig(language=page.language))
    assert lost_lines(page.lines, result.text) == 0
    assert result.coverage is not None and result.coverage >= COVERAGE_WARNING


def test_the_glyph_height_is_the_letters_not_the_specks_of_a_speckled_page() -> None:
    # Speckle over a page read whole (0.1 % CER): most glyph-sized components are specks,
    # and their median height (6 reference px against the letters' 23) was taken for the
    # glyph's, so every letter was too tall to count as ink; what was left, specks and a
    # few small letters, put the page at coverage 57.7 and warned the user of lost text.
    page = case(("s12-test", "pg14881-352", "noise"))
    result = extract(page.data, None, "page.png", OcrConfig(language=page.language))
    assert lost_lines(page.lines, result.text) == 0
    assert result.coverage is not None and result.coverage >= COVERAGE_WARNING


@pytest.mark.parametrize("spec", [("s12-test", "pg14881-352", "noise"),
                                  ("s12-test", "pg14881-352", "clean")])
def test_the_faster_labelling_finds_the_same_ink_as_opencvs_default(
        spec: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # coverage.LABELLING is a pure speed-up: every glyph box, area and line, in the same
    # order, as the default labelling gives (a speckled page: thousands of components).
    import cv2

    from agents.ocr import coverage

    gray = load_gray(case(spec).data, "page.png", 10**9)
    pixels, height = np.asarray(gray), assess(gray).text_height
    fast = find_ink(pixels, height)
    monkeypatch.setattr(coverage, "LABELLING", cv2.CCL_DEFAULT)
    default = find_ink(pixels, height)
    assert len(fast.boxes) > 100
    for mine, theirs in ((fast.boxes, default.boxes), (fast.areas, default.areas),
                         (fast.lines, default.lines)):
        assert np.array_equal(mine, theirs)
    assert fast.glyph == default.glyph


def _dense_read(ink: Ink, boxes: np.ndarray) -> np.ndarray:
    """What ``_read`` means, spelled out on a glyphs × boxes table (its code before session
    15, which built that table on every call)."""
    cx = (ink.boxes[:, 0] + ink.boxes[:, 2]) / 2
    cy = (ink.boxes[:, 1] + ink.boxes[:, 3]) / 2
    inside = ((cx[:, None] >= boxes[None, :, 0]) & (cx[:, None] <= boxes[None, :, 2])
              & (cy[:, None] >= boxes[None, :, 1]) & (cy[:, None] <= boxes[None, :, 3]))
    labels = np.unique(ink.lines)
    per_line = np.array([(inside[ink.lines == label] * ink.areas[ink.lines == label, None])
                         .sum(axis=0) for label in labels])
    owner = labels[per_line.argmax(axis=0)]
    mine = inside & ((ink.lines[:, None] == owner[None, :]) | (ink.lines[:, None] == 0))
    top = np.where(mine, ink.boxes[:, 1, None], np.inf).min(axis=0)
    bottom = np.where(mine, ink.boxes[:, 3, None], -np.inf).max(axis=0)
    row = (cy[:, None] >= top[None, :]) & (cy[:, None] <= bottom[None, :])
    return np.asarray((inside & (mine | row)).any(axis=1))


def test_glyphs_read_by_word_boxes_are_those_of_the_table_definition() -> None:
    # Random glyphs on a few lines and word boxes over them, some with an edge exactly on a
    # glyph's centre: _read looks only at glyphs in a box's height range, and must read
    # what the whole table reads (ties between lines go to the lowest label).
    rng = np.random.default_rng(15)
    for trial in range(300):
        n, m = int(rng.integers(1, 200)), int(rng.integers(1, 40))
        x0, y0 = rng.integers(0, 200, (2, n)).astype(float)
        glyphs = np.stack([x0, y0, x0 + rng.integers(1, 15, n), y0 + rng.integers(1, 15, n)], 1)
        ink = Ink(IDENTITY, glyphs, rng.integers(5, 50, n).astype(float),
                  rng.integers(0, n // 10 + 2, n).astype(np.int32), 10.0)
        left, top = rng.uniform(-5, 200, (2, m))
        boxes = np.stack([left, top, left + rng.uniform(0, 60, m), top + rng.uniform(0, 30, m)],
                         1)
        if trial % 2:
            at = rng.integers(0, n, m)
            boxes[:, 0], boxes[:, 1] = (glyphs[at, 0] + glyphs[at, 2]) / 2, glyphs[at, 1] + 3
        assert _read(ink, boxes).tolist() == _dense_read(ink, boxes).tolist()


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every read of a candidate by Tesseract (the seam page.recognize; still real)."""
    from agents.ocr import page

    reads: list[int] = []
    real = page.recognize

    def counted(*args: Any, **kwargs: Any) -> list[Word]:
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(page, "recognize", counted)
    return reads


def test_a_clean_scan_is_read_once_whole_on_the_fast_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The shared Tesseract test page: read as it is, once, every word of its text, and the
    # coverage measure finds all of its ink read.
    reads = _counting_reads(monkeypatch)
    result = extract((SHARED / "phototest.tif").read_bytes(), None, "phototest.tif")
    assert result.text.split() == (SHARED / "phototest.txt").read_text().split()
    assert len(reads) == 1 and result.steps == ()
    assert result.coverage is not None and result.coverage >= GOOD_COVERAGE


@pytest.fixture(scope="module")
def full_scan() -> tuple[np.ndarray, float, list[Word]]:
    """A clean full page at 300 dpi (what bench/ocr_throughput.py reads), its text height and
    Tesseract's words on it."""
    gray = load_gray(clean(full_page(0)), "page.png", 10**9)
    height = assess(gray).text_height
    assert height is not None
    return np.asarray(gray), height, recognize(gray, "eng", psm=3, dpi=300, timeout_s=120,
                                               label="page")


def test_a_full_page_s_ink_is_found_on_a_whole_reduction_and_measures_as_the_page_does(
        full_scan: tuple[np.ndarray, float, list[Word]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The ink is found on the page reduced 2x (box means, an even number each way), not 1.5x:
    # the coverage of every word, and of the words without their middle line, is what the
    # ink found on the page at full resolution says, within a point; the lost line is lost.
    from agents.ocr import coverage

    pixels, height, words = full_scan
    small, factor = coverage.ink_copy(pixels, height)
    assert factor == 2 and small.shape == (pixels.shape[0] // 4 * 2, pixels.shape[1] // 4 * 2)
    reduced = find_ink(pixels, height)
    monkeypatch.setattr(coverage, "MIN_GLYPH_PX", 10**6)  # no reduction: the page itself
    whole = find_ink(pixels, height)
    assert coverage.ink_copy(pixels, height)[1] == 1
    lines = sorted({(w.block, w.paragraph, w.line) for w in words})
    lost_one = [w for w in words if (w.block, w.paragraph, w.line) != lines[len(lines) // 2]]
    for kept in (words, lost_one):
        on_copy = measure(reduced, word_boxes(reduced, kept, IDENTITY))
        on_page = measure(whole, word_boxes(whole, kept, IDENTITY))
        assert on_copy is not None and on_page is not None
        assert abs(on_copy.percent - on_page.percent) <= 1.0, (on_copy, on_page)
        assert on_copy.lines == on_page.lines >= 30  # the ~45 lines of prose, headings aside
        assert on_copy.lines_lost == on_page.lines_lost == (kept is lost_one)
        assert (on_copy.percent >= GOOD_COVERAGE) == (kept is words)
        assert (on_copy.percent < 80) == (kept is lost_one)


def test_a_scan_is_told_from_a_photo_on_the_ink_copy_and_a_photo_s_sheet_is_unchanged(
        full_scan: tuple[np.ndarray, float, list[Word]]) -> None:
    # find_page rules out a sheet on the copy the ink is found on (a scan is paper to its
    # edges) and finds a photo's sheet on the upload, so its corners are those it always had.
    pixels, height, _ = full_scan
    assert find_page(pixels, ink_copy(pixels, height)) is None
    photo = case(("dev", "es-steam_engine", "phone-photo"))
    gray = load_gray(photo.data, "photo.jpg", 10**9)
    pixels = np.asarray(gray)
    copy = ink_copy(pixels, assess(gray).text_height)
    sheet, on_copy = find_page(pixels), find_page(pixels, copy)
    assert copy[1] > 1 and sheet is not None and on_copy is not None
    assert np.array_equal(on_copy, sheet)
