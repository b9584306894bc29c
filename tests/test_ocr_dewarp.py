"""Wavy text lines (a folded or curled page) are straightened column by column, and the words
read on the straightened page are measured where they lie on the upload."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from agents.ocr import OcrConfig, extract
from agents.ocr.dewarp import WAVE_GLYPHS, shifts, unwarp_words, waviness
from agents.ocr.tesseract import Word
from bench.ocr_accuracy import line_cer, raw_tesseract
from bench.pages import TEXTS, render_page

GLYPH = 20.0  # median glyph height of render_page's 10 pt text at 300 dpi, about


def _waved(amplitude: float, period: float) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A page whose columns are moved down by ``amplitude`` * sin (what augraphy's Folding does
    to a page, smoothly): the page, the applied shift per column, and its true lines."""
    text = TEXTS["history"] + "\n\n" + TEXTS["computing"]
    page = np.asarray(render_page(text, width_in=6.0))
    h, w = page.shape
    wave = (amplitude * np.sin(2 * np.pi * np.arange(w) / period)).astype(np.float32)
    map_x = np.ascontiguousarray(np.broadcast_to(np.arange(w, dtype=np.float32), (h, w)))
    map_y = np.arange(h, dtype=np.float32)[:, None] - wave[None, :]
    waved = cv2.remap(page, map_x, np.ascontiguousarray(map_y), cv2.INTER_LINEAR,
                      borderValue=255)
    lines = [line for para in text.split("\n\n") for line in _wrapped(para)]
    return waved, wave, lines


def _wrapped(paragraph: str) -> list[str]:
    import textwrap

    from PIL import ImageFont

    from bench.pages import font_path

    font = ImageFont.truetype(font_path("Serif"), round(10.0 * 300 / 72))
    average = font.getlength("abcdefghijklmnopqrstuvwxyz ") / 27
    return textwrap.wrap(" ".join(paragraph.split()), int((6.0 * 300 - 2 * 240) / average))


def _png(gray: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(gray).save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def test_the_shifts_of_a_wavy_page_are_found() -> None:
    waved, wave, _ = _waved(amplitude=25.0, period=900.0)
    found = shifts(waved, GLYPH)
    text = slice(260, waved.shape[1] - 260)  # the margins carry their neighbours' shift
    # Shifts are relative to the inkiest strip: compare after removing the mean.
    error = (found[text] - found[text].mean()) - (wave[text] - wave[text].mean())
    # Within a tenth of a glyph on the whole, under 0.6 glyph everywhere (where a line
    # ends inside a strip the profile shifts a little).
    assert np.abs(error).mean() < 0.1 * GLYPH, np.abs(error).mean()
    assert np.abs(error).max() < 0.6 * GLYPH, np.abs(error).max()
    assert waviness(found) > WAVE_GLYPHS * GLYPH


def test_a_straight_page_does_not_wave() -> None:
    page = np.asarray(render_page(TEXTS["biology"], width_in=6.0))
    assert waviness(shifts(page, GLYPH)) < WAVE_GLYPHS * GLYPH


def test_words_go_back_where_they_lay() -> None:
    field = np.full(100, 7.0, dtype=np.float32)
    field[50:] = -3.0
    words = [Word("left", 90.0, 1, 1, 1, left=10, top=40, width=20, height=10),
             Word("right", 90.0, 1, 1, 1, left=70, top=40, width=20, height=10)]
    assert [w.top for w in unwarp_words(words, field)] == [47, 37]


@pytest.mark.parametrize("period", [700.0, 1000.0])
def test_a_folded_page_is_read_straightened(period: float) -> None:
    # Before the wave candidate the page went to Tesseract as it is: lines a glyph high
    # waves are cut into pieces and joined to their neighbours.
    waved, _, lines = _waved(amplitude=22.0, period=period)
    data = _png(waved)
    raw = line_cer(tuple(lines), raw_tesseract(data, "eng"))
    result = extract(data, None, "waved.png", OcrConfig())
    ours = line_cer(tuple(lines), result.text)
    assert "1:dewarp" in result.steps, (result.steps, raw, ours)
    assert ours < 0.02 and ours <= raw, (raw, ours)
    assert result.pages[0].coverage is not None and result.pages[0].coverage >= 90.0
