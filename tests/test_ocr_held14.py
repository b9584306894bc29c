"""The OCR split held aside in session 14 (bench/ocr_data/held14.toml, ``s14-test``) is data for
the held-split builder (bench/ocr_held.py) and is registered: every degradation family has a
page of every passage, none of its books, faces, corpora or seeds is an earlier split's, every
corpus states its licence and SOURCES.md records each source at its commit, and the draw is a
pure function of the split (building it again gives the committed draw). Only its shape is
checked; no test reads its text or any OCR output of its pages."""

from __future__ import annotations

import io
import json
import tomllib
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from PIL import Image

from bench import ocr_held, ocr_held9, ocr_held10, ocr_held11, ocr_held12
from bench.ocr_corpus import DATA, FAMILIES, HELD, Split, case, held_spec, seed_of, sources, specs

S13 = ocr_held.load(DATA / "held13.toml")
S14 = ocr_held.load(DATA / "held14.toml")
EARLIER = ("dev", "test", "fresh-dev", "fresh-test", "s9-test", "s10-test", "s11-test",
           "s12-test", "s13-test")
MIRRORS = Path("/work/.mirror")


def _mirrored(held: ocr_held.Held) -> bool:
    return all((MIRRORS / repo.replace("/", "+") / "repo").exists()
               for repo, *_ in held.books) and not any(c.missing() for c in held.corpora)


def test_it_is_a_split_of_the_accuracy_bench_described_as_data() -> None:
    assert "s14-test" in get_args(Split) and HELD["s14-test"] == "held14.toml"
    assert held_spec("s14-test") == S14 and S14.split == "s14-test"
    assert S14.passages == DATA / "held14_pages.json"


def test_every_family_has_a_page_of_every_passage() -> None:
    held = sources("s14-test")
    names = [s.name for s in held]
    passages = sum(book[4] for book in S14.books)
    assert len(names) == passages == 5 and len(set(names)) == passages
    assert {s.language for s in held} == {"eng"}
    assert all(s.lines and s.truth.strip() for s in held)
    chosen = specs("s14-test", list(FAMILIES))
    assert len(chosen) == passages * len(FAMILIES)
    assert Counter(family for _, _, family in chosen) == {f: passages for f in FAMILIES}
    earlier = {s.name for split in EARLIER for s in sources(split)}  # type: ignore[arg-type]
    assert earlier.isdisjoint(names)


def test_the_phone_photo_families_are_among_its_pages() -> None:
    chosen = {family for _, _, family in specs("s14-test", list(FAMILIES))}
    assert {"lighting", "shadow", "perspective", "blur", "phone-photo"} <= chosen


def test_its_seeds_books_faces_and_corpora_are_its_own() -> None:
    held = {seed_of(split, family, name)
            for split, name, family in specs("s14-test", list(FAMILIES))}
    earlier = {seed_of(split, family, name) for split in EARLIER
               for _, name, family in specs(split, list(FAMILIES))}  # type: ignore[arg-type]
    assert len(held) == 55 and held.isdisjoint(earlier)
    modules = (ocr_held9, ocr_held10, ocr_held11, ocr_held12)
    books = {book[0] for m in modules for book in m.BOOKS} | {book[0] for book in S13.books}
    assert books.isdisjoint(book[0] for book in S14.books)
    styles = {face[0] for m in modules for face in m.FACES} | {face[0] for face in S13.faces}
    styles |= {"Serif", "Sans", "SerifCondensed"}  # bench/ocr_corpus.FACES, bench/ocr_fresh.py
    assert styles.isdisjoint(face[0] for face in S14.faces)
    used = {ocr_held10.SCANS_REPO, "HTR-United/tapuscorpus", "scribeocr/ocr-benchmark",
            "tesseract-ocr/test",
            *(corpus.repo for corpora in (ocr_held11.CORPORA, ocr_held12.CORPORA, S13.corpora)
              for corpus in corpora)}
    assert used.isdisjoint(corpus.repo for corpus in S14.corpora)


def test_every_source_is_recorded_with_its_licence() -> None:
    sources_md = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    section = sources_md[sources_md.index("(`bench/ocr_data/held14.toml`; split `s14-test`"):]
    for repo, file, commit, _, _ in S14.books:
        assert f"@ `{commit}` (`{file}`" in section, repo
    for corpus in S14.corpora:
        assert corpus.licence.startswith("CC BY")
        assert f"`{corpus.repo}` @ `{corpus.commit}`" in section
        assert corpus.licence in section
    about = str(json.loads(S14.passages.read_text(encoding="utf-8"))["about"])
    assert all(f"{c.repo} (transcriptions {c.licence})" in about for c in S14.corpora)


def test_a_split_is_read_from_its_data_file(tmp_path: Path) -> None:
    # the builder reads every key of a split's file: a copy with one face and one corpus
    # changed is another split, drawn by the same code
    data = tomllib.loads((DATA / "held14.toml").read_text(encoding="utf-8"))
    spec = (DATA / "held14.toml").read_text(encoding="utf-8").replace(
        'style = "Sans-ExtraLight"', 'style = "Sans-BoldOblique"').replace(
        "count = 1\n", "count = 3\n")
    (tmp_path / "other.toml").write_text(spec, encoding="utf-8")
    other = ocr_held.load(tmp_path / "other.toml")
    assert other.faces[0] == ("Sans-BoldOblique", 11.0, 8.0) and other.corpora[0].count == 3
    assert other.faces[1:] == S14.faces[1:] and other.books == S14.books
    assert other.passages == tmp_path / data["passages"]
    assert isinstance(other.corpora[0].kinds, tuple)


def test_a_page_is_an_image_with_its_lines() -> None:
    page = case(("s14-test", sources("s14-test")[0].name, "phone-photo"))
    assert page.split == "s14-test" and page.lines
    with Image.open(io.BytesIO(page.data)) as image:
        assert min(image.size) > 300


def test_without_a_corpus_its_real_pages_are_skipped_out_loud(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CARDSTREAM_FONDUE_EN", str(tmp_path / "absent"))
    assert not S14.scan_names()
    said = capsys.readouterr().err
    assert "1 real pages from FoNDUE-HTR/FONDUE-EN-PRINT-20 are SKIPPED" in said
    assert "CARDSTREAM_FONDUE_EN" in said


@pytest.mark.skipif(any(corpus.missing() for corpus in S14.corpora),
                    reason="a corpus of s14-test is not checked out")
def test_its_real_pages_are_english_scans_with_their_lines() -> None:
    real = [spec for spec in specs("s14-test") if spec[2] == "real-scan"]
    assert len(real) == sum(corpus.count for corpus in S14.corpora) == 1
    for corpus in S14.corpora:
        page = case(next(spec for spec in real if spec[1].startswith(f"real-{corpus.tag}-")))
        assert page.language == corpus.language == "eng"
        assert len(page.lines) >= corpus.min_lines
        assert ocr_held.plain(page.lines) and ocr_held.latin(page.lines)
        with Image.open(io.BytesIO(page.data)) as image:
            assert min(image.size) > 900


@pytest.mark.parametrize("held", [S13, S14], ids=["s13-test", "s14-test"])
def test_building_the_split_again_gives_its_committed_draw(held: ocr_held.Held) -> None:
    # deterministic: the passages and real pages drawn from the mirrors are the committed ones
    if not _mirrored(held):
        pytest.skip(f"the books or corpora of {held.split} are not mirrored in {MIRRORS}")
    built = held.build(MIRRORS)
    committed = json.loads(held.passages.read_text(encoding="utf-8"))
    assert built["texts"] == committed["texts"] and built["scans"] == committed["scans"]
    assert len(committed["texts"]) == sum(book[4] for book in held.books)
    assert len(committed["scans"]) == sum(corpus.count for corpus in held.corpora)
