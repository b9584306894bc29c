"""OCR on pages degraded by a library nobody here tuned (augraphy and OpenCV through
bench/ocr_corpus.py), against raw single-threaded Tesseract on the same bytes.

Only DEV texts and DEV seeds are used here; the TEST split stays for bench/ocr_accuracy.py.
Pages are a paragraph on a narrow page so the whole file runs in about a minute.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from agents.ocr import extract
from agents.ocr.coverage import find_ink, measure, word_boxes
from agents.ocr.geometry import IDENTITY
from agents.ocr.images import load_gray
from agents.ocr.quality import assess
from agents.ocr.tesseract import recognize
from bench.ocr_accuracy import raw_tesseract, score
from bench.ocr_corpus import Case, Source, degrade, dev_text, source

# First sentences of a DEV text, about six lines on a 5.5-inch page.
TEXT = " ".join(dev_text("en-geology")[0].split(". ")[:3]) + "."


@pytest.fixture(scope="module")
def page() -> Source:
    return source("test-geology", [TEXT], width_in=5.5)


def _both(case: Case) -> tuple[float, float, str]:
    raw = raw_tesseract(case.data, "eng")
    ours = extract(case.data, None, f"{case.family}.img").text
    return score(case.truth, raw)[0], score(case.truth, ours)[0], ours


# Each of these read worse than raw Tesseract, or lost text, with the preprocessing before
# candidates (checked by running this file against that code).
@pytest.mark.parametrize("family", ["lighting", "shadow", "blur", "noise", "fold",
                                    "perspective", "phone-photo"])
def test_degraded_family_reads_no_worse_than_raw_and_nearly_whole(page: Source,
                                                                 family: str) -> None:
    raw, ours, text = _both(degrade(page, family, "dev"))
    assert ours <= raw + 0.005, f"{family}: {100 * ours:.2f} % vs raw {100 * raw:.2f} %\n{text}"
    limit = 0.10 if family == "noise" else 0.03  # photocopier specks over the glyphs
    assert ours <= limit, f"{family}: CER {100 * ours:.2f} %\n{text}"


def test_left_margin_of_a_tilted_dark_photo_survives(page: Source) -> None:
    case = degrade(page, "phone-photo", "dev")
    text = extract(case.data, None, "photo.jpg").text
    starts = {line.split()[0] for line in text.splitlines() if line.strip()}
    for line in case.lines:
        first = line.split()[0]
        assert first in starts, f"line start {first!r} lost:\n{text}"


def test_raw_candidate_wins_where_preprocessing_would_hurt(page: Source) -> None:
    # A sharp page shot on a table at an angle: the light is even and the text is crisp, so
    # thresholding and flattening only add noise from the table's grain to the reading.
    case = degrade(page, "perspective", "dev")
    result = extract(case.data, None, "angle.png")
    assert not {s.split(":")[1] for s in result.steps} & {"binary", "sauvola"}, result.steps
    raw = score(case.truth, raw_tesseract(case.data, "eng"))[0]
    assert score(case.truth, result.text)[0] <= raw + 0.005


def test_coverage_drops_below_80_when_a_line_is_lost(page: Source) -> None:
    case = degrade(page, "clean", "dev")
    gray = load_gray(case.data, "clean", 10**8)
    ink = find_ink(np.asarray(gray), assess(gray).text_height)
    words = recognize(gray, "eng", psm=3, dpi=300, timeout_s=60, label="clean")
    whole = measure(ink, word_boxes(ink, words, IDENTITY))
    lines = sorted({(w.block, w.paragraph, w.line) for w in words})
    middle = lines[len(lines) // 2]
    lost_one = [w for w in words if (w.block, w.paragraph, w.line) != middle]
    partial = measure(ink, word_boxes(ink, lost_one, IDENTITY))
    assert whole is not None and partial is not None
    assert whole.percent >= 95
    assert partial.percent < 80 and partial.lines_lost == 1


def test_extract_json_carries_coverage(page: Source, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(degrade(page, "phone-photo", "dev").data)
    run = subprocess.run([sys.executable, "-m", "cardstream.cli", "extract", str(path), "--json"],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["coverage"] >= 95 and result["page_stats"][0]["coverage"] == result["coverage"]


def test_progress_warns_when_text_was_lost() -> None:
    from cardstream.verbs import _describe
    from schemas.events import Text
    from streams.client import Outcome

    def described(coverage: float) -> str:
        text = Text(upload_id="u", filename="p.jpg", content_type="image/jpeg", text="t",
                    language="eng", source="ocr", coverage=coverage)
        return _describe(Outcome(upload_id="u", text=text), "text")

    assert "WARNING" in described(62.0) and "62 % of the text read" in described(62.0)
    assert "WARNING" not in described(97.0)


def test_words_carry_their_boxes() -> None:
    case_page = source("boxes", ["Boxes are read back onto the upload."], width_in=5.5)
    gray = load_gray(degrade(case_page, "clean", "dev").data, "boxes", 10**8)
    words = recognize(gray, "eng", psm=6, dpi=300, timeout_s=60, label="boxes")
    assert words and all(w.width > 0 and w.height > 0 for w in words)
    assert re.sub(r"\W", "", words[0].text) == "Boxes"
