"""Synthetic test pages: text rendered like a 300-dpi scan, then degraded the ways real uploads
are degraded. Used by bench/ocr_accuracy.py and by the OCR tests, so both measure the same pages.

Every function is deterministic (fixed seeds), so numbers are comparable between runs.
"""

from __future__ import annotations

import io
import subprocess
import textwrap
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300

# Our own sentences, so nothing copied; plain study-notes prose like real uploads.
TEXTS: dict[str, str] = {
    "biology": (
        "Photosynthesis converts light energy into chemical energy. In the chloroplasts of "
        "plant cells, chlorophyll absorbs red and blue light and passes the energy to a chain "
        "of proteins. Water is split, oxygen is released, and the energy is stored in ATP and "
        "NADPH. The Calvin cycle then fixes carbon dioxide into sugars that the plant uses to "
        "grow. About one third of the light that reaches a leaf is reflected or transmitted, "
        "which is why most leaves look green to us."
    ),
    "history": (
        "The printing press spread quickly across Europe after 1450. Within fifty years, more "
        "than two hundred cities had a print shop, and millions of books were in circulation. "
        "Cheaper books changed who could read and what they read: pamphlets carried news and "
        "arguments, grammars taught languages, and maps travelled with merchants. Historians "
        "still debate how much the press caused the Reformation and how much it only sped up "
        "changes that were already under way."
    ),
    "computing": (
        "A hash table stores values under keys and finds them in constant expected time. The "
        "key is hashed to an index in an array of buckets; two keys that land in the same "
        "bucket are a collision, resolved by chaining or by probing the next free slot. When "
        "the table fills beyond its load factor, it is resized and every entry is hashed "
        "again. Good hash functions spread similar keys far apart, so that no bucket becomes "
        "much longer than the others."
    ),
}

SPANISH = (
    "La educación pública llegó a casi todos los niños del país a mediados del siglo pasado. "
    "Según los informes, la matrícula creció más rápido en las regiones rurales, donde antes "
    "había pocas escuelas. El acceso a la información cambió también la economía: más "
    "jóvenes continuaron sus estudios en la universidad y encontraron trabajo en la ciudad."
)


@lru_cache(maxsize=4)
def font_path(style: str = "Serif") -> str:
    """A DejaVu font file (fonts-dejavu-core); fc-match finds it wherever it is installed."""
    for candidate in (
        f"/usr/share/fonts/truetype/dejavu/DejaVu{style}.ttf",
        f"/usr/share/fonts/dejavu/DejaVu{style}.ttf",
    ):
        if Path(candidate).exists():
            return candidate
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", f"DejaVu {style}"], capture_output=True, text=True
    ).stdout
    if not found or "DejaVu" not in found:
        raise RuntimeError("DejaVu fonts are missing: apt-get install fonts-dejavu-core")
    return found


def render_page(
    text: str,
    *,
    dpi: int = DPI,
    points: float = 10.0,
    width_in: float = 8.5,
    margin_in: float = 0.8,
    style: str = "Serif",
) -> Image.Image:
    """``text`` typeset on a white page, grey 8-bit, at ``dpi``; height fits the text."""
    size = round(points * dpi / 72)
    font = ImageFont.truetype(font_path(style), size)
    width = round(width_in * dpi)
    margin = round(margin_in * dpi)
    average = font.getlength("abcdefghijklmnopqrstuvwxyz ") / 27
    columns = max(20, int((width - 2 * margin) / average))
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines.extend(textwrap.wrap(" ".join(paragraph.split()), columns))
        lines.append("")
    pitch = round(size * 1.35)
    height = 2 * margin + pitch * len(lines)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * pitch), line, font=font, fill=0)
    page.info["dpi"] = (dpi, dpi)
    return page


def full_page(index: int = 0, paragraphs: int = 6) -> Image.Image:
    """A whole page of prose (~45 lines of 10 pt on US letter, 300 dpi), as a page of study
    notes is: ``paragraphs`` of TEXTS in an order that depends on ``index``."""
    texts = list(TEXTS.values())
    chosen = [texts[(index + i) % len(texts)] for i in range(paragraphs)]
    return render_page("\n\n".join(chosen))


def encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    dpi = image.info.get("dpi")
    extra = {"dpi": dpi} if dpi and fmt != "WEBP" else {}
    image.save(buffer, format=fmt, **extra, **options)
    return buffer.getvalue()


def _noise(image: Image.Image, sigma: float, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, sigma, image.size[::-1])
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def low_dpi(page: Image.Image, dpi: int = 75) -> bytes:
    """A fax-quality scan: the page at 75 dpi, saved without resolution metadata."""
    factor = dpi / DPI
    small = page.resize(
        (round(page.width * factor), round(page.height * factor)), Image.Resampling.LANCZOS
    )
    return encode(small)


def skewed(page: Image.Image, degrees: float = 3.5) -> bytes:
    """A page fed crookedly through the scanner."""
    return encode(
        page.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    )


def blur_noise(page: Image.Image, radius: float = 2.0, sigma: float = 25.0) -> bytes:
    """A worn scanner: out-of-focus optics and sensor noise."""
    return encode(_noise(page.filter(ImageFilter.GaussianBlur(radius)), sigma, seed=7))


def jpeg_q15(page: Image.Image) -> bytes:
    """A page squeezed through heavy JPEG compression (blocks and ringing)."""
    return encode(page, "JPEG", quality=15)


def phone_photo(page: Image.Image, tilt: float = 2.0) -> bytes:
    """A phone snapshot: dim, lit from one side, slightly tilted, soft focus, JPEG."""
    tilted = page.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    soft = tilted.filter(ImageFilter.GaussianBlur(1.3))
    pixels = np.asarray(soft, dtype=np.float32) / 255.0
    h, w = pixels.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # Light falls off from the top-left corner to the bottom-right one; paper is grey, ink is
    # not black.
    light = 0.95 - 0.5 * ((xx / w) * 0.6 + (yy / h) * 0.4)
    photo = (0.18 + 0.82 * pixels) * light * 200.0
    dim = _noise(Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)), 5.0, seed=11)
    return encode(dim.convert("RGB"), "JPEG", quality=70)


def clean(page: Image.Image) -> bytes:
    return encode(page)


VARIANTS: dict[str, Callable[[Image.Image], bytes]] = {
    "clean": clean,
    "75dpi": low_dpi,
    "skew-3.5deg": skewed,
    "blur+noise": blur_noise,
    "jpeg-q15": jpeg_q15,
    "phone-photo": phone_photo,
}


def text_layer_pdf(pages: list[str]) -> bytes:
    """A minimal hand-written PDF whose pages carry real text (Helvetica), like an exported
    document; one string per page, wrapped to ~80 columns."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in at the end
    font = 3 + 2 * len(pages)
    kids = []
    for index, text in enumerate(pages):
        lines = textwrap.wrap(" ".join(text.split()), 80)
        escaped = (
            line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines
        )
        body = " T* ".join(f"({line}) Tj" for line in escaped)
        stream = f"BT /F1 11 Tf 14 TL 72 740 Td {body} ET".encode("latin-1")
        page_id, content_id = 3 + 2 * index, 4 + 2 * index
        kids.append(f"{page_id} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R"
            f" /Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def image_pdf(pages: list[Image.Image], dpi: int = DPI) -> bytes:
    """A scanned document: every page an image, no text layer (Pillow's PDF writer)."""
    buffer = io.BytesIO()
    first, *rest = [page.convert("L") for page in pages]
    first.save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return buffer.getvalue()


def multipage_tiff(pages: list[Image.Image]) -> bytes:
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(buffer, format="TIFF", save_all=True, append_images=rest, compression="tiff_lzw")
    return buffer.getvalue()
