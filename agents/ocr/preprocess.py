"""Candidate preparations of a page for Tesseract, each one a different bet on what is wrong.

``candidates`` yields them cheapest first; agents/ocr/page.py reads them and keeps the one
Tesseract reads best by its own evidence, so a step that hurts a page cannot make it worse than
the upload read as it is (``raw``, always the first candidate of a degraded page):

- ``raw``     the upload as it is (a white border if ink touches the edge);
- ``light``   denoise, deskew, enlarge small text, flatten uneven light: what the quality
              checks say the page needs, greys kept (Tesseract thresholds it itself);
- ``wave``    the light preparation with its text lines straightened column by column
              (agents/ocr/dewarp.py), when they wave beyond a straight tilt (folds, curls);
- ``sharp``   the light preparation with an unsharp mask a tenth of a glyph wide (soft focus:
              Tesseract read a blurred scan's lines in pieces and lost a quarter of it);
- ``binary``  the light preparation, light always flattened by background estimation, then
              Sauvola's adaptive threshold (dark, blurred or stained pages);
- ``photo``   when a sheet of paper is found on a background: its perspective undone (with a
              margin of what lay around it, so nothing at the paper's edge is cut), then as
              ``binary``;
- ``ink``     on a noisy page, only the darkest ink kept (a worn photocopier's specks,
              streaks and paper texture are grey, printed text is near black): pixels
              under half the lower of two multi-level Otsu thresholds (scikit-image),
              median-filtered, then deskewed and enlarged as ``light``;
- ``speck``   on a noisy page, the ink candidate with its specks removed: connected
              components too small to be part of a glyph (``despeckle``), the tilt and glyph
              height measured again on what is left (measured on the noisy page, specks
              pass for glyphs: a page of 26-px glyphs under blotchy noise measured 9 px and
              was enlarged and turned by the noise).

Every geometric step records its matrix (agents/ocr/geometry.py), so the words of any
candidate map back onto the upload. Nothing ever crops: rotation enlarges the canvas, and the
photo candidate keeps a margin around the paper.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
from PIL import Image
from skimage.filters import threshold_multiotsu

from agents.ocr import dewarp, geometry
from agents.ocr.config import PreprocessConfig
from agents.ocr.quality import Quality, assess

# Thresholds on the quality measurements.
MIN_SKEW_DEG = 0.4  # Tesseract's line finder copes with less; rotating costs ~60 ms
UPSCALE_BELOW = 0.7  # enlarge when glyphs are under 70 % of the target height
UNEVEN_ABOVE = 0.12  # paper brightness varies by more than 12 % of the contrast
LOW_CONTRAST_BELOW = 150.0  # paper and ink closer than this in grey levels
NOISE_ABOVE = 6.0  # sigma in grey levels; clean scans measure 0-2
NOISY_MAX_UPSCALE = 1.5
UPSCALE_MAX_PIXELS = 16_000_000  # Tesseract's time grows with pixels; a 75-dpi letter x4 is 8.4 M
BORDER_PX = 24
PHOTO_MARGIN = 0.03  # of the page's longer side, kept around a detected sheet
# The ink candidate's cut, as a share of the lower multi-Otsu threshold (ink | clutter | paper).
# On DEV noise pages text pixels have a median grey of ~10 and the darkest 1 % of the clutter
# ~65-75; the lower threshold falls at 77-92, so half of it keeps text and drops clutter.
INK_CUT = 0.5
# A speck is a component of the darkest ink whose area is under this share of the squared
# typical glyph height (the area-weighted median component height: most of a page's dark ink
# is glyphs even where most components are specks). Thin glyphs (i, l, 1) of a clean page
# measure 0.13-0.2 of it; periods and i-dots are lost, which costs less than the specks.
SPECK_AREA = 0.1


@dataclass
class Prepared:
    name: str
    image: Image.Image
    quality: Quality  # of the page this preparation started from
    matrix: np.ndarray = field(default_factory=lambda: geometry.IDENTITY.copy())  # upload → image
    scale: float = 1.0  # how much the text was enlarged
    steps: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    region: np.ndarray | None = None  # the sheet of paper found in a photo, upload coordinates
    declared_dpi: int = 0  # the resolution the upload's file states; 0 when it states none
    # Per column of ``image``, how far its text was moved up (agents/ocr/dewarp.py): words read
    # on it are moved back by it before ``matrix`` takes them to the upload.
    warp: np.ndarray | None = None
    # ``image`` as the 8-bit array it was made from (shared, not copied): Tesseract is handed
    # these pixels, where reading them back out of the image would copy the page (~2 ms).
    pixels: np.ndarray | None = None


class _Builder:
    """One preparation in progress: a grey array, its matrix, the steps run and their cost."""

    def __init__(self, name: str, gray: np.ndarray, quality: Quality) -> None:
        self.name, self.gray, self.quality = name, gray, quality
        self.matrix = geometry.IDENTITY.copy()
        self.scale = 1.0
        self.steps: list[str] = []
        self.timings: dict[str, float] = {}
        self.region: np.ndarray | None = None

    def run(self, name: str, step: object, *args: object) -> None:
        started = time.perf_counter()
        self.gray = step(self.gray, *args)  # type: ignore[operator]
        self.timings[name] = time.perf_counter() - started
        self.steps.append(name)

    def move(self, name: str, step: object, *args: object) -> None:
        """A geometric step: it returns the image and its matrix."""
        started = time.perf_counter()
        self.gray, matrix = step(self.gray, *args)  # type: ignore[operator]
        self.matrix = matrix @ self.matrix
        self.timings[name] = time.perf_counter() - started
        self.steps.append(name)

    def done(self, declared_dpi: int = 0) -> Prepared:
        return Prepared(self.name, Image.fromarray(self.gray), self.quality, self.matrix,
                        self.scale, self.steps, self.timings, self.region, declared_dpi,
                        pixels=self.gray)


def needs_work(quality: Quality, config: PreprocessConfig, size: tuple[int, int],
               max_pixels: int) -> bool:
    """Whether the quality checks find anything to do; a clean page has one candidate."""
    return bool(
        (config.denoise and quality.noise > NOISE_ABOVE)
        or (config.deskew and abs(quality.skew_deg) >= MIN_SKEW_DEG)
        or _upscale_factor(quality, config, size, max_pixels) > 1.0
        or (config.normalize_background and quality.unevenness > UNEVEN_ABOVE)
        or (config.contrast and quality.contrast < LOW_CONTRAST_BELOW)
    )


def prepare(gray: Image.Image, config: PreprocessConfig, max_pixels: int,
            quality: Quality | None = None) -> Prepared:
    """The ``light`` preparation: only the steps the quality checks ask for."""
    started = time.perf_counter()
    quality = quality or assess(gray)
    page = _Builder("light", np.asarray(gray), quality)
    page.timings["assess"] = time.perf_counter() - started
    _light(page, config, max_pixels, flatten=False)
    return page.done()


def candidates(gray: Image.Image, quality: Quality, config: PreprocessConfig,
               max_pixels: int, quad: np.ndarray | None = None,
               pixels: np.ndarray | None = None) -> Iterator[Prepared]:
    """The preparations of a page, cheapest first (see the module docstring); ``quad`` is the
    sheet of paper the caller found (agents/ocr/photo.py) and checked holds all the text;
    ``pixels``: ``gray`` as an array, when the caller has it (a full page's copy is ~2 ms)."""
    pixels = np.asarray(gray) if pixels is None else pixels
    raw = _Builder("raw", pixels, quality)
    if config.border and quality.near_edge:
        raw.move("border", geometry.pad, BORDER_PX, geometry._paper(pixels))
    dpi = gray.info.get("dpi")
    yield raw.done(round(float(dpi[0])) if dpi and dpi[0] else 0)
    light = prepare(gray, config, max_pixels, quality)
    yield light
    if config.dewarp:
        wave = _wave(light)
        if wave is not None:
            yield wave
    # The ink candidate is for a noisy page only (the noise check's finding, as every other
    # step answers one): on DEV it won only on photocopier noise, and on pages without noise
    # the grey it drops is text (DEV: a lit page lost a line, a lit magazine page 68 lines,
    # folds 2-8 CER points). It comes right after the light one: under a loaded machine the
    # page's time limit can end the loop before the last candidates (DEV scan-8071 with
    # photocopier noise fell back to a reading 16 CER points worse than raw when it came last).
    noisy = config.denoise and quality.noise > NOISE_ABOVE
    if noisy:
        # The speck candidate after the ink one, which reads most noisy pages whole: removed,
        # the periods and i-dots are CER an ink reading does not lose (s10-test: a page the
        # ink candidate read at 0.0 % read at 3.0 % through the speck one, tried first).
        yield _ink(pixels, quality, config, max_pixels)
        yield _speck(pixels, quality, config, max_pixels)
    if config.sharpen:
        page = _Builder("sharp", pixels, quality)
        _light(page, config, max_pixels, flatten=False)
        page.run("unsharp", unsharp, (quality.text_height or 20.0) * page.scale)
        yield page.done()
    if config.binarize:
        page = _Builder("binary", pixels, quality)
        _light(page, config, max_pixels, flatten=True)
        page.run("sauvola", sauvola, page.quality.text_height and
                 page.quality.text_height * page.scale)
        yield page.done()
    if config.photo and quad is not None:
        started = time.perf_counter()
        page = _Builder("photo", pixels, quality)
        page.region = quad
        page.move("unwarp", geometry.unwarp, quad, PHOTO_MARGIN)
        page.timings["unwarp"] = time.perf_counter() - started
        # The sheet seen head-on: measure its tilt and light again, but keep the glyph height
        # of the whole upload (a crop of a noisy photo measures specks).
        again = assess(Image.fromarray(page.gray))
        scale_x = float(np.linalg.norm(page.matrix[:2, :2], axis=0).mean())
        height = quality.text_height and quality.text_height * scale_x
        page.quality = replace(again, text_height=height)
        _light(page, config, max_pixels, flatten=True)
        page.run("sauvola", sauvola, page.quality.text_height and
                 page.quality.text_height * page.scale)
        yield page.done()


def _wave(light: Prepared) -> Prepared | None:
    """The light preparation straightened, if its lines wave (dewarp.WAVE_GLYPHS)."""
    started = time.perf_counter()
    pixels = np.asarray(light.image)
    glyph = (light.quality.text_height or 20.0) * light.scale
    field = dewarp.shifts(pixels, glyph)
    if dewarp.waviness(field) < dewarp.WAVE_GLYPHS * glyph:
        return None
    straight = dewarp.straighten(pixels, field)
    return replace(light, name="wave", image=Image.fromarray(straight), pixels=straight,
                   steps=[*light.steps, "dewarp"],
                   timings={"dewarp": time.perf_counter() - started}, warp=field)


def _ink(pixels: np.ndarray, quality: Quality, config: PreprocessConfig,
         max_pixels: int) -> Prepared:
    page = _Builder("ink", pixels, quality)
    page.run("darkest", darkest_ink)
    _light(page, config, max_pixels, flatten=False, clean=True)
    return page.done()


def _speck(pixels: np.ndarray, quality: Quality, config: PreprocessConfig,
           max_pixels: int) -> Prepared:
    page = _Builder("speck", pixels, quality)
    page.run("darkest", darkest_ink)
    page.run("despeckle", despeckle)
    started = time.perf_counter()
    page.quality = assess(Image.fromarray(page.gray))
    page.timings["assess"] = time.perf_counter() - started
    _light(page, config, max_pixels, flatten=False, clean=True)
    return page.done()


def despeckle(ink: np.ndarray) -> np.ndarray:
    """``ink`` (black on white) without the components too small to be glyphs (SPECK_AREA)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - ink, connectivity=8)
    if count < 2:
        return ink
    area, height = stats[1:, cv2.CC_STAT_AREA], stats[1:, cv2.CC_STAT_HEIGHT]
    order = np.argsort(height)
    weight = np.cumsum(area[order])
    typical = float(height[order][np.searchsorted(weight, weight[-1] / 2)])
    drop = np.concatenate(([True], area < SPECK_AREA * typical * typical))
    return np.where(drop[labels], 255, 0).astype(np.uint8)


def darkest_ink(gray: np.ndarray) -> np.ndarray:
    """Black where the page is as dark as its darkest class (INK_CUT), white elsewhere, with
    specks a pixel wide removed."""
    step = max(1, round(max(gray.shape) / 1000))
    hist = np.bincount(gray[::step, ::step].ravel(), minlength=256)
    if np.count_nonzero(hist) < 3:
        return gray
    low = threshold_multiotsu(hist=hist, classes=3)[0]
    return cv2.medianBlur(np.where(gray <= INK_CUT * low, 0, 255).astype(np.uint8), 3)


def _light(page: _Builder, config: PreprocessConfig, max_pixels: int, *, flatten: bool,
           clean: bool = False) -> None:
    # Order matters: denoise at the native resolution (where sensor and JPEG noise live),
    # rotate before enlarging (cheaper), flatten the light before stretching contrast.
    # ``clean``: the image is already two-tone, only the geometric steps apply.
    quality = page.quality
    if clean:
        _geometry(page, config, max_pixels)
        return
    if config.denoise and quality.noise > NOISE_ABOVE:
        page.run("denoise", denoise, quality.noise)
    _geometry(page, config, max_pixels, border=False)
    uneven = config.normalize_background and quality.unevenness > UNEVEN_ABOVE
    if uneven or flatten:
        height = (quality.text_height or 20.0) * page.scale
        page.run("background", normalize_background, height)
    if config.contrast and (uneven or flatten or quality.contrast < LOW_CONTRAST_BELOW):
        page.run("contrast", stretch_contrast)
    if config.border and quality.near_edge:
        page.move("border", geometry.pad, BORDER_PX, 255)


def _geometry(page: _Builder, config: PreprocessConfig, max_pixels: int,
              border: bool = True) -> None:
    quality = page.quality
    if config.deskew and abs(quality.skew_deg) >= MIN_SKEW_DEG:
        page.move("deskew", geometry.rotate, quality.skew_deg)
    factor = _upscale_factor(quality, config, page.gray.shape[::-1], max_pixels)
    if "denoise" in page.steps or "darkest" in page.steps:
        # On a noisy page small measured glyphs are as likely broken glyphs or specks; a big
        # enlargement of noise only makes Tesseract slow (measured: 140 s for a half page).
        factor = min(factor, NOISY_MAX_UPSCALE) if factor > 1.0 else factor
    if factor > 1.0:
        page.scale = factor
        page.move("upscale", geometry.scale, factor)
    if border and config.border and quality.near_edge:
        page.move("border", geometry.pad, BORDER_PX, 255)


def _upscale_factor(
    quality: Quality, config: PreprocessConfig, size: tuple[int, int], max_pixels: int
) -> float:
    if not config.upscale or quality.text_height is None:
        return 1.0
    if quality.text_height >= config.target_text_px * UPSCALE_BELOW:
        return 1.0
    factor = min(config.max_upscale, config.target_text_px / quality.text_height)
    # Never enlarge past the pixel limit we enforce on inputs.
    factor = min(factor, (min(max_pixels, UPSCALE_MAX_PIXELS) / (size[0] * size[1])) ** 0.5)
    return factor if factor > 1.1 else 1.0


def denoise(gray: np.ndarray, sigma: float) -> np.ndarray:
    # A median removes speckle without moving edges; strong sensor noise also needs smoothing,
    # which a light Gaussian gives at a fraction of non-local means' cost.
    out = cv2.medianBlur(gray, 3)
    if sigma > 15:
        out = cv2.GaussianBlur(out, (0, 0), 0.8)
    return out


def unsharp(gray: np.ndarray, text_height: float) -> np.ndarray:
    """Twice the page minus its blur (sigma a tenth of a glyph, 2 px at 300 dpi): edges a soft
    lens spread out are steep again."""
    soft = cv2.GaussianBlur(gray, (0, 0), max(0.8, text_height / 10))
    return cv2.addWeighted(gray, 2.0, soft, -1.0, 0)


def normalize_background(gray: np.ndarray, text_height: float) -> np.ndarray:
    """Divide by an estimate of the paper's brightness (a max filter wider than a glyph,
    smoothed, on a reduced copy) so uneven light and shadows become flat white."""
    h, w = gray.shape
    factor = max(1, round(text_height / 6))
    small = cv2.resize(gray, (max(1, w // factor), max(1, h // factor)),
                       interpolation=cv2.INTER_AREA)
    size = int(max(5, 3 * text_height / factor)) | 1
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    paper = cv2.GaussianBlur(paper, (0, 0), size / 2)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


def stretch_contrast(gray: np.ndarray) -> np.ndarray:
    # The 0.5th percentile becomes black and the 98th white: a few dark specks or a bright
    # glare do not set the range.
    low, high = np.percentile(gray[:: 4, :: 4], (0.5, 98))
    if high - low < 1:
        return gray
    levels = (np.arange(256, dtype=np.float32) - low) * (255.0 / (high - low))
    return cv2.LUT(gray, np.clip(levels, 0, 255).astype(np.uint8))


def sauvola(gray: np.ndarray, text_height: float | None) -> np.ndarray:
    """Sauvola's local threshold (scikit-image's formula, k 0.2, R 128) over a window about
    two glyphs wide; the local mean and deviation come from OpenCV box filters, which take
    0.1 s on a page where skimage.filters.threshold_sauvola takes seconds."""
    window = int(max(15, 2.5 * (text_height or 20.0))) | 1
    image = gray.astype(np.float32)
    mean = cv2.boxFilter(image, cv2.CV_32F, (window, window), borderType=cv2.BORDER_REFLECT)
    square = cv2.boxFilter(image * image, cv2.CV_32F, (window, window),
                           borderType=cv2.BORDER_REFLECT)
    deviation = np.sqrt(np.maximum(square - mean * mean, 0))
    threshold = mean * (1 + 0.2 * (deviation / 128.0 - 1))
    return np.where(image > threshold, 255, 0).astype(np.uint8)


def add_border(image: Image.Image) -> Image.Image:
    return Image.fromarray(geometry.pad(np.asarray(image), BORDER_PX)[0])
