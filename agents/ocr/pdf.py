"""PDF pages: the text layer when a page has one, a rendered image when it does not.

pypdf splits the document and reads text layers in process; poppler's ``pdftoppm`` renders the
pages that need OCR. Rendering happens in the worker that OCRs the page, so a scanned document's
pages render in parallel instead of one after another in the planner.
"""

from __future__ import annotations

import io
import logging
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError

from agents.exceptions import CorruptInput, InputTooLarge, PageTimeout, UnsupportedInput
from agents.ocr.images import load_gray

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 16  # fewer letters than this is a page number or a stray label, not a text layer
MIN_RENDER_DPI = 72


def open_pdf(data: bytes, label: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsupportedInput(f"{label} is a password-protected PDF")
        _ = len(reader.pages)
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptInput(f"{label} is not a readable PDF: {exc}") from exc
    return reader


def text_layer(reader: PdfReader, index: int) -> str | None:
    """The page's own text if it has a usable text layer, else None."""
    try:
        text = reader.pages[index].extract_text() or ""
    except Exception as exc:  # pypdf raises many types on odd content streams
        log.debug("text layer of page %d unreadable: %s", index + 1, exc)
        return None
    letters = sum(ch.isalnum() for ch in text)
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    # A layer of unmapped glyph codes decodes to control characters; OCR does better then.
    if letters < MIN_TEXT_CHARS or printable < 0.95 * len(text):
        return None
    return text.strip()


def single_page(reader: PdfReader, index: int, label: str) -> bytes:
    """Page ``index`` as a standalone PDF, so a job carries one page and not the document."""
    try:
        writer = PdfWriter()
        writer.add_page(reader.pages[index])
        buffer = io.BytesIO()
        writer.write(buffer)
    except Exception as exc:  # same: a malformed page can fail in many ways
        raise CorruptInput(f"{label} page {index + 1} cannot be extracted: {exc}") from exc
    return buffer.getvalue()


def render_dpi(reader: PdfReader, index: int, dpi: int, max_pixels: int, label: str) -> int:
    """``dpi``, lowered when the page is so large that rendering would pass the pixel limit."""
    box = reader.pages[index].mediabox
    width_in, height_in = float(box.width) / 72, float(box.height) / 72
    if width_in <= 0 or height_in <= 0:
        raise CorruptInput(f"{label} has an empty page box")
    fitting = int((max_pixels / (width_in * height_in)) ** 0.5)
    if fitting < MIN_RENDER_DPI:
        raise InputTooLarge(
            f"{label} is {width_in:.0f}×{height_in:.0f} in, too large to render"
            f" under {max_pixels:,} pixels"
        )
    return min(dpi, fitting)


def render_pixels(reader: PdfReader, index: int, dpi: int) -> int:
    """Pixels page ``index`` decodes to at ``dpi``: what it costs against the upload's budget."""
    box = reader.pages[index].mediabox
    return int(float(box.width) / 72 * dpi) * int(float(box.height) / 72 * dpi)


def render(data: bytes, dpi: int, label: str, max_pixels: int, timeout_s: float) -> Image.Image:
    """Render a one-page PDF to 8-bit grey with pdftoppm."""
    with tempfile.TemporaryDirectory(prefix="cardstream-pdf-") as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(data)
        target = Path(folder) / "page"
        command = ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", str(source), str(target)]
        try:
            subprocess.run(command, capture_output=True, check=True, timeout=max(timeout_s, 0.1))
        except subprocess.TimeoutExpired as exc:
            raise PageTimeout(f"{label}: rendering took longer than {timeout_s:.0f} s") from exc
        except subprocess.CalledProcessError as exc:
            message = exc.stderr.decode(errors="replace").strip().splitlines()
            raise CorruptInput(f"{label} cannot be rendered: {' '.join(message[-2:])}") from exc
        except FileNotFoundError as exc:
            raise UnsupportedInput("pdftoppm is missing; install poppler-utils") from exc
        # Our own renderer's output, so the PGM decoder is allowed here and only here.
        pgm = target.with_suffix(".pgm").read_bytes()
        return load_gray(pgm, label, max_pixels, formats=("PPM",))
