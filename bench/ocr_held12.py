"""The OCR evaluation held aside in session 12 (split ``s12-test``): nobody tunes on it.

By then every earlier split (bench/ocr_corpus.py's dev and test, bench/ocr_fresh.py's fresh-dev
and fresh-test, s9-test, s10-test and s11-test) had been read while tuning. This one is built
the way s11-test was (bench/ocr_held.py), from material none of them used
(bench/ocr_data/SOURCES.md):

- public-domain books from Project Gutenberg, as mirrored by GITenberg (two English, one
  French, one German): one passage each, drawn by a generator seeded with the split and the
  book's name, typeset in style/size pairs no earlier split used (the first bold and italic
  serif pages), then degraded by every family of bench/ocr_corpus.FAMILIES (phone photos
  included) under seeds named by the split;
- real pages with hand-made line-level ALTO truth from three corpora of the HTR-United
  catalogue (CC BY), read as they are: French printed books of 1800-1989 scanned by the
  Sorbonne's library (NuBIS), German prose pages of Swiss art catalogues of the 1880s, and
  English typewritten letters of 1905 (Stanford University Archives), whose truth is their
  typed and printed lines (the corpus types every line; the handwritten ones and signatures
  are left out, as s11-test's typescripts leave margin notes out). Running-text pages in
  Latin script, drawn by a generator seeded with the split, a few per document. Each corpus
  is read from a checkout named by its own environment variable
  (``Scans.variable``); without it its pages are skipped and the bench says so.

Engineers never open this file's data, its sources or any OCR output of its pages. Build the
passages once (the result is committed as bench/ocr_data/held12_pages.json)::

    python -m bench.ocr_held12 passages --mirrors /work/.mirror

and evaluate with ``python -m bench.ocr_accuracy --split s12-test --pages``.
"""

from __future__ import annotations

from pathlib import Path

from bench import ocr_held as held
from bench.ocr_held import Scans

SPLIT = "s12-test"
DATA = Path(__file__).resolve().parent / "ocr_data"
PASSAGES = DATA / "held12_pages.json"

BOOKS: list[held.Book] = [
    ("GITenberg/News-from-Nowhere--Or-An-Epoch-of-Rest--13-Being-Some-Chapters-from-a-Utopian-Romance_3261",
     "3261.txt", "79bd67b", "en", 1),
    ("GITenberg/The-Log-School-House-on-the-Columbia_14881", "14881-8.txt", "e0989d1", "en", 1),
    ("GITenberg/Candide_4650", "4650-8.txt", "3460a80", "fr", 1),
    ("GITenberg/Die-Verwandlung_22367", "22367-8.txt", "dd2beec", "de", 1),
]
# Style and size pairs no earlier split set a page in (they used Serif 9.5-12, Sans 9-12.5,
# SerifCondensed 9-12, SansCondensed 9.5-12, SansMono 9-11, Sans-Oblique 11): smaller and
# larger print than any, and DejaVu's bold and italic serif faces, which none used.
FACES: list[held.Face] = [("Serif", 8.5, 7.0), ("Sans", 13.0, 8.5),
                          ("SerifCondensed-Italic", 10.5, 8.0), ("Serif-Bold", 10.0, 7.5)]
TESSERACT = {"en": "eng", "fr": "fra", "de": "deu"}

CORPORA = [
    # 19 printed books of the Sorbonne's digital library, three pages each; the nine printed
    # from 1800 to 1989 (the year is in the file name), at most two pages of a book
    Scans("nubis", "ksefil/NuBIS-OCR", "7578be3b63615fc54d7068669d7ecd12ddbcfc96",
          "CARDSTREAM_NUBIS", "alto", "fra", count=13, per_document=2, images="images",
          only=r"_(18|19)\d\d_\d+\.xml$"),
    # typewritten letters on printed letterheads (1905); a short letter fills 14 lines
    Scans("stanford", "PSL-Chartes-HTR-Students/HN2021-Memorials_Jane_Lathrop_Stanford",
          "9266adbc8aea6564b4b8447bcbe205ae1c1e87f2", "CARDSTREAM_STANFORD", "data", "eng",
          count=4, per_document=1, min_lines=14,
          kinds=("DefaultLine:Typewritten", "DefaultLine:Print")),
    # Swiss art exhibition catalogues (1852-1890), mostly numbered lists of works; their German
    # prose pages (40+ characters a line, as for s11-test's typescripts) are running text
    Scans("artlas-de", "FoNDUE-HTR/FONDUE-MLT-ART", "08d6e83060a940b8084a0db3acb560e3ddbdcff9",
          "CARDSTREAM_MLT_ART", "data/german", "deu", count=2, per_document=2, min_width=40),
]


SPEC = held.Held(SPLIT, "bench.ocr_held12", PASSAGES, BOOKS, FACES, TESSERACT, CORPORA)
build_passages = SPEC.build
text_sources = SPEC.text_sources
scan_names = SPEC.scan_names
real_case = SPEC.real_case


def main() -> None:
    SPEC.main(__doc__ or "")

if __name__ == "__main__":
    main()
