"""The OCR bench's reading-order-free CER (bench/ocr_accuracy.py line_cer)."""

from __future__ import annotations

import pytest

from bench.ocr_accuracy import line_cer, lost_lines, score

LINES = ("Guarendi's book shows that tradi-", "tional values, rooted in the bedrock",
         "Listen to the voices", "of real experience")


def test_blocks_in_another_order_cost_nothing() -> None:
    # The headline block read before the column instead of after it: a fair reading of a
    # magazine page, which the page-order CER charged as errors.
    swapped = "\n".join(LINES[2:] + LINES[:2])
    assert line_cer(LINES, swapped) == 0.0
    assert score("\n".join(LINES), swapped)[0] > 0.2


def test_lines_merged_across_columns_still_cost() -> None:
    merged = f"{LINES[0]} {LINES[2]}\n{LINES[1]} {LINES[3]}"
    assert line_cer(LINES, merged) > 0.3


def test_lost_and_invented_lines_count_every_character() -> None:
    total = sum(len(line) for line in LINES)
    assert line_cer(LINES, "\n".join(LINES[:3])) == pytest.approx(len(LINES[3]) / total)
    assert line_cer(LINES, "\n".join((*LINES, "xxxxx"))) == pytest.approx(5 / total)
    assert line_cer(LINES, "") == 1.0


def test_a_line_read_in_another_case_is_not_lost() -> None:
    # A small-caps byline transcribed in capitals and read in title case was read.
    assert lost_lines(("BY RALPH KINNEY BENNETT",), "By Ralph Kinney Bennett") == 0
    assert lost_lines(("BY RALPH KINNEY BENNETT",), "PHOTO: PAUL BARTON") == 1
