"""Real Tesseract on real pixels: every degraded variant, orientation, multi-page TIFF, WebP,
languages and the process-pool path. Pages are half-width paragraphs to keep the suite fast."""

from __future__ import annotations

import io
import multiprocessing
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest
from PIL import Image

from agents.exceptions import PageTimeout
from agents.ocr import OcrConfig, PreprocessConfig, extract, worker_init
from bench.pages import SPANISH, TEXTS, VARIANTS, encode, multipage_tiff, render_page

TEXT = TEXTS["computing"]


def recovered(truth: str, text: str) -> float:
    """Share of the truth's words found in ``text`` (multiset, case and punctuation ignored)."""
    words = Counter(re.findall(r"\w+", truth.lower()))
    found = Counter(re.findall(r"\w+", text.lower()))
    return sum((words & found).values()) / sum(words.values())


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return render_page(TEXT, width_in=5)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_degraded_variant_recovers_most_words(page: Image.Image, variant: str) -> None:
    result = extract(VARIANTS[variant](page), None, f"{variant}.img")
    assert recovered(TEXT, result.text) >= 0.9, result.text
    assert result.source == "ocr" and result.pages[0].source == "ocr"
    assert result.avg_confidence is not None and result.avg_confidence >= 70
    assert 0 < result.words_kept <= result.words_total


def test_clean_page_is_not_preprocessed(page: Image.Image) -> None:
    # The throughput budget depends on a clean scan going to Tesseract untouched.
    assert extract(encode(page), "image/png", "clean.png").steps == ()


def test_disabled_steps_do_not_run(page: Image.Image) -> None:
    config = OcrConfig(preprocess=PreprocessConfig(deskew=False, upscale=False))
    result = extract(VARIANTS["phone-photo"](page), None, None, config)
    assert not {"1:deskew", "1:upscale"} & set(result.steps)


def test_text_keeps_lines_and_paragraphs() -> None:
    text = "First paragraph, first line of text.\n\nSecond paragraph here, also text."
    result = extract(encode(render_page(text, width_in=6)), None, None)
    assert result.text.count("\n\n") == 1
    assert result.text.splitlines()[0].startswith("First paragraph")


def test_sideways_page_is_turned_upright_by_osd(page: Image.Image) -> None:
    result = extract(encode(page.rotate(90, expand=True)), None, None)
    assert "1:osd" in result.steps
    assert recovered(TEXT, result.text) >= 0.9


def test_exif_orientation_is_honoured(page: Image.Image) -> None:
    # Pixels stored turned 90° counter-clockwise, tag 6 says "rotate 90° clockwise to view".
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encode(page.rotate(90, expand=True), "JPEG", quality=90, exif=exif.tobytes())
    result = extract(data, "image/jpeg", "photo.jpg")
    assert "1:osd" not in result.steps
    assert recovered(TEXT, result.text) >= 0.9


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_load_gray_turns_the_page_as_pillow_does(kind: str, orientation: int) -> None:
    # load_gray undoes the EXIF turn in place (no copy of an upright page): the same pixels,
    # the same way up, as Pillow's own exif_transpose of the decoded page.
    import numpy as np
    from PIL import ImageOps

    from agents.ocr.images import load_gray

    rows = np.arange(40 * 60, dtype=np.uint32).reshape(40, 60)
    pixels = ((rows * 7 + rows // 60 * 13) % 251).astype(np.uint8)
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = encode(Image.fromarray(pixels).convert("RGB"), kind, exif=exif.tobytes())
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("L")
    got = load_gray(data, "page", 10**8)
    assert got.mode == "L" and got.size == expected.size
    assert np.array_equal(np.asarray(got), np.asarray(expected))
    if orientation in (5, 6, 7, 8):
        assert got.size == (40, 60)  # turned a quarter


def test_webp_is_read(page: Image.Image) -> None:
    result = extract(encode(page, "WEBP", lossless=True), "image/webp", "page.webp")
    assert recovered(TEXT, result.text) >= 0.9


def test_multipage_tiff_yields_every_page_in_a_process_pool() -> None:
    texts = [TEXTS["biology"], TEXTS["history"]]
    data = multipage_tiff([render_page(t, width_in=5) for t in texts])
    # spawned, as agents.worker's pool is (a forked child hangs in OpenCV: see worker_init)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn, initializer=worker_init) as pool:
        result = extract(data, "image/tiff", "scan.tif", OcrConfig(), map_fn=pool.map)
    assert [p.page for p in result.pages] == [1, 2]
    first, second = result.text.split("Within fifty years")[0], result.text
    assert recovered(texts[0], first) >= 0.9 and recovered(texts[1], second) >= 0.9


def test_spanish_accents_with_the_spanish_pack() -> None:
    data = encode(render_page(SPANISH, width_in=6))
    result = extract(data, "image/png", "apuntes.png", OcrConfig(language="es"))
    assert result.language == "spa"
    for word in ("educación", "niños", "Según", "rápido", "información"):
        assert word in result.text
    assert recovered(SPANISH, result.text) >= 0.95


def test_min_confidence_filters_words(page: Image.Image) -> None:
    data = VARIANTS["blur+noise"](page)
    everything = extract(data, None, None, OcrConfig(min_confidence=0))
    median = sorted(everything.confidences)[len(everything.confidences) // 2]
    strict = extract(data, None, None, OcrConfig(min_confidence=median + 0.01))
    assert everything.words_kept == everything.words_total
    assert strict.words_kept < everything.words_kept
    assert strict.words_total == everything.words_total


def test_page_timeout(page: Image.Image) -> None:
    with pytest.raises(PageTimeout, match=r"longer than|no time left"):
        extract(encode(page), None, None, OcrConfig(page_timeout_s=0.05))


def test_rgba_png_with_transparency_reads_as_white_paper(page: Image.Image) -> None:
    rgba = page.convert("RGBA")
    rgba.putalpha(page.point(lambda v: 255 - v))  # ink opaque, paper transparent
    buffer = io.BytesIO()
    rgba.save(buffer, format="PNG")
    assert recovered(TEXT, extract(buffer.getvalue(), None, None).text) >= 0.9
