"""Find the sheet of paper in a photo: the largest bright four-cornered region that is clearly
smaller than the frame (a scan is all paper and has none)."""

from __future__ import annotations

import cv2
import numpy as np

DETECT_SIDE = 640  # the outline of a page needs no more pixels than this
MIN_AREA, MAX_AREA = 0.2, 0.93  # share of the frame a photographed page covers
DARKER_AROUND = 0.75  # what surrounds the sheet is at most this bright relative to it
# A scan is paper to its edges: its brightest region covers 0.996-0.997 of the frame (the
# clean full pages of bench/ocr_throughput.py, phototest.tif), where a photographed sheet
# covers at most MAX_AREA. Found on a copy made from the ink's reduced copy, a region over
# ALL_PAPER is one over MAX_AREA on the upload's own: on the seen OCR pages (s9-s14 tests,
# dev, fresh-dev: 424 pages), 206 of the 351 with a reduced copy showed one over 0.97 there
# and every one over 0.970 on the upload's copy; the 89 with a sheet measured 0.82 at most.
ALL_PAPER = 0.97


def find_page(gray: np.ndarray, copy: tuple[np.ndarray, int] | None = None) -> np.ndarray | None:
    """Corners of the page (4×2, clockwise from top-left, upload coordinates), or None.
    ``copy``: ``gray`` reduced by a whole factor (coverage.ink_copy), when the caller has it:
    a scan is told from a photo on it (ALL_PAPER) for ~1 ms of reducing it to DETECT_SIDE,
    where the upload's copy costs ~9 ms a full page; a photo's sheet is found on the upload's
    copy as ever, so its corners are the same."""
    if copy is not None and copy[1] > 1:
        outline, small, _ = _outline(copy[0])
        if outline is not None and cv2.contourArea(outline) > ALL_PAPER * small.size:
            return None
    outline, small, blurred = _outline(gray)
    if outline is None:
        return None
    h, w = gray.shape
    factor = min(DETECT_SIDE / max(h, w), 1.0)
    area = cv2.contourArea(outline) / (small.shape[0] * small.shape[1])
    if not MIN_AREA <= area <= MAX_AREA:
        return None
    hull = cv2.convexHull(outline)
    quad = cv2.approxPolyDP(hull, 0.03 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    if len(quad) != 4:
        # Curled or partly shaded corners: the smallest rotated rectangle around the paper.
        quad = cv2.boxPoints(cv2.minAreaRect(hull))
    # What lies around a photographed sheet is clearly darker than the sheet (a table, a
    # lap); specks along a photocopy's edge are not a background.
    inside = np.zeros(small.shape, dtype=np.uint8)
    cv2.fillConvexPoly(inside, quad.round().astype(np.int32), 1)
    paper_level = float(np.median(blurred[inside == 1]))
    around = blurred[inside == 0]
    if around.size == 0 or float(np.median(around)) > DARKER_AROUND * paper_level:
        return None
    return _clockwise(quad.astype(np.float64) / factor)


def _outline(gray: np.ndarray) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """The outline of the largest bright region of ``gray`` reduced to DETECT_SIDE (None if
    there is none), that copy and the copy blurred."""
    h, w = gray.shape
    factor = DETECT_SIDE / max(h, w)
    small = cv2.resize(gray, (max(1, round(w * factor)), max(1, round(h * factor))),
                       interpolation=cv2.INTER_AREA) if factor < 1 else gray
    blurred = cv2.GaussianBlur(small, (0, 0), 2.0)
    # The paper is brighter than what it lies on, even where the light falls off: threshold
    # locally (a window a third of the frame), then close the gaps the text leaves.
    window = (max(small.shape) // 3) | 1
    paper = cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY,
                                  window, -5)
    _, global_paper = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.bitwise_or(paper, global_paper)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, kernel)
    paper = cv2.morphologyEx(paper, cv2.MORPH_OPEN, kernel)
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None, small, blurred
    return max(contours, key=cv2.contourArea), small, blurred


def _clockwise(quad: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    total, diff = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    return np.array([quad[np.argmin(total)], quad[np.argmin(diff)], quad[np.argmax(total)],
                     quad[np.argmax(diff)]])
