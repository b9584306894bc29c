"""Cheap measurements that decide which cleaning steps a page needs.

Everything except the noise estimate runs on a copy reduced to about 1000 px, so assessing a
clean 300-dpi page costs a few milliseconds; the point is that a clean scan goes to Tesseract
untouched and pays almost nothing for the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image
from scipy import ndimage

ASSESS_SIDE = 1000  # longest side of the reduced copy the checks run on
_NOISE_CROP = 384  # side of the full-resolution crops the noise estimate reads


@dataclass(frozen=True)
class Quality:
    background: float  # grey level of the paper
    ink: float  # grey level of the text
    unevenness: float  # spread of paper brightness across the page, as a share of the contrast
    text_height: float | None  # median glyph height in full-resolution pixels
    skew_deg: float  # tilt of the text lines; rotate by -skew to straighten
    sideways: bool  # columns of ink look more like text lines than rows do (turned 90°)
    noise: float  # grey-level noise sigma, full resolution
    near_edge: bool  # ink within a few pixels of the border

    @property
    def contrast(self) -> float:
        return self.background - self.ink


def otsu_threshold(hist: np.ndarray) -> int:
    """Grey level that best separates a 256-bin histogram into two classes."""
    hist = hist.astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight0 = np.cumsum(hist)
    weight1 = weight0[-1] - weight0
    sum0 = np.cumsum(hist * levels)
    mean0 = sum0 / np.maximum(weight0, 1)
    mean1 = (sum0[-1] - sum0) / np.maximum(weight1, 1)
    between = weight0 * weight1 * (mean0 - mean1) ** 2
    return int(np.argmax(between))


def assess(gray: Image.Image) -> Quality:
    width, height = gray.size
    factor = max(1, round(max(width, height) / ASSESS_SIDE))
    small = gray.reduce(factor) if factor > 1 else gray
    pixels = np.asarray(small)
    uneven = _unevenness(pixels)
    hist = np.asarray(small.histogram())
    threshold = otsu_threshold(hist)
    background = _weighted_median(hist[threshold + 1 :], threshold + 1)
    ink = _weighted_median(hist[: threshold + 1], 0)
    if uneven > 0.1 * max(background - ink, 1.0):
        # Under uneven light a global threshold separates bright paper from dark paper, not ink
        # from paper; the ink mask for the other checks comes from a flattened copy instead.
        pixels = _flatten(small)
        threshold = otsu_threshold(np.bincount(pixels.ravel(), minlength=256))
    ink_mask = pixels <= threshold
    contrast = max(background - ink, 1.0)
    skew, sideways = _skew(ink_mask)
    return Quality(
        background=background,
        ink=ink,
        unevenness=uneven / contrast,
        text_height=_text_height(ink_mask, factor),
        skew_deg=skew,
        sideways=sideways,
        noise=_noise(gray),
        near_edge=_near_edge(ink_mask),
    )


def _flatten(small: Image.Image) -> np.ndarray:
    """``small`` divided by its paper brightness (a max filter on a 1/8 copy)."""
    factor = 8
    tiny = small.reduce(factor) if min(small.size) >= 8 * factor else small
    paper = ndimage.grey_dilation(np.asarray(tiny), size=(5, 5))
    paper_small = Image.fromarray(paper).resize(small.size, Image.Resampling.BILINEAR)
    ratio = np.asarray(small, dtype=np.float32) / np.maximum(np.asarray(paper_small), 1)
    return np.clip(ratio * 255.0, 0, 255).astype(np.uint8)


def _weighted_median(hist: np.ndarray, offset: int) -> float:
    total = hist.sum()
    if total == 0:
        return float(offset)
    return float(offset + np.searchsorted(np.cumsum(hist), total / 2))


def _unevenness(pixels: np.ndarray, grid: int = 6) -> float:
    # The bright end of each tile is its paper; a lit-from-one-side photo shows as a spread.
    h, w = pixels.shape
    th, tw = h // grid, w // grid
    if th < 4 or tw < 4:
        return 0.0
    tiles = pixels[: th * grid, : tw * grid].reshape(grid, th, grid, tw).swapaxes(1, 2)
    paper = np.percentile(tiles.reshape(grid * grid, -1), 90, axis=1)
    return float(np.percentile(paper, 95) - np.percentile(paper, 5))


def _text_height(ink_mask: np.ndarray, factor: int, side: int = 480) -> float | None:
    # Labelling the whole page costs ~8 ms; a central window of the inked area holds plenty of
    # glyphs for a median.
    rows, cols = np.nonzero(ink_mask.any(axis=1))[0], np.nonzero(ink_mask.any(axis=0))[0]
    if rows.size == 0:
        return None
    cy, cx = (rows[0] + rows[-1]) // 2, (cols[0] + cols[-1]) // 2
    top, left = max(0, cy - side // 2), max(0, cx - side // 2)
    window = ink_mask[top : top + side, left : left + side].astype(np.uint8)
    # 4-connected, as scipy.ndimage.label's default (the same components); OpenCV's labelling
    # gives their boxes at once, where find_objects' slices cost ~7 ms a page (session 15).
    count, _, stats, _ = cv2.connectedComponentsWithStats(window, connectivity=4)
    if count < 2:
        return None
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    # Specks are noise and huge components are rules, pictures or merged blobs.
    limit = ink_mask.shape[0] / 8
    glyphs = heights[(heights >= 2) & (heights < limit) & (widths < limit)]
    if glyphs.size < 10:
        return None
    return float(np.median(glyphs)) * factor


def _skew(ink_mask: np.ndarray) -> tuple[float, bool]:
    """Angle that makes the row profile of the ink sharpest (text lines), searched coarse to
    fine, and whether the column profile is sharper still (the page is sideways)."""
    ys, xs = np.nonzero(ink_mask)
    if ys.size < 200:
        return 0.0, False
    step = max(1, ys.size // 15_000)
    ys = ys[::step].astype(np.float64)
    xs = xs[::step].astype(np.float64)

    def sharpness(coord: np.ndarray, other: np.ndarray, degrees: float) -> float:
        projected = coord - other * np.tan(np.radians(degrees))
        counts = np.bincount((projected - projected.min()).astype(np.int64))
        return float(np.dot(counts, counts))

    coarse = np.arange(-15.0, 15.5, 1.0)
    best = max(coarse, key=lambda a: sharpness(ys, xs, a))
    fine = np.arange(best - 0.6, best + 0.65, 0.1)
    angle = float(max(fine, key=lambda a: sharpness(ys, xs, a)))
    rows = sharpness(ys, xs, angle)
    columns = max(sharpness(xs, ys, a) for a in (-angle - 1, -angle, -angle + 1))
    return round(angle, 2), columns > rows * 1.1


def _noise(gray: Image.Image) -> float:
    # Immerkaer's Laplacian estimate with a median instead of a mean, so text edges (a minority
    # of pixels) do not count as noise; read at full resolution where the noise lives.
    width, height = gray.size
    side = min(_NOISE_CROP, width, height)
    left, top = (width - side) // 2, (height - side) // 2
    crop = np.asarray(gray.crop((left, top, left + side, top + side)), dtype=np.float32)
    if side < 8:
        return 0.0
    lap = (
        crop[:-2, :-2] - 2 * crop[:-2, 1:-1] + crop[:-2, 2:]
        - 2 * crop[1:-1, :-2] + 4 * crop[1:-1, 1:-1] - 2 * crop[1:-1, 2:]
        + crop[2:, :-2] - 2 * crop[2:, 1:-1] + crop[2:, 2:]
    )  # fmt: skip
    return float(np.median(np.abs(lap)) * 1.4826 / 6.0)


def _near_edge(ink_mask: np.ndarray, margin: int = 3) -> bool:
    return bool(
        ink_mask[:margin].any()
        or ink_mask[-margin:].any()
        or ink_mask[:, :margin].any()
        or ink_mask[:, -margin:].any()
    )
