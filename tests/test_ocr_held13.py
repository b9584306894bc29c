"""The OCR split held aside in session 13 (bench/ocr_data/held13.toml, ``s13-test``) builds and is
registered: every degradation family has a page of every source, none of its sources, seeds,
books, faces or corpora is an earlier split's, PAGE-XML truth is read line by line, and an
absent corpus is skipped out loud. Only its shape is checked; no test reads its text or OCR
output."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from PIL import Image

from bench import ocr_held, ocr_held9, ocr_held10, ocr_held11, ocr_held12
from bench.ocr_corpus import DATA, FAMILIES, HELD, Split, case, held_spec, seed_of, sources, specs

S13 = ocr_held.load(DATA / "held13.toml")

EARLIER = ("dev", "test", "fresh-dev", "fresh-test", "s9-test", "s10-test", "s11-test",
           "s12-test")


def test_it_is_a_split_of_the_accuracy_bench() -> None:
    assert "s13-test" in get_args(Split) and HELD["s13-test"] == "held13.toml"
    assert held_spec("s13-test") == S13 and S13.split == "s13-test"


def test_every_family_has_a_page_of_every_source() -> None:
    held = sources("s13-test")
    names = [s.name for s in held]
    assert len(names) == 5 and len(set(names)) == 5
    assert {s.language for s in held} == {"eng", "fra", "deu", "spa"}
    assert all(s.lines and s.truth.strip() for s in held)
    chosen = specs("s13-test", list(FAMILIES))
    assert Counter(family for _, _, family in chosen) == {family: 5 for family in FAMILIES}
    earlier = {s.name for split in EARLIER for s in sources(split)}  # type: ignore[arg-type]
    assert earlier.isdisjoint(names)


def test_its_seeds_books_faces_and_corpora_are_its_own() -> None:
    held = {seed_of(split, family, name)
            for split, name, family in specs("s13-test", list(FAMILIES))}
    earlier = {seed_of(split, family, name) for split in EARLIER
               for _, name, family in specs(split, list(FAMILIES))}  # type: ignore[arg-type]
    assert len(held) == 55 and held.isdisjoint(earlier)
    modules = (ocr_held9, ocr_held10, ocr_held11, ocr_held12)
    assert {book[0] for m in modules for book in m.BOOKS}.isdisjoint(
        book[0] for book in S13.books)
    faces = {face[:2] for m in modules for face in m.FACES}
    assert faces.isdisjoint(face[:2] for face in S13.faces)
    used = {ocr_held10.SCANS_REPO, "HTR-United/tapuscorpus",
            *(corpus.repo for m in (ocr_held11, ocr_held12) for corpus in m.CORPORA)}
    assert used.isdisjoint(corpus.repo for corpus in S13.corpora)


def test_a_page_is_an_image_with_its_lines() -> None:
    page = case(("s13-test", sources("s13-test")[0].name, "phone-photo"))
    assert page.split == "s13-test" and page.lines
    with Image.open(io.BytesIO(page.data)) as image:
        assert min(image.size) > 300


PAGE = """<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15">
<Page imageFilename="p.jpg"><TextRegion id="r1"><TextLine id="l1">
<Word id="w1"><TextEquiv><Unicode>Romance</Unicode></TextEquiv></Word>
<TextEquiv><Unicode>Romance nuevo</Unicode></TextEquiv></TextLine>
<TextLine id="l2"><TextEquiv><Unicode>de M\u1d50\u1d49 Luisa</Unicode></TextEquiv></TextLine>
<TextEquiv><Unicode>Romance nuevo de Mme Luisa</Unicode></TextEquiv>
</TextRegion></Page></PcGts>""".encode()


def test_page_xml_truth_is_each_line_once_with_raised_letters_plain() -> None:
    # a line's own TextEquiv, not its words' nor its region's; 'Mᵐᵉ' is printed, OCR writes 'Mme'
    lines = ocr_held.page_lines(PAGE)
    assert lines == ["Romance nuevo", "de M\u1d50\u1d49 Luisa"]
    assert [ocr_held.composed(line) for line in lines] == ["Romance nuevo", "de Mme Luisa"]
    assert ocr_held.latin([ocr_held.composed(line) for line in lines])


def test_without_a_corpus_its_real_pages_are_skipped_out_loud(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CARDSTREAM_MORENO", str(tmp_path / "absent"))
    assert not any(name.startswith("real-moreno-") for name in S13.scan_names())
    said = capsys.readouterr().err
    assert "11 real pages from DesenrollandoElCordel/Moreno-OCR-files are SKIPPED" in said
    assert "CARDSTREAM_MORENO" in said


@pytest.mark.skipif(any(corpus.missing() for corpus in S13.corpora),
                    reason="a corpus of s13-test is not checked out")
def test_its_real_pages_are_images_with_their_lines() -> None:
    real = [spec for spec in specs("s13-test") if spec[2] == "real-scan"]
    assert len(real) == sum(corpus.count for corpus in S13.corpora) == 16
    for corpus in S13.corpora:
        page = case(next(spec for spec in real if spec[1].startswith(f"real-{corpus.tag}-")))
        assert page.language == corpus.language and len(page.lines) >= corpus.min_lines
        assert ocr_held.plain(page.lines) and ocr_held.latin(page.lines)
        with Image.open(io.BytesIO(page.data)) as image:
            assert min(image.size) > 900
