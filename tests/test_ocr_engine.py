"""The two ways of running Tesseract, both real: libtesseract in this process and one
``tesseract`` program per page. They must read the same words with the same confidences, so the
faster one changes nothing but the time."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from agents.exceptions import MissingLanguagePack, PageTimeout
from agents.ocr import OcrConfig, extract, libtesseract, worker_init
from agents.ocr.images import load_gray
from agents.ocr.preprocess import prepare
from agents.ocr.tesseract import Word, cli_tsv, osd_rotation, parse_tsv
from bench.pages import SPANISH, TEXTS, VARIANTS, encode, full_page, render_page

REPO = Path(__file__).resolve().parents[1]
PHOTOTEST = REPO.parent / "shared" / "data" / "phototest.tif"


@pytest.fixture(scope="module")
def engines() -> Iterator[libtesseract.Engines]:
    lib = libtesseract.load()
    assert lib is not None, "libtesseract5 is installed with tesseract-ocr"
    made = libtesseract.Engines(lib)
    yield made
    made.close()


def _phototest() -> Image.Image:
    if not PHOTOTEST.exists():
        pytest.skip(f"{PHOTOTEST} is not there")
    return load_gray(PHOTOTEST.read_bytes(), "phototest", 10**8)


def _prepared(variant: str) -> Image.Image:
    page = render_page(TEXTS["history"], width_in=5)
    gray = load_gray(VARIANTS[variant](page), variant, 10**8)
    return prepare(gray, OcrConfig().preprocess, 10**8).image


PAGES = {
    "phototest": (_phototest, "eng", 3),
    "biology": (lambda: render_page(TEXTS["biology"]), "eng", 3),
    "history": (lambda: render_page(TEXTS["history"]), "eng", 3),
    "computing": (lambda: render_page(TEXTS["computing"]), "eng", 3),
    "two-line crop, psm 6": (
        lambda: render_page("Two short lines.\nOf a crop.", width_in=3),
        "eng",
        6,
    ),
    "spanish": (lambda: render_page(SPANISH, width_in=6), "spa", 3),
    "phone photo, preprocessed": (lambda: _prepared("phone-photo"), "eng", 3),
    "bilevel": (lambda: render_page(TEXTS["biology"], width_in=5).convert("1"), "eng", 3),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_library_reads_what_the_program_reads(engines: libtesseract.Engines, name: str) -> None:
    make, language, psm = PAGES[name]
    image = make()
    from_library = engines.tsv(image, language, psm=psm, dpi=300, timeout_s=120, label=name)
    from_program = cli_tsv(image, language, psm=psm, dpi=300, timeout_s=120, label=name)
    # Every row, boxes included: the program's TSV is the library's plus a header line.
    assert from_program.splitlines()[1:] == from_library.splitlines()
    assert len(parse_tsv(from_library)) > 5


def test_extract_is_the_same_either_way() -> None:
    page = render_page(TEXTS["computing"], width_in=5)
    for data in (VARIANTS["blur+noise"](page), encode(page.rotate(90, expand=True))):
        library = extract(data, None, None, OcrConfig())
        program = extract(data, None, None, OcrConfig(tesseract="cli"))
        assert library.text == program.text
        assert library.confidences == program.confidences
        assert library.steps == program.steps
    assert "1:osd" in library.steps  # the sideways page went through OSD on both paths


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_osd_through_the_library_agrees_with_the_program(degrees: int) -> None:
    page = render_page(TEXTS["biology"], width_in=5).rotate(degrees, expand=True)
    library = osd_rotation(page, timeout_s=60, label="turned")
    program = osd_rotation(page, timeout_s=60, label="turned", via="cli")
    assert library is not None and program is not None
    # PIL turned the page counter-clockwise; OSD says how far clockwise to turn it back
    assert library[0] == program[0] == degrees
    assert library[1] == pytest.approx(program[1], abs=0.01)


def test_an_engine_keeps_nothing_from_the_previous_page(engines: libtesseract.Engines) -> None:
    first, other = render_page(TEXTS["biology"]), render_page(SPANISH)
    before = engines.tsv(first, "eng", psm=3, dpi=300, timeout_s=120, label="first")
    engines.tsv(other, "eng", psm=3, dpi=300, timeout_s=120, label="other")
    engines.tsv(other, "eng", psm=6, dpi=150, timeout_s=120, label="other settings")
    assert engines.tsv(first, "eng", psm=3, dpi=300, timeout_s=120, label="first") == before


def test_blank_page_has_no_words(engines: libtesseract.Engines) -> None:
    blank = Image.new("L", (600, 400), 255)
    tsv = engines.tsv(blank, "eng", psm=3, dpi=300, timeout_s=60, label="blank")
    assert parse_tsv(tsv) == []
    assert parse_tsv(cli_tsv(blank, "eng", psm=3, dpi=300, timeout_s=60, label="blank")) == []


def test_engines_keep_at_most_their_capacity() -> None:
    lib = libtesseract.load()
    assert lib is not None
    engines = libtesseract.Engines(lib, capacity=2)
    try:
        for language in ("eng", "spa", "deu"):
            engines.warm(language)
        assert engines.cached == ("spa", "deu")
        page = render_page("Words on a page, read after the engine was dropped.", width_in=5)
        tsv = engines.tsv(page, "eng", psm=3, dpi=300, timeout_s=60, label="again")
        assert [w.text for w in parse_tsv(tsv)][:2] == ["Words", "on"]
        assert engines.cached == ("deu", "eng")
    finally:
        engines.close()


def test_threads_get_engines_of_their_own(engines: libtesseract.Engines) -> None:
    pages = [render_page(text, width_in=5) for text in TEXTS.values()] * 2

    def read(page: Image.Image) -> str:
        return engines.tsv(page, "eng", psm=3, dpi=300, timeout_s=120, label="threaded")

    alone = [read(page) for page in pages]
    with ThreadPoolExecutor(3) as threads:
        assert list(threads.map(read, pages)) == alone
    assert engines.cached.count("eng") == 1  # the extra engines were closed, not kept


def test_missing_pack_names_the_apt_package(engines: libtesseract.Engines) -> None:
    with pytest.raises(MissingLanguagePack, match="install tesseract-ocr-xqz"):
        engines.warm("xqz")


def test_deadline_stops_a_page(engines: libtesseract.Engines) -> None:
    page = render_page(" ".join(TEXTS.values()))
    with pytest.raises(PageTimeout, match="longer than"):
        engines.tsv(page, "eng", psm=3, dpi=300, timeout_s=0.02, label="long page")
    with pytest.raises(PageTimeout, match="no time left"):
        engines.tsv(page, "eng", psm=3, dpi=300, timeout_s=0, label="long page")
    # the engine is fine afterwards
    tsv = engines.tsv(page, "eng", psm=3, dpi=300, timeout_s=120, label="long page")
    assert len(parse_tsv(tsv)) > 100


def test_program_path_times_out_too() -> None:
    page = encode(render_page(TEXTS["biology"]))
    with pytest.raises(PageTimeout, match=r"longer than|no time left"):
        extract(page, None, None, OcrConfig(tesseract="cli", page_timeout_s=0.05))


def test_unloadable_library_is_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="agents.ocr.libtesseract"):
        assert libtesseract.load(["libtesseract-not-installed.so.9"]) is None
    [record] = caplog.records
    assert "one tesseract program per page" in record.getMessage()
    assert "libtesseract-not-installed.so.9" in record.getMessage()


def _pool_state() -> tuple[bool, tuple[str, ...], str | None, int]:
    import cv2

    engines = libtesseract.shared()
    cached = engines.cached if engines is not None else ()
    return engines is not None, cached, os.environ.get("OMP_THREAD_LIMIT"), cv2.getNumThreads()


def test_pool_workers_start_with_english_loaded() -> None:
    # spawn, as the worker's pool does: a forked child would inherit this process's engines
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=worker_init) as pool:
        loaded, cached, limit, cv_threads = pool.submit(_pool_state).result()
    assert loaded and cached == ("eng",) and limit == "1"
    # one thread per pool process for the image analysis too: the processes fill the cores
    assert cv_threads == 1


_THREADS_AFTER_A_PAGE = """
import json, os, sys
sys.path.insert(0, {repo!r})
from agents.ocr import libtesseract
from bench.pages import TEXTS, render_page
page = render_page(TEXTS["biology"], width_in=5)
libtesseract.shared().tsv(page, "eng", psm=3, dpi=300, timeout_s=120, label="p")
print(json.dumps(len(os.listdir("/proc/self/task"))))
"""


def _threads_after_a_page(limit: str | None) -> int:
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    env["OPENBLAS_NUM_THREADS"] = "1"
    if limit is not None:
        env["OMP_THREAD_LIMIT"] = limit
    script = _THREADS_AFTER_A_PAGE.format(repo=str(REPO))
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return int(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts threads in /proc")
def test_library_is_single_threaded_without_being_told() -> None:
    # libgomp reads OMP_THREAD_LIMIT once, when it loads with libtesseract; load() sets it first.
    if _threads_after_a_page("4") <= _threads_after_a_page("1"):
        pytest.skip("this libtesseract starts no OpenMP threads")
    assert _threads_after_a_page(None) == _threads_after_a_page("1")


@pytest.mark.parametrize("width", [1, 3, 4, 1001, 1003])
def test_a_filled_pix_holds_the_pixels_leptonica_decodes(width: int) -> None:
    # Every row length modulo a 32-bit word, so the byte order within words and the row
    # padding both count: the Pix handed to Tesseract equals the one Leptonica itself decodes
    # from the same pixels (a PGM in memory), pixel for pixel.
    import ctypes
    import io

    import numpy as np

    lib = libtesseract.load()
    assert lib is not None and lib.lept is not None, "Leptonica comes with libtesseract"
    lept = lib.lept
    pixels = np.random.default_rng(width).integers(0, 256, (7, width), dtype=np.uint8)
    pgm = io.BytesIO()
    Image.fromarray(pixels).save(pgm, format="PPM")  # mode L: a binary PGM
    cdll = ctypes.CDLL(libtesseract._leptonica_names()[0])
    cdll.pixReadMem.argtypes, cdll.pixReadMem.restype = [ctypes.c_char_p, ctypes.c_size_t], \
        ctypes.c_void_p
    cdll.pixEqual.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    data = pgm.getvalue()
    decoded = cdll.pixReadMem(data, len(data))
    filled = lept.pixCreateNoInit(width, 7, 8)
    try:
        libtesseract._fill(lept, filled, pixels)
        same = ctypes.c_int(0)
        assert cdll.pixEqual(decoded, filled, ctypes.byref(same)) == 0
        assert same.value == 1
    finally:
        for pix in (decoded, filled):
            lept.pixDestroy(ctypes.byref(ctypes.c_void_p(pix)))


def test_a_page_reads_the_same_through_a_pix_and_through_bytes(
    engines: libtesseract.Engines,
) -> None:
    # The Pix path (SetImage2, with or without the caller's array) changes the time, not the
    # reading: the same TSV as SetImage from the image's bytes.
    import numpy as np

    page = render_page(TEXTS["history"], width_in=5)
    page = page.crop((0, 0, page.width - 3, page.height))  # a row length of no whole word
    lib = libtesseract.load()
    assert lib is not None and lib.lept is not None
    engine = libtesseract.Engine(lib, "eng")
    try:
        via_pix = engine.tsv(page, psm=3, dpi=300, timeout_s=60, label="pix")
        via_array = engine.tsv(page, psm=3, dpi=300, timeout_s=60, label="array",
                               pixels=np.asarray(page))
        lib.lept = None
        via_bytes = engine.tsv(page, psm=3, dpi=300, timeout_s=60, label="bytes")
    finally:
        engine.close()
    assert len(parse_tsv(via_bytes)) > 20
    assert via_pix == via_array == via_bytes


def test_words_number_blocks_paragraphs_and_lines_as_the_tsv_does() -> None:
    # Engine.words asks whether a word begins a paragraph or a block only where it begins a
    # line (Tesseract derives the wider levels from the line's start). On a full page of prose
    # that Tesseract reads as several blocks, some of several paragraphs, every word still
    # carries the TSV's block, paragraph and line numbers.
    page = full_page(0)
    lib = libtesseract.load()
    assert lib is not None
    engine = libtesseract.Engine(lib, "eng")
    try:
        tsv = parse_tsv(engine.tsv(page, psm=3, dpi=300, timeout_s=120, label="full page"))
        rows = engine.words(page, psm=3, dpi=300, timeout_s=120, label="full page")
    finally:
        engine.close()
    blocks = {w.block for w in tsv}
    paragraphs = {(w.block, w.paragraph) for w in tsv}
    assert len(blocks) >= 2 and len(paragraphs) > len(blocks)  # the page tests every level
    numbered = [(w.block, w.paragraph, w.line) for w in tsv]
    assert [(r[2], r[3], r[4]) for r in rows] == numbered
    assert [Word(*row) for row in rows] == tsv


@pytest.mark.parametrize("name", list(PAGES))
def test_words_off_the_iterator_are_the_tsv_word_rows(name: str) -> None:
    # Engine.words reads the result iterator a word at a time instead of GetTsvText's every
    # symbol: the same words, numbers, boxes and confidences as parse_tsv of the TSV.
    make, language, psm = PAGES[name]
    page = make()
    lib = libtesseract.load()
    assert lib is not None
    engine = libtesseract.Engine(lib, language)
    try:
        tsv = engine.tsv(page, psm=psm, dpi=300, timeout_s=120, label=name)
        rows = engine.words(page, psm=psm, dpi=300, timeout_s=120, label=name)
    finally:
        engine.close()
    assert parse_tsv(tsv)
    assert [Word(*row) for row in rows] == parse_tsv(tsv)
