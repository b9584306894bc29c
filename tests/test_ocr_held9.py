"""The held-aside OCR split of session 9 (bench/ocr_held9.py, ``s9-test``) builds: every
degradation family has a page of every source, and its real pages load with their lines. Only
its shape is checked here; no test reads its text or OCR output (it is run once, by
bench/ocr_accuracy.py, at the session's end)."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from PIL import Image

from bench import ocr_held9
from bench.ocr_corpus import FAMILIES, case, seed_of, sources, specs


def test_every_family_has_a_page_of_every_source() -> None:
    names = [s.name for s in sources("s9-test")]
    assert len(names) == 4 and len(set(names)) == 4
    assert {s.language for s in sources("s9-test")} == {"eng", "deu"}
    assert all(s.lines and s.truth for s in sources("s9-test"))
    chosen = specs("s9-test", list(FAMILIES))
    assert Counter(family for _, _, family in chosen) == {family: 4 for family in FAMILIES}
    # no source is shared with the earlier suites' splits
    earlier = {s.name for split in ("fresh-dev", "fresh-test") for s in sources(split)}
    assert earlier.isdisjoint(names)


def test_its_pages_are_images_with_their_own_seeds() -> None:
    name = sources("s9-test")[0].name
    pages = [case(("s9-test", name, family)) for family in ("clean", "low-res")]
    for page in pages:
        assert page.split == "s9-test" and page.lines
        with Image.open(io.BytesIO(page.data)) as image:
            assert min(image.size) > 300
    held = {seed_of(split, family, name) for split, name, family in specs("s9-test",
                                                                             list(FAMILIES))}
    earlier = {seed_of(split, family, name) for split in ("fresh-dev", "fresh-test")
               for _, name, family in specs(split, list(FAMILIES))}
    assert len(held) == 44 and held.isdisjoint(earlier)


def test_the_corpus_markup_is_not_part_of_the_truth() -> None:
    # tapuscorpus marks underlined words with '_' and superscripts with '^' (its README)
    assert ocr_held9.plain(" _Dans  _les (_pinus), l'__OLiPo, le 1^er") == \
        "Dans les (pinus), l'OLiPo, le 1er"
    alto = (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><PrintSpace>'
            b'<TextBlock><TextLine><String CONTENT="Une ligne"/></TextLine><TextLine>'
            b'<String CONTENT="et"/><String CONTENT="deux"/></TextLine></TextBlock>'
            b"</PrintSpace></Page></Layout></alto>")
    assert ocr_held9.alto_lines(alto) == ["Une ligne", "et deux"]


@pytest.mark.skipif(not ocr_held9.SCANS_DIR.exists(), reason="no tapuscorpus checkout")
def test_its_real_pages_are_images_with_their_lines() -> None:
    real = [spec for spec in specs("s9-test") if spec[2] == "real-scan"]
    assert len(real) == 12
    page = case(real[0])
    assert page.language == "fra" and len(page.lines) >= 15
    assert not any("~~~" in line or "_" in line for line in page.lines)
    with Image.open(io.BytesIO(page.data)) as image:
        assert min(image.size) > 1000
