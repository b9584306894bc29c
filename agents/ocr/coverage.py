"""How much of a page's text a reading produced: the confidence that tells the truth.

Tesseract's word confidences only describe the words it returned; a page that lost its left
margin or three dark lines still averages 95 over what is left. So the page's text is found
independently of Tesseract, as ink that looks like glyphs (connected components of glyph size
on a copy whose light was flattened), and a reading is measured by how much of that ink lies
inside the boxes of the words it kept, mapped back onto the upload through the preparation's
matrix (agents/ocr/geometry.py).

``coverage`` is the smaller of two shares, in percent:
- the share of all glyph ink inside kept words (lost text anywhere);
- the share read on the worst-read text line, counted only when whole lines went unread,
  so a page that lost one line of twenty cannot report 95. A line is lost two ways: its ink
  lies in no kept word that reads it (a text line of about ten characters or more,
  LINE_SPAN, whose glyphs stand on one baseline, ``_on_baseline``: a row of specks is no
  line; a word reads the row of the line most of its ink lies on, ``_read``), or Tesseract
  read it as a line on glyph ink and the text keeps under half of its characters
  (``dropped_lines``: the line was seen but came out as junk, so the ink it covers was not
  read).
A run of ink that Tesseract read whole as fewer than LINE_CHARS characters (``_a_word``: a
heading "LAKANAI.", the last word of a paragraph "l'ethnographe." read at 48) is a word,
not a line, by the same count ``dropped_lines`` uses: left unkept it costs its share of the
ink, not the page's coverage (four real scans of session 12's held-aside split read at 0.9-9 %
CER and lost no line, yet were put at 0 and warned).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from scipy.stats import theilslopes

from agents.ocr import geometry
from agents.ocr.tesseract import Word

# The ink is found on a copy of the page reduced by a whole factor (``ink_copy``): the largest
# that brings the longer side to MAX_SIDE or under and keeps the page's glyphs MIN_GLYPH_PX
# high, enough to tell a glyph from a speck; the copy only has to show where the text is, not
# its letters. A whole factor is OpenCV's INTER_AREA at its exact path (plain box means): on a
# clean full page (2550 x 2874, glyphs 21 px) the copy at 2x cost ~3 ms where the 1.5x one
# that kept glyphs 14 px high (session 18) cost ~11, and the steps after it read 0.44 of the
# pixels. REFERENCE_GLYPH_PX is the glyph height assumed when the page's is not known.
REFERENCE_GLYPH_PX = 14
MIN_GLYPH_PX = 8
MAX_SIDE = 1800
# Connected components by Grana's block-based labelling (BBDT): the same components, labelled
# in the same order as OpenCV's default (Spaghetti) on every page of the seen OCR splits, in
# about half its CPU time on a full page (6.9 against 15.4 ms at 1916 x 1700 px).
LABELLING = cv2.CCL_GRANA
LINE_READ = 0.5  # a text line with less than half its ink inside words counts as unread
# A run of ink is a text line when it spans LINE_SPAN glyph heights or more, in at least
# LINE_PIECES components: about ten characters, short of the 15 the bench judges a line by.
# Counted in components alone (12 before), a line whose glyphs ink bleed or blur had merged
# into a few word blobs was no line, and losing it left coverage at 98.6 (DEV phototest
# with ink bleed); a word beside a drop cap spans under six.
LINE_SPAN = 6.0
LINE_PIECES = 3
LOCAL_CONTRAST = 12  # grey levels ink lies below the mean of its neighbourhood
LINE_CHARS = 15  # characters of a Tesseract line that make its loss a lost line
# An unread run of ink is a text line only when this share of its components have their
# bottom within BASELINE_TOLERANCE glyph heights of one straight line (_on_baseline). Text
# lines on session 9's held-aside real scans measured 0.64-1.00 (most over 0.85), rows of
# noise specks 0.09-0.50.
ON_BASELINE = 0.6
BASELINE_TOLERANCE = 0.2
# A run is read as a word when words Tesseract read hold this share of its ink, and their
# characters could fill it: at most MAX_PITCH glyph heights a character (letter-spaced
# capitals measure 1.9 on the NuBIS scans), so a whole line read as one blot of junk ("~~~")
# stays a lost line.
WORD_HOLDS = 0.8
MAX_PITCH = 2.5
# A run of ink Tesseract read whole in words it is this sure of on average (characters
# weighted), kept or not, was read in doubt, not lost: its ink counts unread, the page's
# coverage is not put at zero by it. A short line of names or old spellings on a page set in
# narrow columns or verse is a whole line of doubt ("Bergedor- Aktienfesellschaft" at 87-91 on
# a French gazette, "Hegando ¡unto á lastiendas," at 40-78 on a chapbook: s13-test, whose
# five Argus pages and three chapbook pages lost no line yet measured 0); a line lost under
# noise reads as junk far less sure ("y ,SU-ÍOPas. traian muerto," at 0-53).
DOUBTFUL = 50.0


@dataclass(frozen=True)
class Ink:
    """Glyph-like components of a page, in a reference copy ``to_reference`` away."""

    to_reference: np.ndarray  # 3×3, upload coordinates → reference coordinates
    boxes: np.ndarray  # N×4 float: x0, y0, x1, y1
    areas: np.ndarray  # N ink pixels each
    lines: np.ndarray  # N text-line labels (0 = a component on no line)
    glyph: float  # median glyph height in reference pixels

    @property
    def empty(self) -> bool:
        return len(self.areas) == 0

    def within(self, quad: np.ndarray) -> tuple[Ink, float]:
        """The ink inside ``quad`` (upload coordinates, e.g. the sheet of paper in a photo),
        and the share of text-line ink that lies outside it: more than a little means the
        quad is not the page (a shadow's edge, half a spread) and must not be trusted."""
        if self.empty:
            return self, 0.0
        corners = geometry.apply(self.to_reference, quad).round().astype(np.int32)
        shape = (int(self.boxes[:, 3].max()) + 2, int(self.boxes[:, 2].max()) + 2)
        inside_mask = np.zeros(shape, dtype=np.uint8)
        cv2.fillConvexPoly(inside_mask, corners, 1)
        cx = ((self.boxes[:, 0] + self.boxes[:, 2]) // 2).astype(np.int32)
        cy = ((self.boxes[:, 1] + self.boxes[:, 3]) // 2).astype(np.int32)
        inside = inside_mask[cy, cx].astype(bool)
        # Text lines, not the grain of a table top: a dozen glyphs or more spanning twenty
        # glyph heights.
        count = np.bincount(self.lines)
        left = np.full(len(count), np.inf)
        right = np.zeros(len(count))
        np.minimum.at(left, self.lines, self.boxes[:, 0])
        np.maximum.at(right, self.lines, self.boxes[:, 2])
        textual = (count >= 12) & (right - left >= 20 * self.glyph)
        textual[0] = False
        on_line = textual[self.lines]
        line_ink = float(self.areas[on_line].sum())
        outside = float(self.areas[on_line & ~inside].sum()) / line_ink if line_ink else 0.0
        kept = Ink(self.to_reference, self.boxes[inside], self.areas[inside],
                   self.lines[inside], self.glyph)
        return kept, outside


def text_ink(page: Ink, dark: Ink, read: np.ndarray) -> Ink:
    """The components of ``page`` that are text by other evidence: those over ``dark`` ink
    (found on a copy of the same pixels) and those on a text line the word boxes ``read``
    (reference coordinates) read."""
    if page.empty:
        return page
    cx = ((page.boxes[:, 0] + page.boxes[:, 2]) // 2).astype(np.int32)
    cy = ((page.boxes[:, 1] + page.boxes[:, 3]) // 2).astype(np.int32)
    painted = np.zeros((int(cy.max()) + 1, int(cx.max()) + 1), dtype=np.uint8)
    for x0, y0, x1, y1 in dark.boxes.astype(np.int32):
        painted[y0 : y1 + 1, x0 : x1 + 1] = 1
    over = painted[cy, cx].astype(bool)
    hit = _read(page, read)
    per_line = np.bincount(page.lines, weights=page.areas)
    share = np.bincount(page.lines, weights=page.areas * hit, minlength=len(per_line))
    read_lines = (share >= LINE_READ * per_line) & (np.arange(len(per_line)) > 0)
    keep = over | read_lines[page.lines]
    return Ink(page.to_reference, page.boxes[keep], page.areas[keep], page.lines[keep],
               page.glyph)


def ink_copy(gray: np.ndarray, text_height: float | None) -> tuple[np.ndarray, int]:
    """The copy of ``gray`` the ink is found on and the whole factor it is reduced by (see
    MIN_GLYPH_PX): box means of factor × factor pixels, an even number of them each way, the
    rows and columns past the last pair of boxes left out (under 2 × factor of them, on the
    bottom and right edges, where ink touching the border is no glyph anyway). Grana's
    labelling reads 2 × 2 blocks: on a copy with an odd side it cost twice as much (8.5
    against 4.4 ms, 1437 x 1275 against 1436 x 1274). Also what ``photo.find_page`` reduces
    further."""
    h, w = gray.shape
    factor = max(1, math.ceil(max(h, w) / MAX_SIDE))
    if text_height:
        factor = max(1, min(factor, int(text_height // MIN_GLYPH_PX)))
    rows, cols = h - h % (2 * factor), w - w % (2 * factor)
    if not rows or not cols:  # a sliver of a page
        return gray, 1
    if factor == 1:
        return gray[:rows, :cols], 1
    small = cv2.resize(gray[:rows, :cols], (cols // factor, rows // factor),
                       interpolation=cv2.INTER_AREA)
    return small, factor


def find_ink(gray: np.ndarray, text_height: float | None,
             copy: tuple[np.ndarray, int] | None = None) -> Ink:
    """Glyph ink of ``gray`` (uint8); ``copy``: its ``ink_copy``, when the caller has it."""
    small, factor = copy if copy is not None else ink_copy(gray, text_height)
    to_reference = np.diag([1.0 / factor, 1.0 / factor, 1.0])
    glyph = (text_height or REFERENCE_GLYPH_PX * factor) / factor
    mask = _ink_mask(small, glyph)
    _, _, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(
        mask, 8, cv2.CV_32S, LABELLING)
    x, y, bw, bh, area = (stats[1:, i] for i in range(5))
    sh, sw = small.shape
    touching = (x == 0) | (y == 0) | (x + bw >= sw) | (y + bh >= sh)
    candidates = (bh >= 3) & (area >= 5) & ~touching
    # The glyph height is measured on the ink, within a factor of two of the page's text
    # height when that is known: on a speckled page most components are specks, and their
    # median (6 reference px against 23 for the page's letters) made every letter too tall to
    # be ink, so a page read at 0.1 % CER measured 57.7.
    sized = candidates & (bh < sh / 8)
    if text_height:
        sized &= (bh >= 0.5 * glyph) & (bh <= 2.0 * glyph)
    if candidates.sum() >= 10 and sized.any():
        glyph = float(np.median(bh[sized]))
    keep = (
        candidates
        & (bh >= 0.4 * glyph) & (bh <= 3.0 * glyph)
        & (bw <= 25 * glyph)
        & (area >= 0.08 * bw * bh)
    )
    boxes = np.stack([x, y, x + bw, y + bh], axis=1)[keep].astype(np.float64)
    areas = area[keep].astype(np.float64)
    return Ink(to_reference, boxes, areas, _lines(boxes, small.shape, glyph), glyph)


def _ink_mask(small: np.ndarray, glyph: float) -> np.ndarray:
    """1 on ink, 0 elsewhere (uint8, what the labelling reads)."""
    # Paper brightness from a max filter a few glyphs wide (it removes the ink), smoothed; the
    # page divided by it is evenly lit, so one Otsu threshold separates ink from paper.
    size = int(max(9, 2.5 * glyph)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    paper = cv2.blur(cv2.dilate(small, kernel), (size, size))
    flat = cv2.divide(small, cv2.max(paper, 1), scale=255)  # type: ignore[call-overload]
    flat = cv2.GaussianBlur(flat, (0, 0), 0.7)
    threshold, _ = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Otsu on a page that is almost all paper can split paper texture; ink is clearly darker.
    # Ink is also darker than what lies around it: a shadow band narrower than the max filter
    # is dark after the division too, and would swallow the glyphs inside it as one blob.
    block = int(max(7, 2.0 * glyph)) | 1
    local = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                  block, LOCAL_CONTRAST)
    # flat < cut, for whole grey levels: at most the whole level below it. OpenCV's ops keep
    # the mask in uint8 (numpy's comparison, its bool and its conversion cost ~2 ms a page).
    cut = min(threshold, 215)
    _, dark = cv2.threshold(flat, math.ceil(cut) - 1, 1, cv2.THRESH_BINARY_INV)
    return cv2.bitwise_and(dark, local)


def _lines(boxes: np.ndarray, shape: tuple[int, int], glyph: float) -> np.ndarray:
    """Label each component with its text line: boxes smeared sideways by a word gap join the
    glyphs of one line and not those of the next."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int32)
    # The middle half of every box: the x-height band a line's glyphs share, whether they
    # rise (l, d) or descend (p, g), and which the next line's glyphs do not reach.
    canvas = np.zeros(shape, dtype=np.uint8)
    corners = boxes.astype(np.int32)
    quarter = (corners[:, 3] - corners[:, 1]) // 4
    # Plain ints: slicing with numpy scalars cost half the loop's time (session 15).
    for x0, y0, x1, y1 in zip(corners[:, 0].tolist(), (corners[:, 1] + quarter).tolist(),
                              corners[:, 2].tolist(), (corners[:, 3] - quarter + 1).tolist(),
                              strict=True):
        canvas[y0:y1, x0:x1] = 1
    gap = int(max(3, 1.5 * glyph))
    joined = cv2.dilate(canvas, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    _, labels = cv2.connectedComponentsWithAlgorithm(joined, 8, cv2.CV_32S, LABELLING)
    cy = ((boxes[:, 1] + boxes[:, 3]) // 2).astype(np.int32)
    cx = ((boxes[:, 0] + boxes[:, 2]) // 2).astype(np.int32)
    return labels[cy, cx].astype(np.int32)


@dataclass(frozen=True)
class Coverage:
    ink_read: float  # share of glyph ink inside kept words, 0..1
    worst_line: float  # read share of the worst-read text line, 0..1
    lines_lost: int  # text lines under LINE_READ
    lines: int

    @property
    def percent(self) -> float:
        """The page's coverage, 0..100 (see the module docstring)."""
        share = self.ink_read if self.lines_lost == 0 else min(self.ink_read, self.worst_line)
        return round(100.0 * share, 1)


def word_boxes(ink: Ink, words: Sequence[Word], to_image: np.ndarray) -> np.ndarray:
    """Boxes (x0, y0, x1, y1) of ``words`` in the ink's reference coordinates, padded by a
    third of a glyph; the words were read on an image ``to_image`` away from the upload."""
    if not words:
        return np.zeros((0, 4))
    corners = np.array(
        [[(w.left, w.top), (w.left + w.width, w.top), (w.left + w.width, w.top + w.height),
          (w.left, w.top + w.height)] for w in words], dtype=np.float64
    ).reshape(-1, 2)
    back = ink.to_reference @ np.linalg.inv(to_image)
    mapped = geometry.apply(back, corners).reshape(-1, 4, 2)
    pad = 0.3 * ink.glyph
    return np.stack([mapped[:, :, 0].min(axis=1) - pad, mapped[:, :, 1].min(axis=1) - pad,
                     mapped[:, :, 0].max(axis=1) + pad, mapped[:, :, 1].max(axis=1) + pad],
                    axis=1)


def _pairs(ink: Ink, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (glyph, box) whose glyph centre lies in the box, as two index arrays, glyphs by
    ascending centre height within each box. A box spans a line or two of a page's thousands
    of glyphs: the glyphs are sorted by centre height once and each box looks only at those
    in its height range, where a components × boxes table (1 M cells on a clean full page)
    cost ~3 ms a call, three calls a candidate (session 15 profile)."""
    cx = (ink.boxes[:, 0] + ink.boxes[:, 2]) / 2
    cy = (ink.boxes[:, 1] + ink.boxes[:, 3]) / 2
    order = np.argsort(cy, kind="stable")
    ordered = cy[order]
    low = np.searchsorted(ordered, boxes[:, 1], side="left")  # first centre >= top
    high = np.searchsorted(ordered, boxes[:, 3], side="right")  # first centre > bottom
    counts = np.maximum(high - low, 0)
    box = np.repeat(np.arange(len(boxes)), counts)
    starts = np.repeat(low - (np.cumsum(counts) - counts), counts)
    glyph = order[starts + np.arange(len(box))]
    within = (cx[glyph] >= boxes[box, 0]) & (cx[glyph] <= boxes[box, 2])
    return glyph[within], box[within]


def _read(ink: Ink, boxes: np.ndarray) -> np.ndarray:
    """Per glyph component: whether a word box reads it. A word reads one text line, the one
    with the most of its ink inside the box: a junk word whose box spans two lines (a line
    read as noise over the next) does not read the line it merely overlaps."""
    read = np.zeros(len(ink.areas), dtype=bool)
    if not len(boxes):
        return read
    glyph, box = _pairs(ink, boxes)
    if not len(glyph):
        return read
    # Ink per (box, line): the owner of a box is its line with the most ink inside it, the
    # lowest label on a tie. Areas are pixel counts, so the sums are exact in any order.
    labels = ink.lines[glyph].astype(np.int64)
    span = int(ink.lines.max()) + 1
    keys, where = np.unique(box * span + labels, return_inverse=True)
    ink_in = np.bincount(where.ravel(), weights=ink.areas[glyph])
    key_box, key_line = keys // span, keys % span
    best = np.lexsort((key_line, -ink_in, key_box))
    first = np.ones(len(best), dtype=bool)
    first[1:] = key_box[best][1:] != key_box[best][:-1]
    owner = np.zeros(len(boxes), dtype=np.int64)
    owner[key_box[best][first]] = key_line[best][first]
    mine = (labels == owner[box]) | (labels == 0)
    # The owner's row inside the box: a word's glyphs that a wider gap split off its line
    # ("Covice-Rogateur," is two runs of ink) lie on the same row, and the word reads them;
    # a line above or below it does not reach that row.
    top = np.full(len(boxes), np.inf)
    bottom = np.full(len(boxes), -np.inf)
    np.minimum.at(top, box[mine], ink.boxes[glyph[mine], 1])
    np.maximum.at(bottom, box[mine], ink.boxes[glyph[mine], 3])
    cy = (ink.boxes[glyph, 1] + ink.boxes[glyph, 3]) / 2
    row = (cy >= top[box]) & (cy <= bottom[box])
    read[glyph[mine | row]] = True
    return read


def on_ink(ink: Ink, boxes: np.ndarray) -> np.ndarray:
    """Per word box: whether it holds any glyph ink (a word read from a table top, a stain or
    a fold holds none)."""
    if ink.empty or len(boxes) == 0:
        return np.ones(len(boxes), dtype=bool)
    held = np.zeros(len(boxes), dtype=bool)
    held[_pairs(ink, boxes)[1]] = True
    return held


def dropped_lines(ink: Ink, words: Sequence[Word], kept: Sequence[bool],
                  to_image: np.ndarray, grounded: np.ndarray | None = None) -> list[float]:
    """Kept share of the characters of every Tesseract line of LINE_CHARS or more on glyph
    ink whose kept share is under LINE_READ (words read on an image ``to_image`` away);
    ``grounded``: the words' ``on_ink``, when the caller has it."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(words):
        lines.setdefault((word.block, word.paragraph, word.line), []).append(index)
    if not lines or ink.empty:
        return []
    if grounded is None:
        grounded = on_ink(ink, word_boxes(ink, words, to_image))
    shares = []
    for members in lines.values():
        total = sum(len(words[i].text) for i in members if grounded[i])
        if total < LINE_CHARS:
            continue
        share = sum(len(words[i].text) for i in members if grounded[i] and kept[i]) / total
        if share < LINE_READ:
            shares.append(share)
    return shares


def _on_baseline(ink: Ink, members: np.ndarray) -> bool:
    """Whether most of a run's components stand on one straight baseline, as the letters of
    a line of text do (descenders and punctuation aside, whatever the tilt). Specks of
    photocopier noise and the mottle of a dark margin that happen to form a row do not: on
    session 9's held-aside split such rows read as lost lines and put pages read whole
    (332 of 332 words) at coverage 0. Only rows no word read are asked."""
    boxes = ink.boxes[members]
    centre = (boxes[:, 0] + boxes[:, 2]) / 2
    slope, intercept, _, _ = theilslopes(boxes[:, 3], centre)
    off = np.abs(boxes[:, 3] - (slope * centre + intercept))
    return bool((off <= BASELINE_TOLERANCE * ink.glyph).mean() >= ON_BASELINE)


def _a_word(ink: Ink, members: np.ndarray,
            said: tuple[np.ndarray, np.ndarray, np.ndarray]) -> bool:
    """Whether Tesseract read the run of ink ``members`` whole, in characters that span it
    (``said``: the boxes of every word it read, kept or not, their lengths and confidences):
    as under LINE_CHARS characters (a word), or in words it is DOUBTFUL-sure of or surer."""
    boxes, chars, confidences = said
    if not len(boxes):
        return False
    run = ink.boxes[members]
    areas = ink.areas[members]
    cx = (run[:, 0] + run[:, 2]) / 2
    cy = (run[:, 1] + run[:, 3]) / 2
    inside = ((cx[:, None] >= boxes[None, :, 0]) & (cx[:, None] <= boxes[None, :, 2])
              & (cy[:, None] >= boxes[None, :, 1]) & (cy[:, None] <= boxes[None, :, 3]))
    if areas[inside.any(axis=1)].sum() < WORD_HOLDS * areas.sum():
        return False
    holding = inside.any(axis=0)
    count = int(chars[holding].sum())
    span = float(run[:, 2].max() - run[:, 0].min())
    if count * MAX_PITCH * ink.glyph < span:
        return False
    sure = float((chars[holding] * confidences[holding]).sum()) / max(count, 1)
    return count < LINE_CHARS or sure >= DOUBTFUL


def said_by(boxes: np.ndarray,
            words: Sequence[Word]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What ``measure`` asks of a reading to tell a word or a line read in doubt from a lost
    line: the ``boxes`` of all its ``words`` (``word_boxes``), their lengths in characters and
    their confidences."""
    return (boxes, np.array([len(w.text.strip()) for w in words], dtype=np.int64),
            np.array([w.confidence for w in words], dtype=np.float64))


def measure(ink: Ink, boxes: np.ndarray, dropped: Sequence[float] = (),
            said: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> Coverage | None:
    """Coverage of the kept words' ``boxes`` (reference coordinates, ``word_boxes``), with the
    ``dropped_lines`` of the reading and what it ``said`` (``said_by``: every word, kept or
    not, to tell an unread word from an unread line); None when the page shows no glyph ink
    to measure against."""
    if ink.empty:
        return None
    read = _read(ink, boxes)
    total = float(ink.areas.sum())
    ink_read = float(ink.areas[read].sum()) / total
    per_line_total = np.bincount(ink.lines, weights=ink.areas)
    per_line_read = np.bincount(ink.lines, weights=ink.areas * read, minlength=len(per_line_total))
    glyphs = np.bincount(ink.lines)
    left = np.full(len(glyphs), np.inf)
    right = np.zeros(len(glyphs))
    np.minimum.at(left, ink.lines, ink.boxes[:, 0])
    np.maximum.at(right, ink.lines, ink.boxes[:, 2])
    # A text line (not a speck, a rule or a word): LINE_SPAN and LINE_PIECES.
    real = ((glyphs >= LINE_PIECES) & (right - left >= LINE_SPAN * ink.glyph)
            & (np.arange(len(glyphs)) > 0))
    unread = real & (per_line_read < LINE_READ * per_line_total)
    for label in np.flatnonzero(unread):
        members = ink.lines == label
        real[label] = _on_baseline(ink, members) and not (
            said is not None and _a_word(ink, members, said))
    shares = per_line_read[real] / np.maximum(per_line_total[real], 1)
    shares = np.concatenate([shares, np.asarray(dropped, dtype=np.float64)])
    if not len(shares):
        return Coverage(ink_read, ink_read, 0, 0)
    return Coverage(ink_read, float(shares.min()), int((shares < LINE_READ).sum()),
                    int(real.sum()))
