"""A third OCR evaluation, held aside in session 9 and run once at its end (split ``s9-test``).

By then the first suite (bench/ocr_corpus.py) and the second (bench/ocr_fresh.py) had both been
read while tuning, so neither measures held-out accuracy any more. This split is built the way
the second was, from material the OCR work has never seen:

- public-domain books from Project Gutenberg, as mirrored by GITenberg, none used before
  (three English, one German; bench/ocr_data/SOURCES.md): one passage each, drawn by a
  generator seeded with the book's name, typeset in faces and sizes neither suite used, then
  degraded by every family of bench/ocr_corpus.FAMILIES (phone photos included) under seeds
  named by the split, which no earlier split shares;
- real typewritten pages with hand-made line-level truth from HTR-United/tapuscorpus (French,
  20th century, CC BY 4.0), read as they are: running-text pages (no handwriting, no struck-out
  words, no tables; lines 45+ characters on average), drawn by a seeded generator, at most two
  per document. The images are read from a checkout (``CARDSTREAM_TAPUSCORPUS``), not copied.

Nobody reads these pages, their truth or any OCR output of them while tuning. Build the passages
(once; the result is committed as bench/ocr_data/held9_pages.json)::

    python -m bench.ocr_held9 passages --mirrors /work/.mirror

and evaluate once with ``python -m bench.ocr_accuracy --split s9-test --pages``.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import zlib
from pathlib import Path

from bench import ocr_held as held
from bench.ocr_case import Case, Source
from bench.ocr_fresh import REAL
from bench.ocr_held import alto_lines, alto_pages, draw_pages, draw_texts, git

SPLIT = "s9-test"
DATA = Path(__file__).resolve().parent / "ocr_data"
PASSAGES = DATA / "held9_pages.json"

# (GITenberg repository, file, commit, language, passages)
BOOKS = [
    ("GITenberg/Commercial-GeographyA-Book-for-High-Schools-Commercial-Courses-and-Business-Colleges_24884",
     "24884-8.txt", "43bf9b1", "en", 1),
    ("GITenberg/The-Mide-wiwin-or--Grand-Medicine-Society--of-the-OjibwaGovernment-Printing-Office-Washington__19368",
     "19368-0.txt", "68d828c", "en", 1),
    ("GITenberg/The-Pianoforte-SonataIts-Origin-and-Development_17074",
     "17074-8.txt", "9b40d3a", "en", 1),
    ("GITenberg/Italienische-Reise-Band-1_2404", "2404-8.txt", "efcb0d9", "de", 1),
]
# Faces and sizes neither earlier suite set a page in: (style, points, page width in inches).
FACES = [("Serif", 11.0, 8.0), ("SansMono", 9.0, 8.5), ("Sans", 12.5, 8.5),
         ("SerifCondensed", 10.0, 7.5)]
TESSERACT = {"en": "eng", "de": "deu"}

# HTR-United/tapuscorpus at this commit; the directory is a git checkout or bare repository.
SCANS_COMMIT = "f18a6afe067bdb213d58ba2b69c3a04013149685"
SCANS_DIR = Path(os.environ.get("CARDSTREAM_TAPUSCORPUS",
                                "/work/.mirror/HTR-United+tapuscorpus/repo"))
SCANS = 12
SCAN_MIN_WIDTH = 45  # mean characters per line: running text, not verse, lists or a play
PER_DOCUMENT = 2


def build_passages(mirrors: Path) -> dict[str, object]:
    """Each book's passages (bench.ocr_held.draw_texts) and the drawn real pages."""
    return {"about": "Project Gutenberg passages (public domain in the USA) via GITenberg, and "
                     "the real pages drawn from HTR-United/tapuscorpus (CC BY 4.0), held aside "
                     "in session 9; built by `python -m bench.ocr_held9 passages`",
            "texts": draw_texts(mirrors, SPLIT, BOOKS), "scans": draw_scans(SCANS_DIR)}


def plain(line: str) -> str:
    """A transcribed line as printed: the corpus marks underlined words with a leading '_' and
    superscripts with '^' (its README), which no reader of the page sees."""
    return " ".join(re.sub(r"(?<!\w)_+|\^", "", line).split())


def draw_scans(directory: Path) -> list[dict[str, str]]:
    """Running-text pages of the corpus (README: '~~~' is handwriting, '⟦⟧' struck-out text),
    drawn with a generator seeded by the split, at most PER_DOCUMENT from one document."""
    eligible = []
    for xml, image in alto_pages(directory, SCANS_COMMIT):
        if "catalogue" in xml:
            continue
        lines = [line for line in alto_lines(git(directory, "show", f"{SCANS_COMMIT}:{xml}"))
                 if line.strip()]
        text = "\n".join(lines)
        if ("~~~" in text or "⟦" in text or len(lines) < 15
                or statistics.fmean(map(len, lines)) < SCAN_MIN_WIDTH):
            continue
        folder, name = xml.split("/")[1:3]
        document = name[:15] if folder.startswith("europeana") else folder
        eligible.append({"id": f"real-tapus-{zlib.crc32(xml.encode()):08x}", "document": document,
                         "xml": xml, "image": image})
    return draw_pages(eligible, f"{SPLIT}:tapuscorpus", PER_DOCUMENT, SCANS)


def scan_names(split: str = SPLIT) -> list[str]:
    """The real pages of the split (none when no checkout of the corpus is at hand)."""
    if split != SPLIT:
        return []
    if not SCANS_DIR.exists():
        print(f"(real scans skipped: no HTR-United/tapuscorpus checkout at {SCANS_DIR})")
        return []
    return [page["id"] for page in json.loads(PASSAGES.read_text(encoding="utf-8"))["scans"]]


def real_case(split: str, name: str) -> Case:
    """A real page as its file is, with its transcribed lines."""
    page = next(p for p in json.loads(PASSAGES.read_text(encoding="utf-8"))["scans"]
                if p["id"] == name)
    lines = [line for line in (plain(raw) for raw in alto_lines(
        git(SCANS_DIR, "show", f"{SCANS_COMMIT}:{page['xml']}"))) if line]
    data = git(SCANS_DIR, "show", f"{SCANS_COMMIT}:{page['image']}")
    return Case(split, REAL, name, "fra", "\n".join(lines), tuple(lines), data, 0)


def text_sources(split: str = SPLIT) -> list[Source]:
    texts = json.loads(PASSAGES.read_text(encoding="utf-8"))["texts"]
    return held.text_sources(texts, split, FACES, TESSERACT)


def main() -> None:
    held.build_cli(__doc__ or "", PASSAGES, build_passages)

if __name__ == "__main__":
    main()
