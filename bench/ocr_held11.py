"""The OCR evaluation held aside in session 11 (split ``s11-test``): nobody tunes on it.

By then every earlier split (bench/ocr_corpus.py's dev and test, bench/ocr_fresh.py's fresh-dev
and fresh-test, s9-test and s10-test) had been read while tuning. This one is built the way
s10-test was (bench/ocr_held.py), from material none of them used (bench/ocr_data/SOURCES.md):

- public-domain books from Project Gutenberg, as mirrored by GITenberg (three English, one
  German): one passage each, drawn by a generator seeded with the split and the book's name,
  typeset in style/size pairs no earlier split used, then degraded by every family of
  bench/ocr_corpus.FAMILIES (phone photos included) under seeds named by the split;
- real pages with hand-made line-level ALTO truth from three corpora of the HTR-United
  catalogue (all CC BY 4.0), read as they are: a French law book printed in 1893, French
  ethnography articles printed in 1881, and English typescripts of 1938-1942. Running-text
  pages in Latin script, drawn by a generator seeded with the split, a few per document. Each
  corpus is read from a checkout named by its own environment variable (``Scans.variable``);
  without it its pages are skipped and the bench says so.

Engineers never open this file's data, its sources or any OCR output of its pages. Build the
passages once (the result is committed as bench/ocr_data/held11_pages.json)::

    python -m bench.ocr_held11 passages --mirrors /work/.mirror

and evaluate with ``python -m bench.ocr_accuracy --split s11-test --pages``.
"""

from __future__ import annotations

from pathlib import Path

from bench import ocr_held as held
from bench.ocr_held import Scans

SPLIT = "s11-test"
DATA = Path(__file__).resolve().parent / "ocr_data"
PASSAGES = DATA / "held11_pages.json"

BOOKS: list[held.Book] = [
    ("GITenberg/American-AdventuresA-Second-Trip-Abroad-at-home-_18304", "18304-8.txt",
     "748434c", "en", 1),
    ("GITenberg/Contribution-to-Passamaquoddy-Folk-Lore_17997", "17997-8.txt", "3280a83", "en", 1),
    ("GITenberg/Delsarte-System-of-Oratory_12200", "12200-0.txt", "bc4a76b", "en", 1),
    ("GITenberg/Die-Wahlverwandtschaften_2403", "2403-8.txt", "3835613", "de", 1),
]
# Style and size pairs no earlier split set a page in (they used Serif 9.5-12, Sans 9-12.5,
# SerifCondensed 9-12, SansCondensed 10.5-12, SansMono 9 and 11, all upright): the machine has
# only DejaVu, so the new face is its oblique.
FACES: list[held.Face] = [("SansCondensed", 9.5, 7.0), ("Serif", 10.0, 8.0),
                          ("SansMono", 10.0, 8.5), ("Sans-Oblique", 11.0, 7.5)]
TESSERACT = {"en": "eng", "de": "deu"}

CORPORA = [
    # M. Kovalewsky, Coutume contemporaine et loi ancienne (Paris, 1893), one chapter: one
    # document, so a few pages of it
    Scans("kovalewsky", "PSL-Chartes-HTR-Students/HN2021-Kovalewsky-1893",
          "3b030f9f741785cd163e1049566e1093eb68e7d9", "CARDSTREAM_KOVALEWSKY", "data", "fra",
          count=4, per_document=4),
    # six articles of an 1881 volume on the Exposition universelle de 1878
    Scans("expo1878", "PSL-Chartes-HTR-Students/TNAH-2021-Expositions_Universelles",
          "7d4f6895ae0968cd231f6c7917df9400ec6af939", "CARDSTREAM_EXPOSITIONS", "Donnees", "fra",
          count=7, per_document=2),
    # typewritten reports and testimonies; the corpus leaves handwritten margin notes out of
    # the truth (its README), so a typed letter of 40+ characters a line on average
    Scans("ehri-en", "FloChiff/ehri-dataset", "20a5e002031c1f9e66176133b4602ed439db6521",
          "CARDSTREAM_EHRI", "data/english", "eng", count=5, per_document=2, min_width=40),
]


SPEC = held.Held(SPLIT, "bench.ocr_held11", PASSAGES, BOOKS, FACES, TESSERACT, CORPORA)
build_passages = SPEC.build
text_sources = SPEC.text_sources
scan_names = SPEC.scan_names
real_case = SPEC.real_case


def main() -> None:
    SPEC.main(__doc__ or "")

if __name__ == "__main__":
    main()
