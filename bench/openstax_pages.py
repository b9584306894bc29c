"""Build a held-out textbook file (``bench/data/openstax_<name>_pages.json``) from an OpenStax
book's git repository, the way the earlier books were built.

    python -m bench.openstax_pages --repo /path/to/osbooks-x --commit SHA --name soc \\
        --seed 1112 --pages 10 --source "OpenStax, ..." --license "CC BY 4.0 (...)"

The modules are drawn with ``random.Random(seed).sample`` over the book's non-introduction
chapter modules (in the order the collection XML lists them); each page is the first body
paragraphs of one module's ``index.cnxml`` (at least ``MIN_PARA_WORDS`` words each, until
``MIN_PAGE_WORDS`` in all), outside notes, figures, tables, equations, lists, exercises and
end-of-module sections (summaries, quizzes, references: every ``section`` with a class),
skipping paragraphs with MathML; markup removed, whitespace normalised. A module with too
little such prose is passed over for the next one drawn (the file's ``split`` says which).

The script never prints page text: it is held out (see /work/coordination/COMMON.md); it
prints counts only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

CNXML = "{http://cnx.rice.edu/cnxml}"
COLLXML = "{http://cnx.rice.edu/collxml}"
MDML = "{http://cnx.rice.edu/mdml}"
MATHML = "{http://www.w3.org/1998/Math/MathML}"
# block elements whose paragraphs are not body prose
SKIP = {f"{CNXML}{t}" for t in ("note", "figure", "table", "equation", "list", "exercise",
                                "glossary", "footnote", "example")}
MIN_PARA_WORDS = 40
MIN_PAGE_WORDS = 130
OUT = Path(__file__).resolve().parent / "data"
CHANGES = ("Excerpts: the first body paragraphs (at least 40 words each, ~130+ words in all) of "
           "each module's index.cnxml, outside notes, examples, figures, tables, equations, "
           "lists, exercises and summaries (every classed end-of-module section: summary, quiz, "
           "short answer, further research, references), skipping paragraphs with MathML; markup "
           "removed (with the empty parentheses left by figure cross-references); whitespace "
           "normalised. Text otherwise unchanged. Built by bench/openstax_pages.py.")


def _show(repo: Path, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def chapter_modules(collection: bytes) -> list[str]:
    """The module ids inside the collection's chapters (subcollections), in book order: front
    and back matter outside every chapter are left out."""
    root = ET.fromstring(collection)
    out: list[str] = []
    for sub in root.iter(f"{COLLXML}subcollection"):
        content = sub.find(f"{COLLXML}content")
        if content is not None:
            out += [m.get("document", "") for m in content.findall(f"{COLLXML}module")]
    return out


def _text(element: ET.Element) -> str:
    """The element's text without markup; footnotes dropped, the empty brackets a dropped
    cross-reference leaves behind removed, whitespace normalised."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        if e.tag != f"{CNXML}footnote":
            parts.append(e.text or "")
            for child in e:
                walk(child)
        if e is not element:
            parts.append(e.tail or "")

    walk(element)
    text = re.sub(r"\s+", " ", "".join(parts))
    text = re.sub(r"\s*\(\s*\)", "", text)  # "(<link target-id=.../>)" -> ""
    return re.sub(r"\s+([.,;:])", r"\1", text).strip()


def excerpt(root: ET.Element) -> tuple[str, str] | None:
    """(title, excerpt) of one parsed module, or None when it has too little prose."""
    title = root.findtext(f"{CNXML}title") or root.findtext(f".//{MDML}title") or ""
    content = root.find(f"{CNXML}content")
    if content is None:
        return None
    paras: list[str] = []
    total = 0

    def walk(e: ET.Element) -> None:
        nonlocal total
        if total >= MIN_PAGE_WORDS or e.tag in SKIP:
            return
        if e.tag == f"{CNXML}section" and e.get("class"):
            return  # summaries, quizzes, references and the like
        if e.tag == f"{CNXML}para":
            if e.find(f".//{MATHML}math") is None:
                text = _text(e)
                words = len(text.split())
                if words >= MIN_PARA_WORDS:
                    paras.append(text)
                    total += words
            return
        for child in e:
            walk(child)

    walk(content)
    if total < MIN_PAGE_WORDS:
        return None
    return " ".join(title.split()), " ".join(paras)


def build(repo: Path, commit: str, name: str, seed: int, count: int,
          collection: str | None = None) -> tuple[list[dict], int, int]:
    """(pages, modules drawn from, modules passed over) for ``count`` pages, from the book's one
    collection or, for a book in volumes, the ``collection`` named."""
    collections = [p for p in subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", commit, "collections/"],
        check=True, capture_output=True, text=True).stdout.split() if p.endswith(".xml")]
    if collection is not None:
        collections = [p for p in collections if p == f"collections/{collection}"]
    if len(collections) != 1:
        raise SystemExit(f"expected one collection at {commit}, found {collections}"
                         + ("" if collection else "; name one with --collection"))
    modules = chapter_modules(_show(repo, commit, collections[0]))
    docs = {m: ET.fromstring(_show(repo, commit, f"modules/{m}/index.cnxml")) for m in modules}
    body = [m for m in modules if docs[m].get("class") != "introduction"]
    # sample(body, len(body)) draws the same first modules as sample(body, count) (CPython's
    # pool method for both sizes here), and goes on past modules with too little prose
    pages: list[dict] = []
    passed = 0
    for m in random.Random(seed).sample(body, len(body)):
        got = excerpt(docs[m])
        if got is None:
            passed += 1
            continue
        title, text = got
        # the key names the book: books made in git number their modules from m00001
        pages.append({"id": f"openstax-{name}-{m}", "key": f"openstax:{name}:{m}", "title": title,
                      "module": m, "text": text, "split": "test"})
        if len(pages) == count:
            break
    return pages, len(body), passed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", type=Path, required=True, help="git checkout or mirror of the book")
    ap.add_argument("--commit", required=True, help="a commit whose licence is CC BY 4.0")
    ap.add_argument("--name", required=True, help="the book's short name (bench.splits.BOOKS)")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--source", required=True, help="title, authors and web page of the book")
    ap.add_argument("--repository", required=True, help="e.g. github.com/openstax/osbooks-x")
    ap.add_argument("--license", required=True, help="the licence and the evidence for it")
    ap.add_argument("--session", required=True, help="the session the book is added in")
    ap.add_argument("--collection", help="for a book in volumes: the file under collections/")
    args = ap.parse_args()
    pages, drawn_from, passed = build(args.repo, args.commit, args.name, args.seed, args.pages,
                                      args.collection)
    if len(pages) < args.pages:
        raise SystemExit(f"only {len(pages)} modules have enough prose")
    split = (f"All pages are held out (test): modules drawn with random.Random({args.seed}).sample "
             f"over the book's {drawn_from} non-introduction chapter modules ({passed} passed over "
             f"for too little prose); added in session {args.session} for its final review, a "
             "subject the engine was never tuned on. Nobody reads them while tuning.")
    doc = {"source": args.source, "repository": args.repository, "commit": args.commit,
           "license": args.license, "changes": CHANGES, "split": split, "pages": pages}
    out = OUT / f"openstax_{args.name}_pages.json"
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    words = [len(p["text"].split()) for p in pages]
    print(f"{out.name}: {len(pages)} pages from {drawn_from} modules ({passed} passed over); "
          f"words min {min(words)} median {statistics.median(words)} max {max(words)}")


if __name__ == "__main__":
    main()
