"""Degraded pages nobody on this project designed: real scans and openly licensed text, degraded
by augraphy (a maintained document-degradation library) and OpenCV, seeded per page.

Sources (bench/ocr_data/SOURCES.md): Wikipedia paragraphs from XQuAD in English and Spanish,
typeset like a textbook page, and real scans with their ground truth from tesseract-ocr/test.
Every source belongs to one split. DEV is what preprocessing was tuned on; TEST has other
articles, other scans and other seeds, and is only run to report.

    case = cases("dev")[0]; case.data  # PNG/JPEG bytes of one page; case.truth its text

Every page is a pure function of (split, family, source): the seed is a CRC of those names, and
augraphy draws from Python's and NumPy's global generators, which are seeded before each page.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import random
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Literal

# augraphy 8.2.6's numba kernels do not compile under the numba this project locks (ShadowCast
# fails with "'function' object has no attribute 'get_call_template'"); as plain Python they run
# correctly, and the pages are cached, so they are only slow the first time.
os.environ.setdefault("NUMBA_DISABLE_JIT", "1")

import augraphy
import cv2
import numpy as np
from PIL import Image

from bench import ocr_fresh
from bench.ocr_case import DPI, Case, Source, source
from bench.ocr_held import Held, held_spec
from bench.ocr_splits import DATA, HELD

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# fresh: bench/ocr_fresh.py; the held-aside splits: those bench/ocr_splits.HELD describes
Split = Literal["dev", "test", "fresh-dev", "fresh-test", "s9-test", "s10-test", "s11-test",
                "s12-test", "s13-test", "s14-test"]
# Real scans by split (phototest.tif is the same file as tesseract-ocr/test's, in shared/data).
SCANS: dict[str, list[tuple[str, Path, Path]]] = {
    "dev": [
        ("scan-phototest", SHARED / "phototest.tif", SHARED / "phototest.txt"),
        ("scan-8071", DATA / "8071_093.3B.tif", DATA / "8071_093.3B.txt"),
    ],
    "test": [
        ("scan-eurotext", DATA / "eurotext.tif", DATA / "eurotext.txt"),
        ("scan-8087", DATA / "8087_054.3B.tif", DATA / "8087_054.3B.txt"),
    ],
}
# Typesetting varies by source so no font or size is tuned for: (style, points).
FACES = [("Serif", 10.5), ("Sans", 10.0), ("SerifCondensed", 11.0), ("Sans", 9.0)]


def dev_text(text_id: str) -> list[str]:
    """The paragraphs of one DEV source text (tests use only DEV texts)."""
    texts = json.loads((DATA / "xquad_pages.json").read_text())["texts"]
    return next(t["paragraphs"] for t in texts if t["id"] == text_id and t["split"] == "dev")


@lru_cache(maxsize=2)
def sources(split: Split) -> tuple[Source, ...]:
    if split.startswith("fresh-"):
        return tuple(ocr_fresh.text_sources(split))
    if split in HELD:
        return tuple(_real_pages(split).text_sources(split))
    out = []
    texts = json.loads((DATA / "xquad_pages.json").read_text())["texts"]
    for index, text in enumerate(t for t in texts if t["split"] == split):
        style, points = FACES[index % len(FACES)]
        language = "spa" if text["language"] == "es" else "eng"
        out.append(source(text["id"], text["paragraphs"], language, style, points))
    for name, image, truth_path in SCANS[split]:
        gray = np.asarray(Image.open(image).convert("L")).copy()
        truth = truth_path.read_text()
        lines = tuple(line.strip() for line in truth.splitlines() if line.strip())
        out.append(Source(name, "eng", gray, truth, lines))
    return tuple(out)


# ---- degradation families: grey page in, upload bytes out -------------------------------------


def _png(gray: np.ndarray, dpi: int | None = DPI) -> bytes:
    buffer = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    Image.fromarray(gray).save(buffer, format="PNG", **extra)
    return buffer.getvalue()


def _jpeg(image: np.ndarray, quality: int) -> bytes:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return encoded.tobytes()


def _bgr(gray: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def _gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def clean(page: np.ndarray, rng: np.random.Generator) -> bytes:
    return _png(page)


def lighting(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A desk lamp off to one side: brightness falls across the page."""
    aug = augraphy.LightingGradient(
        max_brightness=255, min_brightness=int(rng.integers(0, 40)), mode="gaussian",
        transparency=float(rng.uniform(0.5, 0.75)), numba_jit=0,
    )
    return _png(_gray(aug(_bgr(page))))


def shadow(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A hand or phone shadow across part of the page."""
    aug = augraphy.ShadowCast(
        shadow_side=str(rng.choice(["left", "right", "top", "bottom"])),
        shadow_opacity_range=(0.5, 0.8), shadow_width_range=(0.4, 0.8),
        shadow_height_range=(0.4, 0.8), shadow_blur_kernel_range=(101, 201),
    )
    return _png(_gray(aug(_bgr(page))))


def ink_bleed(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """Cheap paper: ink spreads into the fibres and the other side shows through."""
    image = augraphy.InkBleed(intensity_range=(0.5, 0.8), kernel_size=(5, 5), severity=(0.4, 0.6))(
        _bgr(page)
    )
    image = augraphy.BleedThrough(intensity_range=(0.1, 0.3), alpha=0.2, offsets=(20, 20))(image)
    return _png(_gray(image))


def blur(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """Out-of-focus optics, worse towards one side (augraphy's DepthSimulatedBlur takes 30 s a
    page in plain Python, so two OpenCV Gaussian blurs are blended across the page instead)."""
    gray = page.astype(np.float32)
    soft = cv2.GaussianBlur(gray, (0, 0), float(rng.uniform(1.0, 1.5)))
    softer = cv2.GaussianBlur(gray, (0, 0), float(rng.uniform(1.8, 2.6)))
    ramp = np.linspace(0.0, 1.0, page.shape[1], dtype=np.float32)[None, :]
    if rng.integers(0, 2):
        ramp = ramp[:, ::-1]
    image = soft * (1 - ramp) + softer * ramp
    image = augraphy.SubtleNoise(subtle_range=10)(_bgr(image.clip(0, 255).astype(np.uint8)))
    return _png(_gray(image))


def noise(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A worn photocopier: toner specks and streaks, paper texture, sensor noise."""
    # Worley noise (type 4) fails under NumPy 2 in augraphy 8.2.6; the other patterns work.
    kind = int(rng.choice([1, 2, 5]))
    image = augraphy.BadPhotoCopy(noise_type=kind, noise_iteration=(1, 2), noise_value=(40, 120),
                                  numba_jit=0)(_bgr(page))
    image = augraphy.NoiseTexturize(sigma_range=(6, 12), turbulence_range=(3, 6))(image)
    image = augraphy.SubtleNoise(subtle_range=25)(image)
    return _png(_gray(image))


def fold(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A page that was folded: creases warp the lines and shade the paper."""
    aug = augraphy.Folding(
        fold_count=int(rng.integers(2, 4)), fold_noise=0.02, fold_angle_range=(-5, 5),
        gradient_width=(0.1, 0.2), gradient_height=(0.01, 0.02), backdrop_color=(255, 255, 255),
    )
    return _png(_gray(aug(_bgr(page))))


def low_resolution(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A fax-grade scan: 70-110 dpi, no resolution in the file."""
    factor = float(rng.uniform(70, 110)) / DPI
    size = (round(page.shape[1] * factor), round(page.shape[0] * factor))
    return _png(cv2.resize(page, size, interpolation=cv2.INTER_AREA), dpi=None)


def jpeg(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """Heavy JPEG compression (augraphy Jpeg at quality 8-20)."""
    image = augraphy.Jpeg(quality_range=(8, 20))(_bgr(page))
    return _jpeg(_gray(image), 95)


def _on_background(page: np.ndarray, rng: np.random.Generator, tilt: float, jitter: float,
                   pad: float) -> np.ndarray:
    """The page photographed on a darker textured surface: perspective from random corner
    offsets plus a tilt."""
    h, w = page.shape
    border = round(pad * max(h, w))
    out_w, out_h = w + 2 * border, h + 2 * border
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    centre = np.float32([w / 2, h / 2])
    angle = np.radians(tilt)
    rotation = np.float32([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    moved = (corners - centre) @ rotation.T + centre + border
    moved += rng.uniform(-jitter, jitter, size=(4, 2)).astype(np.float32) * min(h, w)
    matrix = cv2.getPerspectiveTransform(corners, moved.astype(np.float32))
    surface = rng.normal(float(rng.uniform(60, 110)), 12, size=(out_h // 8 + 1, out_w // 8 + 1))
    surface = cv2.resize(surface.astype(np.float32), (out_w, out_h))
    warped = cv2.warpPerspective(page.astype(np.float32), matrix, (out_w, out_h),
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=-1.0)
    return np.where(warped < 0, surface, warped).clip(0, 255).astype(np.uint8)


def perspective(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A page shot at an angle (perspective and tilt) on a table, then curled (augraphy
    BookBinding is too destructive for a single page, so the warp is a Folding pass)."""
    shot = _on_background(page, rng, tilt=float(rng.uniform(-4, 4)), jitter=0.035, pad=0.06)
    image = augraphy.Folding(fold_count=1, fold_noise=0.0, gradient_width=(0.2, 0.3),
                             gradient_height=(0.005, 0.01), backdrop_color=(80, 80, 80))(_bgr(shot))
    return _png(_gray(image), dpi=None)


def phone_photo(page: np.ndarray, rng: np.random.Generator) -> bytes:
    """A phone snapshot: page on a table, slight tilt and perspective, dark uneven light falling
    off from one corner, soft focus, low-light sensor noise, JPEG; no resolution in the file."""
    shot = _on_background(page, rng, tilt=float(rng.uniform(-3, 3)), jitter=0.02, pad=0.05)
    h, w = shot.shape
    # Lit from one corner: brightness falls to ~45 % at the far corner.
    cy, cx = [(0, 0), (0, w), (h, 0), (h, w)][int(rng.integers(0, 4))]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    distance = np.hypot((yy - cy) / h, (xx - cx) / w) / np.sqrt(2)
    light = 0.92 - float(rng.uniform(0.40, 0.50)) * distance
    lit = (0.12 * 255 + 0.75 * shot.astype(np.float32)) * light
    image = augraphy.LightingGradient(max_brightness=255, min_brightness=0, mode="gaussian",
                                      transparency=0.85, numba_jit=0)(_bgr(lit.clip(0, 255)
                                                                           .astype(np.uint8)))
    soft = cv2.GaussianBlur(image, (0, 0), float(rng.uniform(1.1, 1.6)))
    image = augraphy.LowLightNoise(num_photons_range=(60, 100), alpha_range=(0.85, 1.0),
                                   beta_range=(5, 15), gamma_range=(1.0, 1.2))(soft)
    # Phones shoot at ~12 MP for a whole scene; the page fills ~2/3 of the frame.
    scale = float(rng.uniform(0.55, 0.75))
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return _jpeg(image, int(rng.integers(60, 80)))


FAMILIES: dict[str, Callable[[np.ndarray, np.random.Generator], bytes]] = {
    "clean": clean,
    "lighting": lighting,
    "shadow": shadow,
    "ink-bleed": ink_bleed,
    "blur": blur,
    "noise": noise,
    "fold": fold,
    "low-res": low_resolution,
    "jpeg": jpeg,
    "perspective": perspective,
    "phone-photo": phone_photo,
}


_HELPERS = (_png, _jpeg, _bgr, _gray, _on_background)


def seed_of(split: str, family: str, source: str) -> int:
    return zlib.crc32(f"{split}/{family}/{source}".encode())


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cardstream-ocr-corpus"


def degrade(source: Source, family: str, split: str) -> Case:
    seed = seed_of(split, family, source.name)
    # The cache key covers everything a page depends on: the family's code and the helpers it
    # may call, augraphy's version, the clean page and the seed.
    code = b"".join(fn.__code__.co_code + repr(fn.__code__.co_consts).encode()
                    for fn in (FAMILIES[family], *_HELPERS))
    key = hashlib.sha256(
        code + augraphy.__version__.encode() + source.page.tobytes()
        + f"{split}/{family}/{seed}".encode()
    ).hexdigest()[:24]
    cached = _cache_dir() / f"{key}.bin"
    if cached.exists():
        data = cached.read_bytes()
    else:
        random.seed(seed)
        np.random.seed(seed % 2**32)
        data = FAMILIES[family](source.page, np.random.default_rng(seed))
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)
    return Case(split, family, source.name, source.language, source.truth, source.lines, data,
                seed)


def specs(split: Split, families: list[str] | None = None,
          only: list[str] | None = None) -> list[tuple[Split, str, str]]:
    """(split, source name, family) of every page of ``split``; ``only`` keeps sources whose
    name contains one of the given strings."""
    chosen = families or [*FAMILIES, "real-scan"]
    names = [s.name for s in sources(split)
             if not only or any(part in s.name for part in only)]
    out = [(split, name, family) for name in names for family in chosen if family in FAMILIES]
    if (split.startswith("fresh-") or split in HELD) and "real-scan" in chosen:
        out += [(split, name, "real-scan") for name in _real_pages(split).scan_names(split)
                if not only or any(part in name for part in only)]
    return out


def _real_pages(split: str) -> ModuleType | Held:
    """What owns ``split``'s real pages (read as they are), and a held-aside split's passages:
    its data (``held_spec``) or its module."""
    return held_spec(split) or importlib.import_module(HELD.get(split, "bench.ocr_fresh"))


def case(spec: tuple[Split, str, str]) -> Case:
    split, name, family = spec
    if family == "real-scan":
        page: Case = _real_pages(split).real_case(split, name)
        return page
    source = next(s for s in sources(split) if s.name == name)
    return degrade(source, family, split)


def cases(split: Split, families: list[str] | None = None,
          only: list[str] | None = None) -> list[Case]:
    return [case(spec) for spec in specs(split, families, only)]
