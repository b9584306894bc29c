"""A second OCR evaluation, built in session 7 from material the OCR work had never seen.

The first suite (bench/ocr_corpus.py) was tuned on and its TEST split was run more than once, so
it no longer measures anything held out. This one has new source texts, new typefaces and
sizes, new seeds (the seed names the split, ``fresh-dev`` or ``fresh-test``) and real pages
that were never degraded by us:

- public-domain books from Project Gutenberg, as mirrored by GITenberg (bench/ocr_data/SOURCES.md):
  passages drawn by a seeded generator, typeset, then degraded by the same augraphy/OpenCV
  families as the first suite (bench/ocr_corpus.FAMILIES), under the new seeds;
- real scans and screenshots with hand-made ground truth from scribeocr/ocr-benchmark (book,
  article, filing and deposition pages), read as they are. Their images are not stored here
  (that repository states no licence for them); ``--scans`` points at a checkout.

DEV and TEST share no book passage, no scan and no seed. Build the passages (once; the result
is committed as bench/ocr_data/gutenberg_pages.json)::

    python -m bench.ocr_fresh passages --mirrors /work/.mirror

and evaluate with ``python -m bench.ocr_accuracy --split fresh-dev`` (or ``fresh-test``, once).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import zlib
from functools import lru_cache
from pathlib import Path

from lxml import html

from bench.ocr_case import Case, Source, source
from bench.ocr_splits import DATA

PASSAGES = DATA / "gutenberg_pages.json"
# scribeocr/ocr-benchmark at this commit; the directory is a git checkout or bare repository.
SCANS_COMMIT = "818efa7"
REAL = "real-scan"  # the family name of a real page read as it is
SCANS_DIR = Path(os.environ.get("CARDSTREAM_SCRIBE_BENCH",
                                "/work/.mirror/scribeocr+ocr-benchmark/repo"))
# Page-like documents of that benchmark (its tables, forms, receipts, charts and slides are no
# study material); which split each falls in is a CRC of its name, not a choice.
SCAN_NAMES = ["singlecol_01", "multicol_01", "multicol_02", "multicol_03", "multicol_04",
              "multicol_05", "multicol_06", "multicol_07", "multicol_08", "multicol_11",
              "deposition_01", "deposition_02", "filing_01", "filing_03"]

# (GITenberg repository, file, commit, language, passages for DEV, passages for TEST)
BOOKS = [
    ("GITenberg/How-to-Listen-to-Music-7th-ed.Hints-and-Suggestions-to-Untaught-Lovers-of-the-Art_17474",
     "17474.txt", "ea7589a", "en", 2, 0),
    ("GITenberg/Critical-and-Historical-Essays--13-Lectures-delivered-at-Columbia-University_16351",
     "16351.txt", "462f29e", "en", 0, 2),
    ("GITenberg/Ancient-art-of-the-province-of-Chiriqui-ColombiaGovernment-Printing-Office-Washington-1888-pa__30621",
     "30621-0.txt", "2af9eca", "en", 0, 2),
    ("GITenberg/Entre-Nous--13-Lectures-fran-aises---l-usage-des--coles-primaires---I_44157",
     "44157-0.txt", "7dfce74", "fr", 1, 1),
]
PASSAGE_CHARS = 1500  # about two thirds of a typeset page
# Typefaces and sizes the first suite did not use: (style, points, page width in inches).
FACES = [("SerifCondensed", 12.0, 7.0), ("SansCondensed", 10.5, 8.5), ("Serif", 9.5, 8.5),
         ("Sans", 11.5, 7.5)]


def scan_split(name: str) -> str:
    return "fresh-dev" if zlib.crc32(name.encode()) % 3 == 0 else "fresh-test"


def _paragraphs(text: str) -> list[str]:
    """Prose paragraphs of a Gutenberg book, between its START and END markers."""
    body = re.split(r"\*\*\* ?START OF.*?\*\*\*", text, maxsplit=1)[-1]
    body = re.split(r"\*\*\* ?END OF", body, maxsplit=1)[0]
    out = []
    for block in re.split(r"\n\s*\n", body.replace("\r", "")):
        lines = block.splitlines()
        if any(re.search(r"\S {3,}\S", line) for line in lines):  # a table or an index
            continue
        joined = " ".join(line.strip() for line in lines).replace("_", "").strip()
        joined = re.sub(r"\s+", " ", joined)
        letters = sum(ch.isalpha() for ch in joined)
        if (len(joined) < 60 or "[" in joined or letters < 0.75 * len(joined)
                or joined.upper() == joined):
            continue
        out.append(joined)
    return out


def _run(paragraphs: list[str], start: int) -> list[str]:
    taken: list[str] = []
    for paragraph in paragraphs[start:]:
        taken.append(paragraph)
        if sum(map(len, taken)) >= PASSAGE_CHARS:
            return taken
    return []


def build_passages(mirrors: Path) -> dict[str, object]:
    """Draw each book's passages with a generator seeded by the book's name; DEV passages come
    from the first half of a book that serves both splits, TEST from the second."""
    texts = []
    for repo, file, commit, language, n_dev, n_test in BOOKS:
        git = mirrors / repo.replace("/", "+") / "repo"
        raw = subprocess.run(["git", "--git-dir", str(git / ".git") if (git / ".git").exists()
                              else str(git), "show", f"{commit}:{file}"],
                             capture_output=True, check=True).stdout.decode("utf-8")
        paragraphs = _paragraphs(raw)
        rng = random.Random(zlib.crc32(repo.encode()))
        half = len(paragraphs) // 2
        for split, count, lo, hi in (("fresh-dev", n_dev, 0, half if n_test else len(paragraphs)),
                                     ("fresh-test", n_test, half if n_dev else 0,
                                      len(paragraphs))):
            used: set[int] = set()
            while count:
                start = rng.randrange(lo, hi)
                run = _run(paragraphs[:hi], start)
                if not run or any(i in used for i in range(start - 2, start + len(run) + 2)):
                    continue
                used.update(range(start, start + len(run)))
                book = repo.split("_")[-1]
                texts.append({"id": f"pg{book}-{start}", "split": split, "language": language,
                              "source": f"{repo}@{commit}:{file}", "paragraphs": run})
                count -= 1
    return {"about": "Project Gutenberg passages (public domain in the USA) via GITenberg; "
                     "built by `python -m bench.ocr_fresh passages`", "texts": texts}


def hocr_lines(markup: bytes) -> list[str]:
    """The text lines of an hOCR ground truth file, in its order."""
    tree = html.fromstring(markup)
    lines = []
    for line in tree.xpath("//*[contains(concat(' ', @class, ' '), ' ocr_line ')"
                           " or contains(concat(' ', @class, ' '), ' ocrx_line ')]"):
        words = [w.text_content().strip()
                 for w in line.xpath(".//*[contains(@class, 'ocrx_word')]")]
        text = " ".join(w for w in words if w)
        if text:
            lines.append(text)
    return lines


def _git_show(path: str) -> bytes:
    git = SCANS_DIR / ".git" if (SCANS_DIR / ".git").exists() else SCANS_DIR
    return subprocess.run(["git", "--git-dir", str(git), "show", f"{SCANS_COMMIT}:{path}"],
                          capture_output=True, check=True).stdout


def scan_names(split: str) -> list[str]:
    """The real pages of ``split`` (none when no checkout of the benchmark is at hand)."""
    if not SCANS_DIR.exists():
        print(f"(real scans skipped: no scribeocr/ocr-benchmark checkout at {SCANS_DIR})")
        return []
    return [f"real-{name}" for name in SCAN_NAMES if scan_split(name) == split]


def real_case(split: str, name: str) -> Case:
    """A real page as its file is, with its ground truth lines."""
    stem = name.removeprefix("real-")
    data = next(_git_show(f"img/{stem}.{ext}") for ext in ("png", "jpg")
                if _exists(f"img/{stem}.{ext}"))
    truth = next(p for p in (f"ground_truth/{stem}.truth.hocr", f"ground_truth/{stem}.hocr")
                 if _exists(p))
    lines = hocr_lines(_git_show(truth))
    return Case(split, REAL, name, "eng", "\n".join(lines), tuple(lines), data, 0)


@lru_cache(maxsize=64)
def _exists(path: str) -> bool:
    git = SCANS_DIR / ".git" if (SCANS_DIR / ".git").exists() else SCANS_DIR
    return subprocess.run(["git", "--git-dir", str(git), "cat-file", "-e",
                           f"{SCANS_COMMIT}:{path}"], capture_output=True).returncode == 0


def text_sources(split: str) -> list[Source]:
    texts = json.loads(PASSAGES.read_text())["texts"]
    out = []
    for index, text in enumerate(t for t in texts if t["split"] == split):
        style, points, width = FACES[index % len(FACES)]
        language = {"en": "eng", "fr": "fra"}[text["language"]]
        out.append(source(text["id"], text["paragraphs"], language, style, points, width))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["passages"])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    PASSAGES.write_text(json.dumps(build_passages(args.mirrors), indent=1, ensure_ascii=False)
                        + "\n")
    print(f"wrote {PASSAGES}")


if __name__ == "__main__":
    main()
