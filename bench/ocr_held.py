"""What every held-aside OCR split is made of, whichever session set it aside: passages of
public-domain books typeset in the split's own faces, and real pages with human line-level
truth in ALTO, read from a git checkout of their corpus (never copied here).

A split is data: the books, faces and corpora of real pages it is made of, in a TOML file of
bench/ocr_data (``held13.toml`` is ``s13-test``; a new split is a new file, no code), read by
``load``. The first splits (s9-test to s12-test) are described in modules of their own
(bench/ocr_held9.py ...). Which file or module owns which split is written once, in
bench/ocr_splits.HELD, so nobody tuning on one split has to open another to reuse this code.
Build a split's draw once and commit it::

    python -m bench.ocr_held s14-test passages --mirrors /work/.mirror
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tomllib
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from bench.ocr_case import Case, Source, source
from bench.ocr_fresh import REAL, _paragraphs, _run
from bench.ocr_splits import DATA, HELD

# (GITenberg repository, file, commit, language code of the book, passages)
Book = tuple[str, str, str, str, int]
# (style of bench.pages.font_path, points, page width in inches)
Face = tuple[str, float, float]


def _git_dir(directory: Path) -> str:
    """A fetched mirror is a checkout or a bare repository."""
    return str(directory / ".git" if (directory / ".git").exists() else directory)


def git(directory: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", _git_dir(directory), *args], capture_output=True,
                          check=True).stdout


def has_commit(directory: Path, commit: str) -> bool:
    return subprocess.run(["git", "--git-dir", _git_dir(directory), "cat-file", "-e",
                           f"{commit}^{{commit}}"], capture_output=True).returncode == 0


def book_text(mirrors: Path, repo: str, file: str, commit: str) -> str:
    raw = git(mirrors / repo.replace("/", "+") / "repo", "show", f"{commit}:{file}")
    # Gutenberg's "-8" files are ISO-8859-1, its "-0" files UTF-8
    return raw.decode("latin-1" if file.endswith("-8.txt") else "utf-8")


def printable(run: list[str]) -> bool:
    """No character beyond Latin-1 and typographic punctuation: a page of phonetic
    transcriptions (macrons, superscript n, stress marks) measures the font, not the OCR."""
    return all(ord(ch) < 0x100 or ch in "‘’“”–—…" for paragraph in run for ch in paragraph)


def draw_texts(mirrors: Path, split: str, books: Sequence[Book]) -> list[dict[str, object]]:
    """Each book's passages, drawn anywhere in the book by a generator seeded with the split
    and the book's name, never overlapping or touching each other."""
    texts: list[dict[str, object]] = []
    for repo, file, commit, language, count in books:
        paragraphs = _paragraphs(book_text(mirrors, repo, file, commit))
        rng = random.Random(zlib.crc32(f"{split}:{repo}".encode()))
        used: set[int] = set()
        while count:
            start = rng.randrange(len(paragraphs))
            run = _run(paragraphs, start)
            if (not run or not printable(run)
                    or any(i in used for i in range(start - 2, start + len(run) + 2))):
                continue
            used.update(range(start, start + len(run)))
            texts.append({"id": f"pg{repo.split('_')[-1]}-{start}", "split": split,
                          "language": language, "source": f"{repo}@{commit}:{file}",
                          "paragraphs": run})
            count -= 1
    return texts


def text_sources(texts: Sequence[Mapping[str, object]], split: str, faces: Sequence[Face],
                 tesseract: dict[str, str]) -> list[Source]:
    """The split's passages as clean typeset pages, the i-th in the i-th face (cycling)."""
    out = []
    for index, text in enumerate(t for t in texts if t["split"] == split):
        style, points, width = faces[index % len(faces)]
        paragraphs = text["paragraphs"]
        assert isinstance(paragraphs, list)
        out.append(source(str(text["id"]), paragraphs, tesseract[str(text["language"])], style,
                          points, width))
    return out


def alto_lines(markup: bytes, kinds: Sequence[str] = ()) -> list[str]:
    """The text lines of an ALTO page as the transcriber wrote them; given ``kinds``, only the
    lines typed (TAGREFS) with one of those labels, e.g. SegmOnto's "DefaultLine:Typewritten"."""
    tree = etree.fromstring(markup)
    ns = {"a": tree.nsmap[None]}
    labels = {tag.get("ID"): tag.get("LABEL") for tag in tree.iterfind(".//a:OtherTag", ns)}
    return [" ".join(part.get("CONTENT", "") for part in line.iterfind("a:String", ns))
            for line in tree.iterfind(".//a:TextLine", ns)
            if not kinds or any(labels.get(ref) in kinds
                                for ref in line.get("TAGREFS", "").split())]


def page_lines(markup: bytes, kinds: Sequence[str] = ()) -> list[str]:
    """The text lines of a PAGE-XML page (Transkribus, OCR-D) as the transcriber wrote them:
    each line's own TextEquiv (not its words'), in document order. PAGE has no line types
    like SegmOnto's, so ``kinds`` must be empty."""
    if kinds:
        raise ValueError("PAGE-XML lines carry no SegmOnto types to select by")
    tree = etree.fromstring(markup)
    ns = {"p": tree.nsmap[None]}
    return ["".join(line.xpath("string(p:TextEquiv[1]/p:Unicode)", namespaces=ns))
            for line in tree.iterfind(".//p:TextLine", ns)]


# How a corpus's markup gives its lines, by the format's name
MARKUP: dict[str, Callable[[bytes, Sequence[str]], list[str]]] = {"alto": alto_lines,
                                                                   "page": page_lines}


def alto_pages(directory: Path, commit: str, under: str = "data",
               images: str | None = None) -> Iterator[tuple[str, str]]:
    """(ALTO file, its image) of every page under ``under`` at ``commit`` whose image the
    checkout holds: a fetched snapshot lacks its largest blobs (size "BAD" or "-"), and such
    pages are skipped (the drawn list is committed, so a split does not depend on a snapshot).
    The image lies beside its ALTO file, or in the folder ``images`` under the same name."""
    listing = git(directory, "ls-tree", "-r", "-l", "-z", commit, under,
                  *([images] if images else [])).decode()
    sizes: dict[str, str] = {}  # path -> size
    for row in filter(None, listing.split("\0")):
        meta, path = row.split("\t", 1)
        sizes[path] = meta.split()[-1]
    for xml in sorted(p for p in sizes if p.endswith(".xml")):
        stem = f"{images}/{Path(xml).stem}" if images else xml[:-4]
        image = next((p for p in sizes if p.rsplit(".", 1)[0] == stem and p != xml), None)
        if image is not None and sizes[image] not in ("-", "BAD"):
            yield xml, image


def draw_pages(eligible: list[dict[str, str]], seed: str, per_document: int,
               count: int) -> list[dict[str, str]]:
    """``count`` of the eligible pages in an order shuffled by a generator seeded with
    ``seed``, at most ``per_document`` of them with the same "document"."""
    shuffled = list(eligible)
    random.Random(zlib.crc32(seed.encode())).shuffle(shuffled)
    taken: list[dict[str, str]] = []
    for page in shuffled:
        if sum(t["document"] == page["document"] for t in taken) < per_document:
            taken.append(page)
    return taken[:count]


@cache
def committed(passages: Path) -> dict[str, list[dict[str, Any]]]:
    """A split's committed draw (its ``passages`` file): "texts" (paragraphs of books) and
    "scans" (real pages: id, document, ALTO file, image)."""
    data: dict[str, list[dict[str, Any]]] = json.loads(passages.read_text(encoding="utf-8"))
    return data


def _raised(ch: str) -> str:
    """A superscript letter (the 'me' of 'Mᵐᵉ') as the plain one OCR writes for it. Only
    letters: no page drawn before held out letters outside Latin (``latin``), so their truth
    stays as it was."""
    return unicodedata.normalize("NFKC", ch) if ch.isalpha() and unicodedata.decomposition(
        ch).startswith("<super>") else ch


def composed(line: str) -> str:
    """A line transcribed in eScriptorium's SegmOnto conventions as printed: stored decomposed
    (NFD) where OCR output is composed, with a hyphen broken at the line end written '¬', and
    raised letters written as modifier letters, which no OCR writes."""
    line = "".join(map(_raised, unicodedata.normalize("NFC", line)))
    return " ".join(line.replace("¬", "-").split())


def latin(lines: Sequence[str]) -> bool:
    """Every letter Latin and no mark left uncomposed: a page quoting Greek or Devanagari
    measures a script no installed Tesseract pack reads, not the OCR."""
    return all((not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN"))
               and not unicodedata.combining(ch) for line in lines for ch in line)


def plain(lines: Sequence[str]) -> bool:
    """No CATMuS editorial mark: a word struck out or illegible (⟦⟧) or written above the
    line (^) is truth no reading of the printed line can match."""
    return not any(mark in line for line in lines for mark in "⟦⟧^")


@dataclass(frozen=True)
class Scans:
    """A corpus of real pages with line-level ALTO truth, read from a git checkout at a commit
    (its images are never copied here), and how a split draws running-text pages from it."""

    tag: str  # in the page ids: real-TAG-CRC
    repo: str  # GitHub owner/name
    commit: str
    variable: str  # the environment variable naming a checkout
    under: str  # the folder holding the ALTO files and images
    language: str  # Tesseract code
    count: int
    per_document: int  # a document is an ALTO path without what names its page (``page``)
    min_lines: int = 15
    min_width: int = 35  # mean characters per line: running text, not verse or a list
    images: str | None = None  # the folder of the page images, when not beside the ALTO files
    only: str = ""  # a pattern every drawn ALTO path matches (e.g. the documents' years)
    kinds: tuple[str, ...] = ()  # line types read as the truth (all when empty)
    markup: str = "alto"  # the transcription format, a key of MARKUP
    licence: str = "CC BY 4.0"  # of the transcriptions
    # what of an ALTO path names its page; the rest names its document
    page: str = r"[_-]?\d+\.xml$"

    @property
    def directory(self) -> Path:
        return Path(os.environ.get(self.variable,
                                   f"/work/.mirror/{self.repo.replace('/', '+')}/repo"))

    def lines(self, xml: str) -> list[str]:
        markup = git(self.directory, "show", f"{self.commit}:{xml}")
        return [line for line in map(composed, MARKUP[self.markup](markup, self.kinds)) if line]

    def draw(self, split: str) -> list[dict[str, str]]:
        """Running-text pages in Latin script, drawn by a generator seeded with the split."""
        eligible = []
        for xml, image in alto_pages(self.directory, self.commit, self.under, self.images):
            if not re.search(self.only, xml):
                continue
            lines = self.lines(xml)
            if (len(lines) < self.min_lines or statistics.fmean(map(len, lines)) < self.min_width
                    or not latin(lines) or not plain(lines)):
                continue
            eligible.append({"id": f"real-{self.tag}-{zlib.crc32(xml.encode()):08x}",
                             "document": re.sub(self.page, "", xml), "xml": xml,
                             "image": image})
        return draw_pages(eligible, f"{split}:{self.repo}", self.per_document, self.count)

    def missing(self) -> str | None:
        """Why the checkout cannot be read, or None."""
        if not self.directory.exists():
            return f"no checkout at {self.directory}"
        if not has_commit(self.directory, self.commit):
            return f"{self.directory} lacks commit {self.commit}"
        return None

    def case(self, split: str, page: dict[str, str]) -> Case:
        """A real page as its file is, with its transcribed lines."""
        lines = self.lines(page["xml"])
        data = git(self.directory, "show", f"{self.commit}:{page['image']}")
        return Case(split, REAL, page["id"], self.language, "\n".join(lines), tuple(lines),
                    data, 0)


def present(split: str, corpora: Sequence[Scans], drawn: Sequence[dict[str, str]]) -> list[str]:
    """The ids of the drawn real pages whose corpus is at hand; of each absent corpus, the
    bench says out loud how many pages it skips, why, and which variable to set."""
    names = []
    for corpus in corpora:
        mine = [page["id"] for page in drawn if page["id"].startswith(f"real-{corpus.tag}-")]
        why = corpus.missing()
        if why:
            print(f"{split}: its {len(mine)} real pages from {corpus.repo} are SKIPPED ({why}): "
                  f"set {corpus.variable} to a clone of https://github.com/{corpus.repo} that "
                  f"has commit {corpus.commit}", file=sys.stderr)
            continue
        names += mine
    return names


def build_cli(doc: str, passages: Path, build: Callable[[Path], dict[str, object]]) -> None:
    """``python -m bench.ocr_heldN passages --mirrors DIR``: draw the split once and commit
    the result (``passages``), so the split no longer depends on the mirrors."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("what", choices=["passages"])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    passages.write_text(json.dumps(build(args.mirrors), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"wrote {passages}")


@dataclass(frozen=True)
class Held:
    """A held-aside split as data: the books its passages come from and the faces they are set
    in, its corpora of real pages, and the file its draw is committed in. Its module exposes
    ``text_sources``, ``scan_names`` and ``real_case`` (bench.ocr_corpus reads them there)."""

    split: str
    module: str  # the module that describes it, e.g. "bench.ocr_held12"
    passages: Path  # the committed draw (``build``)
    books: Sequence[Book]
    faces: Sequence[Face]
    tesseract: Mapping[str, str]  # book language -> Tesseract code
    corpora: Sequence[Scans]

    def build(self, mirrors: Path) -> dict[str, object]:
        """Each book's passages (draw_texts) and the drawn real pages."""
        return {"about": "Project Gutenberg passages (public domain in the USA) via GITenberg, "
                         "and the real pages drawn from "
                         + ", ".join(f"{corpus.repo} (transcriptions {corpus.licence})"
                                     for corpus in self.corpora)
                         + f", held aside as {self.split}; built by "
                           f"`python -m {self.module} passages`",
                "texts": draw_texts(mirrors, self.split, self.books),
                "scans": [page for corpus in self.corpora for page in corpus.draw(self.split)]}

    def text_sources(self, split: str | None = None) -> list[Source]:
        return text_sources(committed(self.passages)["texts"], split or self.split, self.faces,
                            dict(self.tesseract))

    def scan_names(self, split: str | None = None) -> list[str]:
        """The real pages of the split whose corpus is at hand (the others said out loud)."""
        if split not in (None, self.split):
            return []
        return present(self.split, self.corpora, committed(self.passages)["scans"])

    def real_case(self, split: str, name: str) -> Case:
        page = next(p for p in committed(self.passages)["scans"] if p["id"] == name)
        corpus = next(c for c in self.corpora if name.startswith(f"real-{c.tag}-"))
        return corpus.case(split, page)

    def main(self, doc: str) -> None:
        build_cli(doc, self.passages, self.build)


@cache
def load(spec: Path) -> Held:
    """The held-aside split a TOML file describes (bench/ocr_data/held13.toml shows every key):
    ``split``, ``passages`` (the committed draw, beside the file), ``tesseract`` (book language
    -> Tesseract code), ``[[books]]`` (repo, file, commit, language, passages), ``[[faces]]``
    (style, points, width) and ``[[corpora]]`` (the fields of ``Scans``)."""
    data = tomllib.loads(spec.read_text(encoding="utf-8"))
    books: list[Book] = [(b["repo"], b["file"], b["commit"], b["language"], b["passages"])
                         for b in data["books"]]
    faces: list[Face] = [(f["style"], float(f["points"]), float(f["width"]))
                         for f in data["faces"]]
    corpora = [Scans(**{**c, "kinds": tuple(c.get("kinds", ()))})
               for c in data.get("corpora", [])]
    return Held(data["split"], f"bench.ocr_held {data['split']}", spec.parent / data["passages"],
                books, faces, data["tesseract"], corpora)


def held_spec(split: str) -> Held | None:
    """The held-aside split ``split`` as data (its TOML file), or None."""
    owner = HELD.get(split, "")
    return load(DATA / owner) if owner.endswith(".toml") else None


def main() -> None:
    """``python -m bench.ocr_held SPLIT passages --mirrors DIR`` for a split described as data."""
    split = sys.argv.pop(1) if len(sys.argv) > 1 else ""
    spec = held_spec(split)
    if spec is None:
        tomls = sorted(s for s, owner in HELD.items() if owner.endswith(".toml"))
        raise SystemExit(f"usage: python -m bench.ocr_held SPLIT passages; SPLIT is one of {tomls}")
    spec.main(__doc__ or "")


if __name__ == "__main__":
    main()
