"""Tesseract in this process through libtesseract's C API, one initialised engine per language.

Running the ``tesseract`` program costs ~0.12 s before it reads a pixel (process start and
model load): half the time of a short page. A pool process keeps its engines instead; each
page is SetImage → Recognize (with a deadline) → GetTsvText → Clear on an engine that already
holds its model. The TSV is the text the program writes (minus its header line), so the same
``parse_tsv`` reads both, and both give the same words and confidences
(tests/test_ocr_engine.py).

What the in-process path gives up, and why ``OcrConfig(tesseract="cli")`` stays:

- the per-page limit is a Tesseract monitor, checked between words; thresholding and layout
  analysis before the first word cannot be interrupted (a killed program could be). It counts
  the CPU time of the reading thread (``cpu_clock``), not the wall clock: on a busy machine
  a page waits for a core longer but does the same work, and must read the same (session 13:
  under load, a noise page's limit ran out before the candidate that reads it, 29.6 % CER
  against 0.24 % on a quiet machine);
- a crash inside Tesseract ends the pool process, which breaks the whole process pool (every
  page in flight and after fails until the pool is rebuilt), where a crashing program failed
  one page.

OpenMP reads OMP_THREAD_LIMIT once, when libgomp is loaded together with this library, so
``load`` sets it (unless the operator did) before loading; ``worker_init`` sets it too.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import numpy as np
from PIL import Image

from agents.exceptions import CorruptInput, MissingLanguagePack, PageTimeout
from agents.ocr.languages import apt_package

log = logging.getLogger(__name__)

OSD = "osd"  # the orientation-and-script pack, kept as one more "language"
CAPACITY = 3  # engines kept per process; each holds its model (measured: eng 17 MB, osd 29 MB)

_int, _float, _str, _ptr = ctypes.c_int, ctypes.c_float, ctypes.c_char_p, ctypes.c_void_p
# capi.h's TessCancelFunc: bool (*)(void* cancel_this, int words); true stops recognition.
_CANCEL = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)
# name: (argtypes, restype) of every function we call; capi.h of Tesseract 4.1 and 5.
_SIGNATURES: dict[str, tuple[list[type], type | None]] = {
    "TessVersion": ([], _str),
    "TessBaseAPICreate": ([], _ptr),
    "TessBaseAPIDelete": ([_ptr], None),
    "TessBaseAPIInit3": ([_ptr, _str, _str], _int),
    "TessBaseAPISetVariable": ([_ptr, _str, _str], _int),
    "TessBaseAPISetPageSegMode": ([_ptr, _int], None),
    "TessBaseAPISetImage": ([_ptr, _str, _int, _int, _int, _int], None),
    "TessBaseAPISetImage2": ([_ptr, _ptr], None),
    "TessBaseAPISetSourceResolution": ([_ptr, _int], None),
    "TessBaseAPIRecognize": ([_ptr, _ptr], _int),
    # a char* we own: read it with string_at, free it with TessDeleteText
    "TessBaseAPIGetTsvText": ([_ptr, _int], _ptr),
    "TessDeleteText": ([_ptr], None),
    "TessBaseAPIClear": ([_ptr], None),
    "TessBaseAPIDetectOrientationScript": (
        [_ptr, ctypes.POINTER(_int), ctypes.POINTER(_float), _ptr, ctypes.POINTER(_float)],
        _int,
    ),
    "TessBaseAPIGetIterator": ([_ptr], _ptr),
    "TessResultIteratorGetPageIterator": ([_ptr], _ptr),
    "TessResultIteratorDelete": ([_ptr], None),
    "TessResultIteratorNext": ([_ptr, _int], _int),
    "TessResultIteratorGetUTF8Text": ([_ptr, _int], _ptr),
    "TessResultIteratorConfidence": ([_ptr, _int], _float),
    "TessPageIteratorIsAtBeginningOf": ([_ptr, _int], _int),
    "TessPageIteratorBoundingBox": ([_ptr, _int, *[ctypes.POINTER(_int)] * 4], _int),
    "TessMonitorCreate": ([], _ptr),
    "TessMonitorDelete": ([_ptr], None),
    "TessMonitorSetCancelFunc": ([_ptr, _CANCEL], None),
}


# Leptonica, which libtesseract links: a page goes to Tesseract as a Pix we fill (SetImage2).
# SetImage from bytes copies them into a Pix one pixel at a time (~6 ms of a 2550 x 2874
# page); a Pix filled by numpy holds the same bytes, and SetImage copies either Pix the same way.
_LEPT_SIGNATURES: dict[str, tuple[list[type], type | None]] = {
    "pixCreateNoInit": ([_int, _int, _int], _ptr),
    "pixGetData": ([_ptr], ctypes.POINTER(ctypes.c_uint32)),
    "pixGetWpl": ([_ptr], _int),
    "pixDestroy": ([ctypes.POINTER(_ptr)], None),
}


# Page iterator levels (publictypes.h PageIteratorLevel).
_RIL_BLOCK, _RIL_PARA, _RIL_TEXTLINE, _RIL_WORD = 0, 1, 2, 3
# One word as the TSV's row says it: text, confidence, block, paragraph, line, left, top,
# width, height.
RawWord = tuple[str, float, int, int, int, int, int, int, int]
_Result = TypeVar("_Result")


def cpu_clock() -> float:
    """Seconds of CPU time this thread has used: what a page's time limit counts. Tesseract
    reads a page in the thread that asks (OMP_THREAD_LIMIT=1 in workers), so the page's own
    work is counted and a neighbour's is not."""
    return time.thread_time()


class Library:
    """libtesseract's functions, each with its signature declared, as attributes. Every call
    releases the GIL (ctypes.CDLL), so other threads of the process run while Tesseract does.
    ``lept`` holds Leptonica's functions the same way, or is None when Leptonica cannot be
    loaded (pages then go through SetImage from bytes)."""

    def __init__(self, name: str) -> None:
        _declare(self, ctypes.CDLL(name), _SIGNATURES)
        self.version = str(self.TessVersion().decode())
        self.lept: Any = None
        for lept in _leptonica_names():
            with contextlib.suppress(OSError, AttributeError):
                self.lept = _declare(_Functions(), ctypes.CDLL(lept), _LEPT_SIGNATURES)
                break

    def __getattr__(self, name: str) -> Any:  # only reached for a function we did not declare
        raise AttributeError(f"{name} is not among the declared libtesseract functions")


class _Functions:
    """A namespace for declared C functions."""


def _declare(target: Any, cdll: ctypes.CDLL,
             signatures: dict[str, tuple[list[type], type | None]]) -> Any:
    for function, (argtypes, restype) in signatures.items():
        pointer = getattr(cdll, function)
        pointer.argtypes = argtypes
        pointer.restype = restype
        setattr(target, function, pointer)
    return target


def _leptonica_names() -> list[str]:
    found = ctypes.util.find_library("leptonica") or ctypes.util.find_library("lept")
    return [name for name in (found, "libleptonica.so.6", "liblept.so.5") if name]


def load(names: Sequence[str] | None = None) -> Library | None:
    """libtesseract with every function we use declared; None, logged once, when no candidate
    loads (not installed, or too old to have the C API we call)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    candidates = names if names is not None else _default_names()
    problems = []
    for name in candidates:
        try:
            lib = Library(name)
        except (OSError, AttributeError) as exc:
            problems.append(f"{name}: {exc}")
            continue
        log.debug("libtesseract %s from %s", lib.version, name)
        return lib
    log.warning(
        "libtesseract could not be loaded (%s); OCR runs one tesseract program per page "
        "instead, which costs ~0.1 s more per page",
        "; ".join(problems) or "no candidates",
    )
    return None


def _default_names() -> list[str]:
    found = ctypes.util.find_library("tesseract")
    return [name for name in (found, "libtesseract.so.5", "libtesseract.so.4") if name]


class Engine:
    """One TessBaseAPI with its model loaded. Not thread-safe: ``Engines`` lends it to one
    thread at a time."""

    def __init__(self, lib: Library, language: str) -> None:
        self.lib = lib
        self.language = language
        self.handle = lib.TessBaseAPICreate()
        if not self.handle:
            raise MemoryError("TessBaseAPICreate returned NULL")
        if lib.TessBaseAPIInit3(self.handle, None, language.encode()) != 0:
            lib.TessBaseAPIDelete(self.handle)
            self.handle = None
            packages = " ".join(apt_package(code) for code in language.split("+"))
            raise MissingLanguagePack(
                f"Tesseract could not load the {language} language pack; install {packages}"
            )
        # Tesseract's own warnings ("Detected 12 diacritics", "Empty page!!") went to the
        # program's stderr, which pytesseract swallowed; they would flood the worker's log.
        lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())

    def tsv(self, image: Image.Image, *, psm: int, dpi: int, timeout_s: float, label: str,
            pixels: np.ndarray | None = None) -> str:
        """Tesseract's TSV of ``image`` (no header line); PageTimeout past ``timeout_s`` seconds
        of this thread's CPU time (``cpu_clock``). ``pixels``: ``image`` as an 8-bit array,
        when the caller holds one (the same pixels; it saves copying them out of ``image``)."""
        return self._read(image, psm, dpi, timeout_s, label, pixels, self._tsv)

    def words(self, image: Image.Image, *, psm: int, dpi: int, timeout_s: float, label: str,
              pixels: np.ndarray | None = None) -> list[RawWord]:
        """The word rows of ``tsv`` (level 5), read off Tesseract's result iterator instead of
        its TSV text: GetTsvText walks every symbol of the page (~73 ms of a clean full page,
        more than all our checks of it); one step per word costs ~35 ms. Each row is
        (text, confidence, block, paragraph, line, left, top, width, height), numbered and
        formatted as the TSV does (the confidence through "%f", as std::to_string writes it);
        words with no text are left out as parse_tsv leaves them."""
        return self._read(image, psm, dpi, timeout_s, label, pixels, self._words)

    def _tsv(self, label: str) -> str:
        text = self.lib.TessBaseAPIGetTsvText(self.handle, 0)
        if not text:
            raise CorruptInput(f"{label}: Tesseract returned no result")
        try:
            return ctypes.string_at(text).decode("utf-8", errors="replace")
        finally:
            self.lib.TessDeleteText(text)

    def _words(self, label: str) -> list[RawWord]:
        lib = self.lib
        results = lib.TessBaseAPIGetIterator(self.handle)
        if not results:
            return []  # nothing recognised: the TSV has no word rows either
        page = lib.TessResultIteratorGetPageIterator(results)
        left, top, right, bottom = _int(), _int(), _int(), _int()
        box = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
        words: list[RawWord] = []
        block = paragraph = line = 0
        try:
            while True:
                text = lib.TessResultIteratorGetUTF8Text(results, _RIL_WORD)
                if text:  # GetTSVText numbers and writes only words that are not empty
                    try:
                        said = ctypes.string_at(text).decode("utf-8", errors="replace")
                    finally:
                        lib.TessDeleteText(text)
                    # A block begins on a paragraph's first word and a paragraph on a
                    # line's (Tesseract's ResultIterator::IsAtBeginningOf derives each from
                    # the one below), so the wider levels are asked only at a line's start:
                    # each question costs ~13 us, three a word were ~19 ms of a full page.
                    if lib.TessPageIteratorIsAtBeginningOf(page, _RIL_TEXTLINE):
                        if lib.TessPageIteratorIsAtBeginningOf(page, _RIL_PARA):
                            if lib.TessPageIteratorIsAtBeginningOf(page, _RIL_BLOCK):
                                block, paragraph = block + 1, 0
                            paragraph, line = paragraph + 1, 0
                        line += 1
                    confidence = float(f"{lib.TessResultIteratorConfidence(results, _RIL_WORD):f}")
                    lib.TessPageIteratorBoundingBox(page, _RIL_WORD, *box)
                    said = said.strip()
                    if said and confidence >= 0:
                        words.append((said, confidence, block, paragraph, line, left.value,
                                      top.value, right.value - left.value,
                                      bottom.value - top.value))
                if not lib.TessResultIteratorNext(results, _RIL_WORD):
                    return words
        finally:
            lib.TessResultIteratorDelete(results)

    def _read(self, image: Image.Image, psm: int, dpi: int, timeout_s: float, label: str,
              pixels: np.ndarray | None, result: Callable[[str], _Result]) -> _Result:
        lib, handle = self.lib, self.handle
        self._set_image(image, dpi, pixels)
        lib.TessBaseAPISetPageSegMode(handle, psm)
        monitor = lib.TessMonitorCreate()
        started = cpu_clock()

        def spent(_this: int | None, _words: int) -> bool:  # asked between words
            return cpu_clock() - started >= timeout_s

        cancel = _CANCEL(spent)  # referenced until Recognize returns
        try:
            lib.TessMonitorSetCancelFunc(monitor, cancel)
            failed = lib.TessBaseAPIRecognize(handle, monitor) != 0
            # Past the limit is a timeout whether the monitor stopped recognition or layout
            # analysis (which the monitor cannot stop) overran: the page took too long.
            if cpu_clock() - started >= timeout_s:
                raise PageTimeout(f"{label}: Tesseract took longer than {timeout_s:.0f} s")
            if failed:
                raise CorruptInput(f"{label}: Tesseract could not read the page")
            return result(label)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(handle)

    def rotation(self, image: Image.Image) -> tuple[int, float] | None:
        """Orientation and script detection on an engine of the ``osd`` pack: the clockwise
        degrees that make the page upright and OSD's confidence (what ``tesseract --psm 0``
        prints as Rotate and Orientation confidence); None when OSD declines."""
        lib, handle = self.lib, self.handle
        self._set_image(image, 0)
        degrees, confidence = _int(), _float()
        try:
            found = lib.TessBaseAPIDetectOrientationScript(
                handle, ctypes.byref(degrees), ctypes.byref(confidence), None, None
            )
        finally:
            lib.TessBaseAPIClear(handle)
        if not found:
            return None
        # The API reports how far the page is turned, clockwise (the program's "Orientation in
        # degrees"); its "Rotate" is the clockwise turn that undoes that.
        return (360 - degrees.value) % 360, round(confidence.value, 2)

    def _set_image(self, image: Image.Image, dpi: int, pixels: np.ndarray | None = None) -> None:
        gray = image if image.mode == "L" else image.convert("L")
        width, height = gray.size
        lept = self.lib.lept
        if pixels is not None and (image.mode != "L" or pixels.dtype != np.uint8
                                   or pixels.shape != (height, width)):
            pixels = None  # not the image's grey pixels: read them from the image
        if lept is None:
            # SetImage copies the pixels, so the bytes may go as soon as it returns.
            self.lib.TessBaseAPISetImage(self.handle, gray.tobytes(), width, height, 1, width)
        else:
            pix = lept.pixCreateNoInit(width, height, 8)
            if not pix:
                raise MemoryError("pixCreateNoInit returned NULL")
            try:
                _fill(lept, pix, np.asarray(gray) if pixels is None else pixels)
                self.lib.TessBaseAPISetImage2(self.handle, pix)  # copies the Pix
            finally:
                lept.pixDestroy(ctypes.byref(_ptr(pix)))
        if dpi:
            self.lib.TessBaseAPISetSourceResolution(self.handle, dpi)

    def close(self) -> None:
        if self.handle:
            self.lib.TessBaseAPIDelete(self.handle)
            self.handle = None


def _fill(lept: Any, pix: int, pixels: np.ndarray) -> None:
    """Put 8-bit ``pixels`` into ``pix`` (as wide and high, 8 bpp). Leptonica keeps each row
    as 32-bit words whose first pixel is the word's most significant byte, so on a
    little-endian machine the row's bytes are swapped within each word (what SetImage's
    SET_DATA_BYTE does one pixel at a time); the padding at a row's end is zeroed."""
    height, width = pixels.shape
    words = np.ctypeslib.as_array(lept.pixGetData(pix), shape=(height, lept.pixGetWpl(pix)))
    row = words.view(np.uint8)
    row[:, :width] = pixels
    row[:, width:] = 0
    if np.little_endian:
        words.byteswap(inplace=True)


class Engines:
    """Initialised engines by language; the least recently used is dropped past ``capacity``.

    A thread takes an engine out while it reads a page and puts it back after, so two threads
    never share one; a second thread wanting a busy language gets an engine of its own.
    """

    def __init__(self, lib: Library, capacity: int = CAPACITY) -> None:
        self.lib = lib
        self.capacity = max(1, capacity)
        self._idle: OrderedDict[str, Engine] = OrderedDict()
        self._lock = threading.Lock()

    def tsv(
        self,
        image: Image.Image,
        language: str,
        *,
        psm: int,
        dpi: int,
        timeout_s: float,
        label: str,
        pixels: np.ndarray | None = None,
    ) -> str:
        with self._page_engine(language, timeout_s, label) as engine:
            return engine.tsv(image, psm=psm, dpi=dpi, timeout_s=timeout_s, label=label,
                              pixels=pixels)

    def words(
        self,
        image: Image.Image,
        language: str,
        *,
        psm: int,
        dpi: int,
        timeout_s: float,
        label: str,
        pixels: np.ndarray | None = None,
    ) -> list[RawWord]:
        with self._page_engine(language, timeout_s, label) as engine:
            return engine.words(image, psm=psm, dpi=dpi, timeout_s=timeout_s, label=label,
                                pixels=pixels)

    def rotation(self, image: Image.Image) -> tuple[int, float] | None:
        with self._engine(OSD) as engine:
            return engine.rotation(image)

    def warm(self, language: str) -> None:
        """Load ``language`` now, so the first page does not pay for it."""
        with self._engine(language):
            pass

    @property
    def cached(self) -> tuple[str, ...]:
        """Languages with an idle engine, least recently used first."""
        with self._lock:
            return tuple(self._idle)

    @contextmanager
    def _page_engine(self, language: str, timeout_s: float, label: str) -> Iterator[Engine]:
        """An engine of ``language`` to read one page with, when the page has time left."""
        if timeout_s <= 0:
            raise PageTimeout(f"{label}: no time left of the per-page limit")
        with self._engine(language) as engine:
            yield engine

    @contextmanager
    def _engine(self, language: str) -> Iterator[Engine]:
        with self._lock:
            engine = self._idle.pop(language, None)
        if engine is None:
            engine = Engine(self.lib, language)  # ~0.1 s; outside the lock
        try:
            yield engine
        finally:
            self._put_back(engine)

    def _put_back(self, engine: Engine) -> None:
        dropped = []
        with self._lock:
            if engine.language in self._idle:
                dropped.append(engine)  # another thread returned one meanwhile
            else:
                self._idle[engine.language] = engine
            while len(self._idle) > self.capacity:
                dropped.append(self._idle.popitem(last=False)[1])
        for old in dropped:
            old.close()

    def close(self) -> None:
        with self._lock:
            engines, self._idle = list(self._idle.values()), OrderedDict()
        for engine in engines:
            engine.close()


# The process is the scope of these engines: pool workers are reached only through a pickled
# top-level function, so there is no object to hand them; each process loads its own.
_shared: Engines | None = None
_shared_loaded = False
_shared_lock = threading.Lock()


def shared() -> Engines | None:
    """This process's engines, loaded on first use; None when libtesseract is unavailable."""
    global _shared, _shared_loaded
    with _shared_lock:
        if not _shared_loaded:
            lib = load()
            _shared = Engines(lib) if lib is not None else None
            _shared_loaded = True
        return _shared
