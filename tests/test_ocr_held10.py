"""The OCR split held aside in session 10 (bench/ocr_held10.py, ``s10-test``) builds and is
registered: every degradation family has a page of every source, none of its sources or seeds
is an earlier split's, and its real pages load with their lines. Only its shape is checked; no
test reads its text or OCR output."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from PIL import Image

from bench import ocr_held10
from bench.ocr_corpus import FAMILIES, HELD, Split, case, seed_of, sources, specs

EARLIER = ("dev", "test", "fresh-dev", "fresh-test", "s9-test")


def test_it_is_a_split_of_the_accuracy_bench() -> None:
    assert "s10-test" in get_args(Split) and HELD["s10-test"] == "bench.ocr_held10"


def test_every_family_has_a_page_of_every_source() -> None:
    held = sources("s10-test")
    names = [s.name for s in held]
    assert len(names) == 4 and len(set(names)) == 4
    assert {s.language for s in held} == {"eng", "spa"}
    assert all(s.lines and s.truth.strip() for s in held)
    chosen = specs("s10-test", list(FAMILIES))
    assert Counter(family for _, _, family in chosen) == {family: 4 for family in FAMILIES}
    earlier = {s.name for split in EARLIER for s in sources(split)}  # type: ignore[arg-type]
    assert earlier.isdisjoint(names)


def test_its_pages_are_images_with_their_own_seeds() -> None:
    name = sources("s10-test")[0].name
    for family in ("clean", "low-res"):
        page = case(("s10-test", name, family))
        assert page.split == "s10-test" and page.lines
        with Image.open(io.BytesIO(page.data)) as image:
            assert min(image.size) > 300
    held = {seed_of(split, family, name)
            for split, name, family in specs("s10-test", list(FAMILIES))}
    earlier = {seed_of(split, family, name) for split in EARLIER
               for _, name, family in specs(split, list(FAMILIES))}  # type: ignore[arg-type]
    assert len(held) == 44 and held.isdisjoint(earlier)


def test_the_corpus_conventions_are_not_part_of_the_truth() -> None:
    # FONDUE stores text decomposed (NFD) and writes a line-end hyphen as '¬'
    assert ocr_held10.plain("  Espan\u0303a  tenía\u0301 gene¬") == "España teníá gene-"


def test_without_the_corpus_the_real_pages_are_skipped_out_loud(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(ocr_held10, "SCANS_DIR", tmp_path / "absent")
    assert ocr_held10.scan_names() == []
    said = capsys.readouterr().err
    assert "14 real pages are SKIPPED" in said and "CARDSTREAM_FONDUE_ES" in said


@pytest.mark.skipif(not ocr_held10.SCANS_DIR.exists(), reason="no FONDUE-ES-PRINT-19 checkout")
def test_its_real_pages_are_images_with_their_lines() -> None:
    real = [spec for spec in specs("s10-test") if spec[2] == "real-scan"]
    assert len(real) == 14
    page = case(real[0])
    assert page.language == "spa" and len(page.lines) >= ocr_held10.MIN_LINES
    assert not any("¬" in line for line in page.lines)
    with Image.open(io.BytesIO(page.data)) as image:
        assert min(image.size) > 500
