"""Geometric steps that also say where every pixel went.

Each step returns the new image and the 3×3 matrix taking coordinates of its input to
coordinates of its output; a candidate preparation multiplies them, so the words Tesseract reads
on a prepared page can be mapped back onto the upload (agents/ocr/coverage.py measures how much
of the upload's text they cover, whatever the preparation did to it).
"""

from __future__ import annotations

import cv2
import numpy as np

IDENTITY = np.eye(3)


def rotate(gray: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """Counter-clockwise by ``degrees`` about the centre, enlarged so no corner is cut; new
    corners are paper (the median of the border, not white, so a grey photo stays grey)."""
    h, w = gray.shape
    affine = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(affine[0, 0]), abs(affine[0, 1])
    new_w, new_h = int(np.ceil(h * sin + w * cos)), int(np.ceil(h * cos + w * sin))
    affine[0, 2] += new_w / 2 - w / 2
    affine[1, 2] += new_h / 2 - h / 2
    out = cv2.warpAffine(gray, affine, (new_w, new_h), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=_paper(gray))
    return out, np.vstack([affine, [0.0, 0.0, 1.0]])


def scale(gray: np.ndarray, factor: float) -> tuple[np.ndarray, np.ndarray]:
    h, w = gray.shape
    size = (round(w * factor), round(h * factor))
    out = cv2.resize(gray, size, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    return out, np.diag([size[0] / w, size[1] / h, 1.0])


def pad(gray: np.ndarray, pixels: int, value: int = 255) -> tuple[np.ndarray, np.ndarray]:
    out = cv2.copyMakeBorder(gray, pixels, pixels, pixels, pixels, cv2.BORDER_CONSTANT,
                             value=value)
    return out, np.array([[1.0, 0.0, pixels], [0.0, 1.0, pixels], [0.0, 0.0, 1.0]])


def unwarp(gray: np.ndarray, quad: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """The quadrilateral ``quad`` (corners clockwise from top-left) seen head-on, as a
    rectangle whose sides are the quad's mean side lengths, plus ``margin`` (a share of the
    longer side) of what lay around it, so text at the paper's edge is never cut."""
    top, right, bottom, left = (np.linalg.norm(quad[i] - quad[(i + 1) % 4]) for i in range(4))
    width, height = (top + bottom) / 2, (left + right) / 2
    border = margin * max(width, height)
    target = np.array([[border, border], [border + width, border],
                       [border + width, border + height], [border, border + height]],
                      dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    size = (round(width + 2 * border), round(height + 2 * border))
    out = cv2.warpPerspective(gray, matrix, size, flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
    return out, matrix


def apply(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    """``points`` (N×2) through the projective ``matrix``."""
    homogeneous = np.hstack([points, np.ones((len(points), 1))]) @ matrix.T
    return homogeneous[:, :2] / homogeneous[:, 2:3]


def _paper(gray: np.ndarray) -> int:
    edge = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    return int(np.median(edge))
