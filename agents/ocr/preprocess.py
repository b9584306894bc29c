"""Clean a page image for Tesseract, doing only what the quality checks say it needs.

Each step is a small function from image to image. ``prepare`` measures the page once
(``quality.assess``), runs the steps that page needs in a fixed order and records what it ran
and what each step cost, so the accuracy and throughput benches can show both.

Order matters: denoise at the native resolution (that is where sensor and JPEG noise live),
rotate before enlarging (cheaper), flatten the light before stretching contrast, and threshold
last, on a page whose paper is already one grey.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter, ImageOps
from scipy import ndimage

from agents.ocr.config import PreprocessConfig
from agents.ocr.quality import Quality, assess, otsu_threshold

# Thresholds on the quality measurements, tuned on bench/ocr_accuracy.py's degraded pages.
MIN_SKEW_DEG = 0.4  # Tesseract's line finder copes with less; rotating costs ~60 ms
UPSCALE_BELOW = 0.7  # enlarge when glyphs are under 70 % of the target height
UNEVEN_ABOVE = 0.12  # paper brightness varies by more than 12 % of the contrast
LOW_CONTRAST_BELOW = 150.0  # paper and ink closer than this in grey levels
NOISE_ABOVE = 6.0  # sigma in grey levels; clean scans measure 0-2
BORDER_PX = 24


@dataclass
class Prepared:
    image: Image.Image
    quality: Quality
    scale: float = 1.0  # how much the page was enlarged
    steps: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def run(self, name: str, step: object, *args: object) -> None:
        started = time.perf_counter()
        self.image = step(self.image, *args)  # type: ignore[operator]
        self.timings[name] = time.perf_counter() - started
        self.steps.append(name)


def prepare(gray: Image.Image, config: PreprocessConfig, max_pixels: int) -> Prepared:
    started = time.perf_counter()
    quality = assess(gray)
    page = Prepared(gray, quality, timings={"assess": time.perf_counter() - started})
    flattened = False
    if config.denoise and quality.noise > NOISE_ABOVE:
        page.run("denoise", denoise)
    if config.deskew and abs(quality.skew_deg) >= MIN_SKEW_DEG:
        page.run("deskew", rotate, quality.skew_deg)
    factor = _upscale_factor(quality, config, page.image.size, max_pixels)
    if factor > 1.0:
        page.scale = factor
        page.run("upscale", upscale, factor)
    if config.normalize_background and quality.unevenness > UNEVEN_ABOVE:
        page.run("background", normalize_background)
        flattened = True
    if config.contrast and (flattened or quality.contrast < LOW_CONTRAST_BELOW):
        page.run("contrast", stretch_contrast)
    # Tesseract thresholds globally itself; our own Otsu only adds something on pages whose
    # light we flattened or whose noise we filtered.
    if config.binarize and (flattened or "denoise" in page.steps):
        page.run("binarize", binarize)
    if config.border and quality.near_edge:
        page.run("border", add_border)
    return page


def _upscale_factor(
    quality: Quality, config: PreprocessConfig, size: tuple[int, int], max_pixels: int
) -> float:
    if not config.upscale or quality.text_height is None:
        return 1.0
    if quality.text_height >= config.target_text_px * UPSCALE_BELOW:
        return 1.0
    factor = min(config.max_upscale, config.target_text_px / quality.text_height)
    # Never enlarge past the pixel limit we enforce on inputs.
    factor = min(factor, (max_pixels / (size[0] * size[1])) ** 0.5)
    return factor if factor > 1.1 else 1.0


def denoise(image: Image.Image) -> Image.Image:
    return image.filter(ImageFilter.MedianFilter(3))


def rotate(image: Image.Image, skew_deg: float) -> Image.Image:
    # The measured skew is the slope of the lines in image coordinates (y down), so rotating by
    # it counter-clockwise levels them; fill with white so the new corners are paper.
    return image.rotate(skew_deg, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


def upscale(image: Image.Image, factor: float) -> Image.Image:
    width, height = image.size
    size = (round(width * factor), round(height * factor))
    return image.resize(size, Image.Resampling.BICUBIC)


def normalize_background(image: Image.Image) -> Image.Image:
    """Divide by an estimate of the paper's brightness so uneven light becomes flat white."""
    width, height = image.size
    factor = max(1, round(max(width, height) / 400))
    small = np.asarray(image.reduce(factor) if factor > 1 else image, dtype=np.float32)
    # The brightest pixel in a window a few glyphs wide is paper; smoothing removes the blocks.
    window = max(3, round(min(small.shape) / 12))
    paper = ndimage.grey_dilation(small, size=(window, window))
    paper = ndimage.uniform_filter(paper, size=window)
    paper_full = Image.fromarray(np.clip(paper, 1, 255).astype(np.uint8)).resize(
        (width, height), Image.Resampling.BILINEAR
    )
    ratio = np.asarray(image, dtype=np.float32) / np.asarray(paper_full, dtype=np.float32)
    return Image.fromarray(np.clip(ratio * 255.0, 0, 255).astype(np.uint8))


def stretch_contrast(image: Image.Image) -> Image.Image:
    return ImageOps.autocontrast(image, cutoff=(0.5, 2))


def binarize(image: Image.Image) -> Image.Image:
    threshold = otsu_threshold(np.asarray(image.histogram()))
    return image.point(lambda v: 255 if v > threshold else 0)


def add_border(image: Image.Image) -> Image.Image:
    return ImageOps.expand(image, border=BORDER_PX, fill=255)
