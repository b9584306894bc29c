"""Lines Tesseract read across a column gutter, cut at the gutter, in Tesseract's order.

Tesseract's layout analysis (psm 3) sometimes fails to find the columns of a page: a
deposition's ruled panels, a table's cells, a report's side table beside its text. It then
reads each visual row as one line running across the gutter ("Revenue (US$ m) 915.9 1,382.7"),
and a line of the text joins pieces that are no line of the page.

So a line is cut where two of its words lie farther apart than any word space
(GUTTER_HEIGHTS line heights), when a run of MIN_RUN or more consecutive lines is cut that
way: each piece becomes a line of its own. The pieces stay in Tesseract's order, row by row.
Reading such a run column by column instead (session 8) was right for a deposition's panels
and wrong for every table and side column: on the real scans of fresh-dev and fresh-test it
made page order worse than raw Tesseract's on 5 of 14 pages (a report's tables 5.4 → 57.7 %
page-order CER) and better on one. Which reading a run wants cannot be told from the gaps
alone, and raw Tesseract's order is never worse than raw's.

A gap after a label (a piece of one short token: "Q.", "A.", "12", "(1)") is an indent, not a
gutter: a deposition's "Q.   That was the basement?" is one line of the page. Nor is a gap
after a colon: "Dividend Yield Indicated:   0.1%" is a label and its value, one statement.
Measured on the fresh-dev and fresh-test real scans (bench/ocr_accuracy.py); the gutter is a
layout fact, so nothing here looks at the truth.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from statistics import median

from agents.ocr.tesseract import Word

# A word space is under one line height even in justified text; columns of a page, a panel's
# rule and its margin, or a table's cells leave three or more.
GUTTER_HEIGHTS = 3.0
# Consecutive lines a gutter must cut to be one: a page's columns run down many lines, while
# a filing's caption ("Plaintiff,      CIVIL ACTION NO.") is a line or two set apart, and its
# row reads as well either way (fresh-dev: cut alone, such rows cost a filing 5 CER points).
MIN_RUN = 3
LABEL_CHARS = 3  # a piece of one token this short before a gap labels the line ("Q.", "12")

LineKey = tuple[int, int, int]


def by_columns(words: list[Word], keep: Sequence[bool]) -> list[Word]:
    """The ``keep`` words of ``words`` in Tesseract's order, lines cut at gutters (module
    docstring): each piece a line of its own. The gutters are found among all the words, so a
    word the text leaves out opens none."""
    lines: dict[LineKey, list[Word]] = defaultdict(list)
    order: list[LineKey] = []
    for word in words:
        key = (word.block, word.paragraph, word.line)
        if key not in lines:
            order.append(key)
        lines[key].append(word)
    pieces = [_pieces(lines[key]) for key in order]
    start = 0
    while start < len(pieces):  # a run shorter than MIN_RUN is read as Tesseract read it
        end = start
        while end < len(pieces) and len(pieces[end]) > 1:
            end += 1
        if end - start < MIN_RUN:
            for index in range(start, end):
                pieces[index] = [lines[order[index]]]
        start = end + 1
    if all(len(p) == 1 for p in pieces):
        return [w for w, k in zip(words, keep, strict=True) if k]
    dropped = {id(w) for w, k in zip(words, keep, strict=True) if not k}
    out: list[Word] = []
    number: dict[tuple[int, int], int] = defaultdict(int)  # lines so far per paragraph
    for key, cut in zip(order, pieces, strict=True):
        for piece in cut:
            number[key[:2]] += 1
            out.extend(replace(w, line=number[key[:2]]) for w in piece if id(w) not in dropped)
    return out


def _pieces(line: list[Word]) -> list[list[Word]]:
    """The line cut at every gap between neighbouring words of GUTTER_HEIGHTS or more, except
    after a label that opens the line. A line whose words do not run left to right in
    Tesseract's order is two rows read as one (a letterhead's "Est. 1863 · Member: NYSE" over
    its twin) and is not cut: sorted by position, its words would interleave the rows."""
    if any(word.left < before.left for before, word in pairwise(line)):
        return [line]
    height = median(w.height for w in line) or 1
    pieces = [[line[0]]]
    for before, word in pairwise(line):
        gap = word.left - (before.left + before.width)
        label = len(pieces) == 1 and len(pieces[0]) == 1 and len(before.text) <= LABEL_CHARS
        if gap >= GUTTER_HEIGHTS * height and not label and not before.text.endswith(":"):
            pieces.append([])
        pieces[-1].append(word)
    return pieces
