"""Lines Tesseract read across a column gutter are cut at it, in Tesseract's order
(agents/ocr/columns.py).

Tesseract's words are given as values: what is tested is our reading order, not Tesseract's
layout analysis (bench/ocr_accuracy.py measures that on the fresh-dev and fresh-test real
scans: a ruled deposition page read across its panels went from 63.7 to 9.4 % CER, and a
report's tables keep raw Tesseract's page order, 5.4 % page-order CER, where reading them
column by column gave 57.7 %)."""

from __future__ import annotations

from dataclasses import replace

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


def test_a_run_of_lines_read_across_a_gutter_is_cut_and_keeps_tesseracts_order() -> None:
    # Column by column was right for a deposition's panels and wrong for every table (a
    # table's row is read across): the pieces stay in the order Tesseract read them.
    words = _page([("Left one", "Right one"), ("Left two", "Right two"),
                   ("Left three", "Right three"), ("Left four", "Right four")])
    text = assemble(words, [True] * len(words))[0]
    assert text == ("Left one\nRight one\nLeft two\nRight two\n"
                    "Left three\nRight three\nLeft four\nRight four")


def test_a_gap_after_a_label_that_opens_the_line_is_an_indent() -> None:
    # A deposition's "Q.      That was the basement?": one line of the page, not two columns.
    rows = [("Q.", "That was the basement?"), ("A.", "Yeah. There was a processing area"),
            ("Q.", "Your best memory."), ("A.", "Okay.")]
    words = _page(rows)
    text = assemble(words, [True] * len(words))[0]
    assert text == "\n".join(f"{a} {b}" for a, b in rows)


def test_two_rows_read_as_one_line_are_not_interleaved() -> None:
    # Tesseract's one line over two rows (a letterhead over its twin) runs right to left
    # where the second row begins; sorted by position, its words would interleave.
    upper = _line(1, (0, "Est. 1863"), (600, "Member NYSE"))
    lower = [replace(w, top=w.top + 25) for w in _line(1, (5, "Est. 2863"), (605, "Member"))]
    body = _page([("left 1", "right 1"), ("left 2", "right 2"), ("left 3", "right 3")])
    body = [replace(w, line=w.line + 1) for w in body]
    words = upper + lower + body
    text = assemble(words, [True] * len(words))[0]
    assert text.splitlines()[0] == "Est. 1863 Member NYSE Est. 2863 Member"


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
    assert text == "Left one\nRight one\nLeft\nRight\nLeft three\nRight three"
    lines = [w for n in (7, 8, 9) for w in _line(n, (0, "one unreadablejunk here"))]
    keep = [w.text != "unreadablejunk" for w in lines]
    assert assemble(lines, keep)[0] == "one here\none here\none here"


def test_a_heading_over_both_columns_keeps_its_place() -> None:
    heading = _line(1, (0, "A heading that runs over both columns of the page"))
    body = [w for i, (a, b) in enumerate([("left 1", "right 1"), ("left 2", "right 2"),
                                          ("left 3", "right 3")])
            for w in _line(i + 2, (0, a), (600, b))]
    words = heading + body
    text = assemble(words, [True] * len(words))[0]
    assert text == ("A heading that runs over both columns of the page\n"
                    "left 1\nright 1\nleft 2\nright 2\nleft 3\nright 3")


def test_a_label_and_its_value_after_a_colon_stay_one_line() -> None:
    # A report's "Dividend Yield Indicated:      0.1%": the value completes its label (fresh
    # real scans: cut, such rows cost a page 2.3 CER points against raw Tesseract).
    rows = [("Market Value ($M):", "$23,504.2"), ("Dividend Yield Indicated:", "0.1%"),
            ("Book Value PS LQtr:", "$61.98")]
    words = _page(rows)
    text = assemble(words, [True] * len(words))[0]
    assert text == "\n".join(f"{a} {b}" for a, b in rows)
