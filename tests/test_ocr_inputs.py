"""Bad uploads and options fail with the right InputError and one clear line; nothing here needs
Tesseract to read a page, so these run in milliseconds."""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from agents.exceptions import (
    CorruptInput,
    EmptyText,
    InputTooLarge,
    MissingLanguagePack,
    UnsupportedInput,
)
from agents.ocr import OcrConfig, extract, plan_pages, resolve_language
from agents.ocr.sniff import sniff
from bench.pages import encode, image_pdf, multipage_tiff, render_page, text_layer_pdf


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header(width: int, height: int, pixels: bytes = b"") -> bytes:
    """A PNG declaring ``width``×``height`` 1-bit pixels but carrying only ``pixels``."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(pixels))
        + _chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def small_png() -> bytes:
    return encode(render_page("A short page of text for the tests.", width_in=4))


def test_zero_byte_file_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="empty"):
        plan_pages(b"", "image/png", "scan.png", OcrConfig())


def test_zero_by_zero_image_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="no pixels"):
        extract(png_header(0, 0), "image/png", "empty.png")


def test_decompression_bomb_is_too_large() -> None:
    # 30000×30000 declared in a ~100-byte file: refused from the header, nothing decoded.
    bomb = png_header(30_000, 30_000)
    with pytest.raises(InputTooLarge, match=r"pixels|bomb"):
        plan_pages(bomb, "image/png", "bomb.png", OcrConfig())


def test_pillow_bomb_guard_is_an_error_even_above_our_limit() -> None:
    bomb = png_header(30_000, 30_000)
    with pytest.raises(InputTooLarge, match="decompression bomb"):
        plan_pages(bomb, "image/png", "bomb.png", OcrConfig(max_pixels=10**12))


def test_image_over_pixel_limit_is_too_large(small_png: bytes) -> None:
    with pytest.raises(InputTooLarge, match="over the limit"):
        plan_pages(small_png, "image/png", "scan.png", OcrConfig(max_pixels=1000))


def test_truncated_image_is_corrupt(small_png: bytes) -> None:
    truncated = small_png[: len(small_png) // 2]
    with pytest.raises(CorruptInput, match=r"truncated|corrupt"):
        extract(truncated, "image/png", "scan.png")


def test_truncated_pdf_is_corrupt() -> None:
    pdf = text_layer_pdf(["Some text that is long enough to count as a text layer."])
    with pytest.raises(CorruptInput, match="PDF"):
        plan_pages(pdf[:40], "application/pdf", "notes.pdf", OcrConfig())


def test_wrong_extension_of_a_supported_type_still_works(small_png: bytes) -> None:
    jobs = plan_pages(small_png, "application/pdf", "scan.pdf", OcrConfig())
    assert [job.kind for job in jobs] == ["image"]


def test_unsupported_format_is_named() -> None:
    gif = encode(Image.new("L", (10, 10), 255), "GIF")
    with pytest.raises(UnsupportedInput, match="GIF"):
        plan_pages(gif, "image/png", "scan.png", OcrConfig())


def test_binary_garbage_with_an_image_name_is_unsupported() -> None:
    with pytest.raises(UnsupportedInput, match="not a PNG, JPEG"):
        plan_pages(bytes(range(256)) * 8, "image/png", "scan.png", OcrConfig())


def test_binary_garbage_declared_as_text_is_corrupt() -> None:
    with pytest.raises(CorruptInput, match="not decodable text"):
        plan_pages(bytes(range(256)) * 4, "text/plain", "notes.txt", OcrConfig())


def test_empty_text_file_is_empty_text() -> None:
    with pytest.raises(EmptyText):
        plan_pages(b"  \n\t\n", "text/plain", "notes.txt", OcrConfig())


def test_markdown_bypasses_ocr() -> None:
    result = extract("# Título\n\nÜber *cells*.\n".encode(), "text/markdown", "notes.md")
    assert result.source == "text"
    assert result.text == "# Título\n\nÜber *cells*."
    assert result.pages[0].source == "text" and result.avg_confidence is None


def test_byte_limit() -> None:
    with pytest.raises(InputTooLarge, match="bytes"):
        plan_pages(b"x" * 101, "text/plain", "a.txt", OcrConfig(max_bytes=100))


def test_page_limit_pdf() -> None:
    pdf = text_layer_pdf(["Enough words on this page to be a text layer."] * 3)
    with pytest.raises(InputTooLarge, match="3 pages"):
        plan_pages(pdf, "application/pdf", "long.pdf", OcrConfig(max_pages=2))


def test_page_limit_tiff() -> None:
    page = Image.new("L", (20, 20), 255)
    with pytest.raises(InputTooLarge, match="3 pages"):
        plan_pages(multipage_tiff([page] * 3), None, "scan.tif", OcrConfig(max_pages=2))


def test_pdf_page_render_size_is_bounded() -> None:
    pdf = image_pdf([Image.new("L", (100, 100), 255)], dpi=10)  # a 10-inch square page
    jobs = plan_pages(pdf, "application/pdf", "poster.pdf", OcrConfig(max_pixels=2_000_000))
    # 300 dpi would be 9 Mpx; the render resolution drops to fit 2 Mpx instead of failing.
    assert jobs[0].kind == "pdf-page" and jobs[0].dpi == 141
    with pytest.raises(InputTooLarge, match="too large to render"):
        plan_pages(pdf, "application/pdf", "poster.pdf", OcrConfig(max_pixels=100_000))


@pytest.mark.parametrize(
    ("option", "expected"),
    [(None, "eng"), ("en", "eng"), ("es", "spa"), ("DE", "deu"), ("fr", "fra"),
     ("eng+spa", "eng+spa"), ("en+es", "eng+spa"), ("spa", "spa")],
)  # fmt: skip
def test_language_option_maps_to_installed_packs(option: str | None, expected: str) -> None:
    assert resolve_language(option) == expected


def test_missing_language_pack_names_the_apt_package() -> None:
    with pytest.raises(MissingLanguagePack, match="tesseract-ocr-ita"):
        resolve_language("it")
    with pytest.raises(MissingLanguagePack, match="tesseract-ocr-chi-sim"):
        resolve_language("en+zh")


def test_missing_pack_fails_before_any_page_is_read(small_png: bytes) -> None:
    with pytest.raises(MissingLanguagePack, match="tesseract-ocr-por"):
        plan_pages(small_png, "image/png", "scan.png", OcrConfig(language="pt"))


def test_nonsense_language_is_a_bad_request() -> None:
    with pytest.raises(UnsupportedInput, match="unknown language"):
        resolve_language("english please")


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"%PDF-1.7\n", "pdf"), (b"\xff\xd8\xff\xe0", "jpeg"), (b"II*\x00", "tiff"),
     (b"MM\x00*", "tiff"), (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"), (b"plain words", "text")],
)  # fmt: skip
def test_sniff_trusts_magic_bytes_over_names(data: bytes, kind: str) -> None:
    assert sniff(data, "image/png", "upload.png") == kind
