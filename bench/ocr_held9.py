"""A third OCR evaluation, held aside in session 9 and run once at its end (split ``s9-test``).

By then the first suite (bench/ocr_corpus.py) and the second (bench/ocr_fresh.py) had both been
read while tuning, so neither measures held-out accuracy any more. This split is built the way
the second was, from material the OCR work has never seen:

- public-domain books from Project Gutenberg, as mirrored by GITenberg, none used before
  (three English, one German; bench/ocr_data/SOURCES.md): one passage each, drawn by a
  generator seeded with the book's name, typeset in faces and sizes neither suite used, then
  degraded by every family of bench/ocr_corpus.FAMILIES (phone photos included) under seeds
  named by the split, which no earlier split shares;
- no real scans: no public page-image set with line-level hand-made truth, licence and page-like
  study material was found in the time given (see SOURCES.md for what was looked at).

Nobody reads these pages, their truth or any OCR output of them while tuning. Build the passages
(once; the result is committed as bench/ocr_data/held9_pages.json)::

    python -m bench.ocr_held9 passages --mirrors /work/.mirror

and evaluate once with ``python -m bench.ocr_accuracy --split s9-test --pages``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import zlib
from pathlib import Path

from bench.ocr_case import Source, source
from bench.ocr_fresh import _paragraphs, _run

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


def _book_text(mirrors: Path, repo: str, file: str, commit: str) -> str:
    git = mirrors / repo.replace("/", "+") / "repo"
    git = git / ".git" if (git / ".git").exists() else git
    raw = subprocess.run(["git", "--git-dir", str(git), "show", f"{commit}:{file}"],
                         capture_output=True, check=True).stdout
    # Gutenberg's "-8" files are ISO-8859-1, its "-0" files UTF-8
    return raw.decode("latin-1" if file.endswith("-8.txt") else "utf-8")


def _printable(run: list[str]) -> bool:
    """No character beyond Latin-1 and typographic punctuation: a page of phonetic
    transcriptions (macrons, superscript n, stress marks) measures the font, not the OCR."""
    return all(ord(ch) < 0x100 or ch in "‘’“”–—…" for paragraph in run for ch in paragraph)


def build_passages(mirrors: Path) -> dict[str, object]:
    """Each book's passages, drawn anywhere in the book by a generator seeded with its name."""
    texts = []
    for repo, file, commit, language, count in BOOKS:
        paragraphs = _paragraphs(_book_text(mirrors, repo, file, commit))
        rng = random.Random(zlib.crc32(f"{SPLIT}:{repo}".encode()))
        used: set[int] = set()
        while count:
            start = rng.randrange(len(paragraphs))
            run = _run(paragraphs, start)
            if (not run or not _printable(run)
                    or any(i in used for i in range(start - 2, start + len(run) + 2))):
                continue
            used.update(range(start, start + len(run)))
            texts.append({"id": f"pg{repo.split('_')[-1]}-{start}", "split": SPLIT,
                          "language": language, "source": f"{repo}@{commit}:{file}",
                          "paragraphs": run})
            count -= 1
    return {"about": "Project Gutenberg passages (public domain in the USA) via GITenberg, held "
                     "aside in session 9; built by `python -m bench.ocr_held9 passages`",
            "texts": texts}


def text_sources(split: str = SPLIT) -> list[Source]:
    texts = json.loads(PASSAGES.read_text(encoding="utf-8"))["texts"]
    out = []
    for index, text in enumerate(t for t in texts if t["split"] == split):
        style, points, width = FACES[index % len(FACES)]
        out.append(source(text["id"], text["paragraphs"], TESSERACT[text["language"]], style,
                          points, width))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["passages"])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    PASSAGES.write_text(json.dumps(build_passages(args.mirrors), indent=1, ensure_ascii=False)
                        + "\n", encoding="utf-8")
    print(f"wrote {PASSAGES}")


if __name__ == "__main__":
    main()
