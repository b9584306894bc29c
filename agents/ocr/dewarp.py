"""Straighten text lines that wave up and down across a folded, curled or photographed page.

A fold or a curl moves each column of the page up or down by its own amount, so a text line
becomes a wave; Tesseract's line finder then cuts it into pieces or joins it to the next line
(fresh-dev of bench/ocr_accuracy.py: a folded French page read at 45 % CER, 1.0 % once
straightened). Deskew only removes a straight tilt.

The page is cut into narrow vertical strips (about a glyph wide). Each strip's row profile of
ink (text lines show as peaks a line pitch apart) is matched against the profiles of the strips
already aligned next to it, walking out both ways from the inkiest strip; the best lag is that
strip's vertical shift. The shifts are smoothed and applied with ``cv2.remap``. Matching each
strip against its aligned neighbours, not the first strip, follows a wave a whole line pitch
high without ever having to search further than half a glyph.

A shift field is not a matrix (agents/ocr/geometry.py), so words read on a straightened page
are moved back by the shift under them (``unwarp_words``) before they are compared or measured.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from agents.ocr.tesseract import Word

STRIP_GLYPHS = 1.2  # strip width in glyph heights: narrow enough to follow a steep fold
MAX_STEP_GLYPHS = 0.5  # the furthest one strip may sit from its aligned neighbours
NEIGHBOURS = 3  # aligned strips a new strip is matched against
MIN_INK = 0.2  # of the median strip's ink: emptier strips (margins, gaps) take their neighbour's
# A page needs straightening when its lines wave by this much beyond a straight tilt (which
# deskew handles); a clean scan measures 0-2 px at 27 px glyphs.
WAVE_GLYPHS = 0.35


def shifts(gray: np.ndarray, glyph: float) -> np.ndarray:
    """Vertical shift of the text at every column of ``gray`` (pixels; text in a column with
    shift s lies s pixels lower than in the inkiest strip)."""
    h, w = gray.shape
    block = int(max(7, 2 * glyph)) | 1
    ink = cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                block, 12).astype(np.float32)
    strip = max(6, int(STRIP_GLYPHS * glyph))
    count = w // strip
    if count < 3 or h < 4 * glyph:
        return np.zeros(w, dtype=np.float32)
    columns = ink[:, : count * strip].reshape(h, count, strip)
    mass = columns.sum(axis=(0, 2))
    profiles = cv2.GaussianBlur(columns.sum(axis=2), (1, 0), sigmaX=0.01, sigmaY=glyph / 3)
    filled = mass[mass > 0]
    if not filled.size:
        return np.zeros(w, dtype=np.float32)
    has = mass > MIN_INK * float(np.median(filled))
    start = int(np.argmax(np.convolve(mass, np.ones(5), "same")))
    reach = max(2, int(MAX_STEP_GLYPHS * glyph))
    found = np.zeros(count)
    for step in (1, -1):
        aligned = [profiles[:, start]]
        last = start
        for index in range(start + step, count if step > 0 else -1, step):
            if not has[index]:
                found[index] = found[last]
                continue
            before = round(found[last])
            base = np.mean(aligned[-NEIGHBOURS:], axis=0)
            found[index] = before + _lag(base, np.roll(profiles[:, index], -before), reach)
            aligned.append(np.roll(profiles[:, index], -round(found[index])))
            last = index
    if not has.any():
        return np.zeros(w, dtype=np.float32)
    centres = (np.arange(count) + 0.5) * strip
    field = np.interp(np.arange(w), centres[has], found[has]).astype(np.float32)
    return cv2.GaussianBlur(field[None, :], (0, 0), sigmaX=strip / 2).ravel()


def _lag(base: np.ndarray, profile: np.ndarray, reach: int) -> int:
    """The lag l (|l| <= reach) at which ``profile`` shifted up by l best matches ``base``."""
    a = base[reach : len(base) - reach] - base.mean()
    b = profile - profile.mean()
    scores = np.correlate(b, a, mode="valid")  # scores[k] pairs a with b[k : k + len(a)]
    return int(np.argmax(scores)) - reach


def waviness(field: np.ndarray) -> float:
    """How far the shift field strays from a straight line (a tilt), in pixels: the spread of
    its residual after a least-squares line, 5th to 95th percentile."""
    if field.size < 2:
        return 0.0
    x = np.arange(field.size, dtype=np.float64)
    slope, intercept = np.polyfit(x, field.astype(np.float64), 1)
    residual = field - (slope * x + intercept)
    low, high = np.percentile(residual, (5, 95))
    return float(high - low)


def straighten(gray: np.ndarray, field: np.ndarray) -> np.ndarray:
    """``gray`` with every column moved up by its shift (paper fills what comes in)."""
    h, w = gray.shape
    map_x = np.broadcast_to(np.arange(w, dtype=np.float32), (h, w))
    map_y = np.arange(h, dtype=np.float32)[:, None] + field[None, :].astype(np.float32)
    return cv2.remap(gray, np.ascontiguousarray(map_x), np.ascontiguousarray(map_y),
                     cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def unwarp_words(words: list[Word], field: np.ndarray) -> list[Word]:
    """Words read on a straightened page, moved back to where they lie on the page before."""
    if not words:
        return words
    last = field.size - 1
    return [replace(w, top=round(w.top + float(
        field[min(last, max(0, w.left + w.width // 2))]))) for w in words]
