"""The OCR split held aside in session 12 (bench/ocr_held12.py, ``s12-test``) builds and is
registered: every degradation family has a page of every source, none of its sources, seeds,
books or corpora is an earlier split's, and an absent corpus is skipped out loud. Only its
shape is checked; no test reads its text or OCR output."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from PIL import Image

from bench import ocr_held, ocr_held9, ocr_held10, ocr_held11, ocr_held12
from bench.ocr_corpus import FAMILIES, HELD, Split, case, seed_of, sources, specs

EARLIER = ("dev", "test", "fresh-dev", "fresh-test", "s9-test", "s10-test", "s11-test")


def test_it_is_a_split_of_the_accuracy_bench() -> None:
    assert "s12-test" in get_args(Split) and HELD["s12-test"] == "bench.ocr_held12"


def test_every_family_has_a_page_of_every_source() -> None:
    held = sources("s12-test")
    names = [s.name for s in held]
    assert len(names) == 4 and len(set(names)) == 4
    assert {s.language for s in held} == {"eng", "fra", "deu"}
    assert all(s.lines and s.truth.strip() for s in held)
    chosen = specs("s12-test", list(FAMILIES))
    assert Counter(family for _, _, family in chosen) == {family: 4 for family in FAMILIES}
    earlier = {s.name for split in EARLIER for s in sources(split)}  # type: ignore[arg-type]
    assert earlier.isdisjoint(names)


def test_its_seeds_books_faces_and_corpora_are_its_own() -> None:
    held = {seed_of(split, family, name)
            for split, name, family in specs("s12-test", list(FAMILIES))}
    earlier = {seed_of(split, family, name) for split in EARLIER
               for _, name, family in specs(split, list(FAMILIES))}  # type: ignore[arg-type]
    assert len(held) == 44 and held.isdisjoint(earlier)
    modules = (ocr_held9, ocr_held10, ocr_held11)
    assert {book[0] for m in modules for book in m.BOOKS}.isdisjoint(
        book[0] for book in ocr_held12.BOOKS)
    faces = {face[:2] for m in modules for face in m.FACES}
    assert faces.isdisjoint(face[:2] for face in ocr_held12.FACES)
    used = {ocr_held10.SCANS_REPO, "HTR-United/tapuscorpus",
            *(corpus.repo for corpus in ocr_held11.CORPORA)}
    assert used.isdisjoint(corpus.repo for corpus in ocr_held12.CORPORA)


def test_a_page_is_an_image_with_its_lines() -> None:
    page = case(("s12-test", sources("s12-test")[0].name, "phone-photo"))
    assert page.split == "s12-test" and page.lines
    with Image.open(io.BytesIO(page.data)) as image:
        assert min(image.size) > 300


ALTO = b"""<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Tags>
<OtherTag ID="LT1" LABEL="DefaultLine:Typewritten"/>
<OtherTag ID="LT2" LABEL="DefaultLine:Signature"/>
</Tags><Layout><Page><PrintSpace><TextBlock>
<TextLine TAGREFS="LT1"><String CONTENT="Dear"/><String CONTENT="Sir:"/></TextLine>
<TextLine TAGREFS="LT2"><String CONTENT="J.Agler"/></TextLine>
</TextBlock></PrintSpace></Page></Layout></alto>"""


def test_a_corpus_can_keep_only_the_typed_lines() -> None:
    # the Stanford letters type every line (SegmOnto); their signatures are not typed text
    assert ocr_held.alto_lines(ALTO) == ["Dear Sir:", "J.Agler"]
    assert ocr_held.alto_lines(ALTO, ("DefaultLine:Typewritten",)) == ["Dear Sir:"]
    assert not ocr_held.plain(["a word ⟦struck⟧ out"]) and not ocr_held.plain(["^above"])
    assert ocr_held.plain(["Mar. 21, 1905."])


def test_without_a_corpus_its_real_pages_are_skipped_out_loud(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CARDSTREAM_STANFORD", str(tmp_path / "absent"))
    assert not any(name.startswith("real-stanford-") for name in ocr_held12.scan_names())
    said = capsys.readouterr().err
    assert "4 real pages from PSL-Chartes-HTR-Students/HN2021-Memorials_Jane_Lathrop_Stanford" \
           " are SKIPPED" in said
    assert "CARDSTREAM_STANFORD" in said


@pytest.mark.skipif(any(corpus.missing() for corpus in ocr_held12.CORPORA),
                    reason="a corpus of s12-test is not checked out")
def test_its_real_pages_are_images_with_their_lines() -> None:
    real = [spec for spec in specs("s12-test") if spec[2] == "real-scan"]
    assert len(real) == sum(corpus.count for corpus in ocr_held12.CORPORA) == 19
    for corpus in ocr_held12.CORPORA:
        page = case(next(spec for spec in real if spec[1].startswith(f"real-{corpus.tag}-")))
        assert page.language == corpus.language and len(page.lines) >= corpus.min_lines
        assert ocr_held.plain(page.lines) and ocr_held.latin(page.lines)
        with Image.open(io.BytesIO(page.data)) as image:
            assert min(image.size) > 900
