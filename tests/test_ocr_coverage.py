"""Coverage (agents/ocr/coverage.py) on pages read with real Tesseract: rows of specks and
pieces of a read line are no lost text lines; a lost line still is (test_ocr_robustness)."""

from __future__ import annotations

import numpy as np
import pytest

from agents.ocr import OcrConfig, extract
from agents.ocr.coverage import _read, dropped_lines, find_ink, measure, word_boxes
from agents.ocr.geometry import IDENTITY
from agents.ocr.images import load_gray
from agents.ocr.quality import assess
from agents.ocr.tesseract import recognize
from agents.ocr.text import assemble, kept_mask
from bench import ocr_held12
from bench.ocr_accuracy import lost_lines
from bench.ocr_corpus import case
from bench.ocr_held9 import SCANS_DIR
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
