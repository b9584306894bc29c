"""The OCR split held aside in session 11 (bench/ocr_held11.py, ``s11-test``) builds and is
registered: every degradation family has a page of every source, none of its sources, seeds or
real pages is an earlier split's, and an absent corpus is skipped out loud. Only its shape is
checked; no test reads its text or OCR output."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from PIL import Image

from bench import ocr_held, ocr_held9, ocr_held10, ocr_held11
from bench.ocr_corpus import FAMILIES, HELD, Split, case, seed_of, sources, specs

EARLIER = ("dev", "test", "fresh-dev", "fresh-test", "s9-test", "s10-test")


def test_it_is_a_split_of_the_accuracy_bench() -> None:
    assert "s11-test" in get_args(Split) and HELD["s11-test"] == "bench.ocr_held11"


def test_every_family_has_a_page_of_every_source() -> None:
    held = sources("s11-test")
    names = [s.name for s in held]
    assert len(names) == 4 and len(set(names)) == 4
    assert {s.language for s in held} == {"eng", "deu"}
    assert all(s.lines and s.truth.strip() for s in held)
    chosen = specs("s11-test", list(FAMILIES))
    assert Counter(family for _, _, family in chosen) == {family: 4 for family in FAMILIES}
    earlier = {s.name for split in EARLIER for s in sources(split)}  # type: ignore[arg-type]
    assert earlier.isdisjoint(names)


def test_its_seeds_and_books_are_its_own() -> None:
    held = {seed_of(split, family, name)
            for split, name, family in specs("s11-test", list(FAMILIES))}
    earlier = {seed_of(split, family, name) for split in EARLIER
               for _, name, family in specs(split, list(FAMILIES))}  # type: ignore[arg-type]
    assert len(held) == 44 and held.isdisjoint(earlier)
    books = {book[0] for module in (ocr_held9, ocr_held10) for book in module.BOOKS}
    assert books.isdisjoint(book[0] for book in ocr_held11.BOOKS)
    assert {ocr_held10.SCANS_REPO, "HTR-United/tapuscorpus"}.isdisjoint(
        corpus.repo for corpus in ocr_held11.CORPORA)


def test_a_page_is_an_image_with_its_lines() -> None:
    page = case(("s11-test", sources("s11-test")[0].name, "phone-photo"))
    assert page.split == "s11-test" and page.lines
    with Image.open(io.BytesIO(page.data)) as image:
        assert min(image.size) > 300


def test_the_corpus_conventions_are_not_part_of_the_truth() -> None:
    # eScriptorium stores text decomposed (NFD) and writes a line-end hyphen as '¬'
    assert ocr_held.composed("  e\u0301te\u0301  conside\u0301¬") == "été considé-"
    assert ocr_held.latin(["Cœur, § 3 — «été»"])
    assert not ocr_held.latin(["le mot ἄνθρωπος"]) and not ocr_held.latin(["x\u0305"])


def test_without_a_corpus_its_real_pages_are_skipped_out_loud(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CARDSTREAM_EHRI", str(tmp_path / "absent"))
    assert not any(name.startswith("real-ehri-en-") for name in ocr_held11.scan_names())
    said = capsys.readouterr().err
    assert "5 real pages from FloChiff/ehri-dataset are SKIPPED" in said
    assert "CARDSTREAM_EHRI" in said


@pytest.mark.skipif(any(corpus.missing() for corpus in ocr_held11.CORPORA),
                    reason="a corpus of s11-test is not checked out")
def test_its_real_pages_are_images_with_their_lines() -> None:
    real = [spec for spec in specs("s11-test") if spec[2] == "real-scan"]
    assert len(real) == sum(corpus.count for corpus in ocr_held11.CORPORA) == 16
    for corpus in ocr_held11.CORPORA:
        page = case(next(spec for spec in real if spec[1].startswith(f"real-{corpus.tag}-")))
        assert page.language == corpus.language and len(page.lines) >= corpus.min_lines
        assert not any("¬" in line for line in page.lines)
        with Image.open(io.BytesIO(page.data)) as image:
            assert min(image.size) > 900
