"""The OCR evaluation held aside in session 10 (split ``s10-test``): nobody tunes on it.

By then every earlier split (bench/ocr_corpus.py's dev and test, bench/ocr_fresh.py's fresh-dev
and fresh-test, bench/ocr_held9.py's s9-test) had been read while tuning. This one is built the
way s9-test was (bench/ocr_held.py), from material none of them used
(bench/ocr_data/SOURCES.md):

- public-domain books from Project Gutenberg, as mirrored by GITenberg (three English, one
  Spanish): one passage each, drawn by a generator seeded with the split and the book's name,
  typeset in faces and sizes no earlier split used, then degraded by every family of
  bench/ocr_corpus.FAMILIES (phone photos included) under seeds named by the split;
- real scans of 19th-century Spanish books and a newspaper with hand-made line-level truth
  from FoNDUE-HTR/FONDUE-ES-PRINT-19 (transcriptions CC BY 4.0), read as they are: running-text
  pages drawn by a seeded generator, at most two per document. The images are read from a
  checkout named by ``CARDSTREAM_FONDUE_ES`` (not copied here); without it the real pages are
  skipped and the bench says so.

Engineers never open this file's data, its sources or any OCR output of its pages. Build the
passages once (the result is committed as bench/ocr_data/held10_pages.json)::

    python -m bench.ocr_held10 passages --mirrors /work/.mirror

and evaluate with ``python -m bench.ocr_accuracy --split s10-test --pages``.
"""

from __future__ import annotations

import os
import statistics
import sys
import zlib
from pathlib import Path

from bench import ocr_held as held
from bench.ocr_case import Case, Source
from bench.ocr_fresh import REAL
from bench.ocr_held import alto_lines, alto_pages, draw_pages, draw_texts, git

SPLIT = "s10-test"
DATA = Path(__file__).resolve().parent / "ocr_data"
PASSAGES = DATA / "held10_pages.json"

BOOKS: list[held.Book] = [
    ("GITenberg/Charles-Dickens-and-Music_16595", "16595-8.txt", "9be22db", "en", 1),
    ("GITenberg/Guernsey-Folk-Lore-a-collection-of-popular-superstitions-legendary-tales-peculiar-customs-pro__52834",
     "52834-0.txt", "9cde445", "en", 1),
    ("GITenberg/Legend-Land-Vol.-1Railway._20170", "20170-8.txt", "e3218eb", "en", 1),
    ("GITenberg/Don-Quijote_2000", "2000-8.txt", "7879f2c", "es", 1),
]
# Style and size pairs no earlier split set a page in (they used Serif 9.5-11, Sans 9-12.5,
# SerifCondensed 10-12, SansCondensed 10.5, SansMono 9).
FACES: list[held.Face] = [("SansCondensed", 12.0, 8.0), ("Serif", 12.0, 7.5),
                          ("SansMono", 11.0, 8.5), ("SerifCondensed", 9.0, 8.0)]
TESSERACT = {"en": "eng", "es": "spa"}

# FoNDUE-HTR/FONDUE-ES-PRINT-19 at this commit; a git checkout or bare repository.
SCANS_REPO = "FoNDUE-HTR/FONDUE-ES-PRINT-19"
SCANS_COMMIT = "52b7912ef919d1dcc65ae25dc4fa62a33831080f"
SCANS_DIR = Path(os.environ.get("CARDSTREAM_FONDUE_ES",
                                "/work/.mirror/FoNDUE-HTR+FONDUE-ES-PRINT-19/repo"))
SCANS = 14
MIN_LINES = 15
# mean characters per line: running text, not verse or a title page; the corpus's book pages
# are small octavos, so the bar is lower than for s9-test's typewritten letters
SCAN_MIN_WIDTH = 35
PER_DOCUMENT = 2


def build_passages(mirrors: Path) -> dict[str, object]:
    """Each book's passages (bench.ocr_held.draw_texts) and the drawn real pages."""
    return {"about": "Project Gutenberg passages (public domain in the USA) via GITenberg, and "
                     f"the real pages drawn from {SCANS_REPO} (transcriptions CC BY 4.0), held "
                     "aside in session 10; built by `python -m bench.ocr_held10 passages`",
            "texts": draw_texts(mirrors, SPLIT, BOOKS), "scans": draw_scans(SCANS_DIR)}


# A transcribed line as printed: the corpus is stored decomposed (NFD, its catalogue entry) and
# writes a hyphen broken at the line end as '¬' (SegmOnto), which is printed as '-'.
plain = held.composed


def draw_scans(directory: Path) -> list[dict[str, str]]:
    """Running-text pages of the corpus (MIN_LINES+ lines averaging SCAN_MIN_WIDTH+ characters),
    drawn with a generator seeded by the split, at most PER_DOCUMENT from one document (one
    folder of data/)."""
    eligible = []
    for xml, image in alto_pages(directory, SCANS_COMMIT):
        lines = [plain(line) for line in alto_lines(git(directory, "show",
                                                        f"{SCANS_COMMIT}:{xml}"))]
        lines = [line for line in lines if line]
        if len(lines) < MIN_LINES or statistics.fmean(map(len, lines)) < SCAN_MIN_WIDTH:
            continue
        eligible.append({"id": f"real-fondue-es-{zlib.crc32(xml.encode()):08x}",
                         "document": xml.split("/")[1], "xml": xml, "image": image})
    return draw_pages(eligible, f"{SPLIT}:{SCANS_REPO}", PER_DOCUMENT, SCANS)


def scan_names(split: str = SPLIT) -> list[str]:
    """The real pages of the split; none, said plainly, when the corpus is not at hand."""
    if split != SPLIT:
        return []
    names = [str(page["id"]) for page in held.committed(PASSAGES)["scans"]]
    missing = (f"no checkout at {SCANS_DIR}" if not SCANS_DIR.exists()
               else None if held.has_commit(SCANS_DIR, SCANS_COMMIT)
               else f"{SCANS_DIR} lacks commit {SCANS_COMMIT}")
    if missing:
        print(f"{SPLIT}: its {len(names)} real pages are SKIPPED ({missing}): set "
              f"CARDSTREAM_FONDUE_ES to a clone of https://github.com/{SCANS_REPO} that has "
              f"commit {SCANS_COMMIT}", file=sys.stderr)
        return []
    return names


def real_case(split: str, name: str) -> Case:
    """A real page as its file is, with its transcribed lines."""
    page = next(p for p in held.committed(PASSAGES)["scans"] if p["id"] == name)
    lines = [line for line in (plain(raw) for raw in alto_lines(
        git(SCANS_DIR, "show", f"{SCANS_COMMIT}:{page['xml']}"))) if line]
    data = git(SCANS_DIR, "show", f"{SCANS_COMMIT}:{page['image']}")
    return Case(split, REAL, name, "spa", "\n".join(lines), tuple(lines), data, 0)


def text_sources(split: str = SPLIT) -> list[Source]:
    return held.text_sources(held.committed(PASSAGES)["texts"], split, FACES, TESSERACT)


def main() -> None:
    held.build_cli(__doc__ or "", PASSAGES, build_passages)

if __name__ == "__main__":
    main()
