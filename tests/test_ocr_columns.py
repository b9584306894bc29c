"""Lines Tesseract read across a column gutter come out column by column (agents/ocr/columns.py).

Tesseract's words are given as values: what is tested is our reading order, not Tesseract's
layout analysis (bench/ocr_accuracy.py measures that on the fresh-dev real scans: a ruled
deposition page read across its panels went from 63.7 to 8.4 % CER)."""

from __future__ import annotations

from agents.ocr.columns import by_columns
from agents.ocr.tesseract import Word
from agents.ocr.text import assemble

HEIGHT = 20  # glyph height in pixels; a word space is a third of it


def _line(number: int, *parts: tuple[int, str]) -> list[Word]:
    """One Tesseract line: words at the given left edges, 12 px wide per character."""
    words = []
    for left, text in parts:
        for token in text.split():
            words.append(Word(token, 90.0, 1, 1, number, left, number * 30, 12 * len(token),
                              HEIGHT))
            left += 12 * len(token) + 7
    return words


def _page(rows: list[tuple[str, str]]) -> list[Word]:
    return [w for i, (a, b) in enumerate(rows) for w in _line(i + 1, (0, a), (600, b))]


def test_a_run_of_lines_read_across_a_gutter_is_read_column_by_column() -> None:
    words = _page([("Left one", "Right one"), ("Left two", "Right two"),
                   ("Left three", "Right three"), ("Left four", "Right four")])
    text = assemble(words, [True] * len(words))[0]
    assert text == ("Left one\nLeft two\nLeft three\nLeft four\n\n"
                    "Right one\nRight two\nRight three\nRight four")


def test_word_spaces_and_a_short_run_are_left_as_read() -> None:
    # A caption row or two set apart (a filing's "Plaintiff,   CIVIL ACTION NO.") is no
    # column; neither is a line whose widest gap is a justified word space.
    prose = _line(1, (0, "a justified line of prose"), (330, "with a wide space"))
    caption = [w for i, (a, b) in enumerate([("Plaintiff,", "CIVIL ACTION NO."), ("v.", "")])
               for w in _line(i + 2, (0, a), (600, b))]
    words = prose + caption
    assert by_columns(words, [True] * len(words)) == words


def test_a_left_out_word_opens_no_gutter_and_stays_out() -> None:
    # Which words are kept is decided before: a dropped word is not shown, and the gap it
    # leaves is no gutter.
    rows = [("Left one", "Right one"), ("Left two", "Right two"), ("Left three", "Right three")]
    words = _page(rows)
    keep = [w.text != "two" for w in words]
    text = assemble(words, keep)[0]
    assert text == "Left one\nLeft\nLeft three\n\nRight one\nRight\nRight three"
    lines = [w for n in (7, 8, 9) for w in _line(n, (0, "one unreadablejunk here"))]
    keep = [w.text != "unreadablejunk" for w in lines]
    assert assemble(lines, keep)[0] == "one here\none here\none here"


def test_a_heading_over_both_columns_keeps_its_place() -> None:
    heading = _line(1, (0, "A heading that runs over both columns of the page"))
    body = [w for i, (a, b) in enumerate([("l1", "r1"), ("l2", "r2"), ("l3", "r3")])
            for w in _line(i + 2, (0, a), (600, b))]
    words = heading + body
    text = assemble(words, [True] * len(words))[0]
    assert text == ("A heading that runs over both columns of the page\n\n"
                    "l1\nl2\nl3\n\nr1\nr2\nr3")
