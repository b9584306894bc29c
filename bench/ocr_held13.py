"""The OCR evaluation held aside in session 13 (split ``s13-test``): nobody tunes on it.

By then every earlier split (bench/ocr_corpus.py's dev and test, bench/ocr_fresh.py's fresh-dev
and fresh-test, s9-test, s10-test, s11-test and s12-test) had been read while tuning. This one
is built the way s12-test was (bench/ocr_held.py), from material none of them used
(bench/ocr_data/SOURCES.md):

- public-domain books from Project Gutenberg, as mirrored by GITenberg (two English, one
  French, one German, one Spanish): one passage each, drawn by a generator seeded with the
  split and the book's name, typeset in style/size pairs no earlier split used (DejaVu's
  upright italic serif, condensed oblique sans, bold mono, bold sans and condensed bold serif
  faces), then degraded by every family of bench/ocr_corpus.FAMILIES (phone photos included)
  under seeds named by the split;
- real pages with hand-made line-level truth from two corpora no earlier split read, as they
  are: a French patent gazette printed in two columns in 1910 (ALTO, CC BY 4.0), and Spanish
  chapbooks printed in Madrid in the 19th century, mostly verse set in two columns (PAGE-XML
  exported from Transkribus, CC BY-SA 4.0). Pages in Latin script, drawn by a generator seeded
  with the split. Each corpus is read from a checkout named by its own environment variable
  (``Scans.variable``); without it its pages are skipped and the bench says so.

Engineers never open this file's data, its sources or any OCR output of its pages. Build the
passages once (the result is committed as bench/ocr_data/held13_pages.json)::

    python -m bench.ocr_held13 passages --mirrors /work/.mirror

and evaluate with ``python -m bench.ocr_accuracy --split s13-test --pages``.
"""

from __future__ import annotations

from pathlib import Path

from bench import ocr_held as held
from bench.ocr_held import Scans

SPLIT = "s13-test"
DATA = Path(__file__).resolve().parent / "ocr_data"
PASSAGES = DATA / "held13_pages.json"

BOOKS: list[held.Book] = [
    ("GITenberg/The-Chemical-History-of-a-Candle_14474", "14474-8.txt", "8e77842", "en", 1),
    ("GITenberg/The-Devil-s-Dictionary_972", "972.txt", "fcea6b9", "en", 1),
    ("GITenberg/Madame-Bovary_14155", "14155-8.txt", "defa45e", "fr", 1),
    ("GITenberg/Effi-Briest_5323", "5323-8.txt", "ad711db", "de", 1),
    ("GITenberg/Marianela_17340", "17340-8.txt", "4e67b60", "es", 1),
]
# Style and size pairs no earlier split set a page in (they used Serif 8.5-12, Sans 9-13,
# SerifCondensed 9-12, SansCondensed 9.5-12, SansMono 9-11, Sans-Oblique 11,
# SerifCondensed-Italic 10.5 and Serif-Bold 10): DejaVu faces none used.
FACES: list[held.Face] = [("Serif-Italic", 11.0, 8.0), ("SansCondensed-Oblique", 10.0, 7.5),
                          ("SansMono-Bold", 9.5, 8.5), ("Sans-Bold", 9.5, 7.0),
                          ("SerifCondensed-Bold", 11.5, 8.5)]
TESSERACT = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa"}

CORPORA = [
    # Argus des brevets d'invention (Paris, 1910), one issue: patents listed in two columns of
    # short entries, so its lines are narrow (about 30 characters) without being verse
    Scans("argus", "PSL-Chartes-HTR-Students/TNAH-2021-ArgusDesBrevets",
          "37a35e2ee3a3e869fcc6d71d459380feea25054b", "CARDSTREAM_ARGUS", "data", "fra",
          count=5, per_document=5, min_width=28, page=r"/[^/]*$"),
    # 19th-century chapbooks of one Madrid printer (José María Moreno), 124 of them, one to
    # four pages each: romances in two columns of short verse lines, title pages with
    # woodcuts; its file names carry the page as "_N" and sometimes a "NNNN_" prefix
    Scans("moreno", "DesenrollandoElCordel/Moreno-OCR-files",
          "3509f3e342a8a8fcc137b80ec031da275d3c1e28", "CARDSTREAM_MORENO", "Moreno-GroundTruth",
          "spa", count=11, per_document=1, min_width=20, markup="page", licence="CC BY-SA 4.0",
          page=r"\d{4}_(?=Moreno)|_\d+\.xml$"),
]


SPEC = held.Held(SPLIT, "bench.ocr_held13", PASSAGES, BOOKS, FACES, TESSERACT, CORPORA)
build_passages = SPEC.build
text_sources = SPEC.text_sources
scan_names = SPEC.scan_names
real_case = SPEC.real_case


def main() -> None:
    SPEC.main(__doc__ or "")

if __name__ == "__main__":
    main()
