"""Lines Tesseract read across a column gutter, read column by column.

Tesseract's layout analysis (psm 3) sometimes fails to find the columns of a page: a
deposition's four ruled panels, a report's side table beside its text. It then reads each
visual row as one line running across the gutter ("1 for emails between Binet, CZ, and/or
Jensen? 1 A. Again, it has to do with back-ordering guns."), and the text a student gets
interleaves two columns line by line. The words are read right; only the order is wrong.

So a line is cut where two of its words lie farther apart than any word space
(GUTTER_HEIGHTS line heights), and a run of MIN_RUN or more consecutive lines cut that way is
read one column after the other: the pieces left of the first gap top to bottom, then the next. A
line that crosses no gap (a heading over both columns) ends the run and keeps its place.
Measured on the fresh-dev real scans (bench/ocr_accuracy.py); the gutter is a reading-order
fact, so nothing here looks at the truth.
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

LineKey = tuple[int, int, int]


def by_columns(words: list[Word], keep: Sequence[bool]) -> list[Word]:
    """The ``keep`` words of ``words`` in reading order, lines cut at gutters (module
    docstring): each piece a line of its own, each column of a run its own paragraph. The
    gutters are found among all the words, so a word the text leaves out opens none."""
    lines: dict[LineKey, list[Word]] = defaultdict(list)
    order: list[LineKey] = []
    for word in words:
        key = (word.block, word.paragraph, word.line)
        if key not in lines:
            order.append(key)
        lines[key].append(word)
    dropped = {id(w) for w, k in zip(words, keep, strict=True) if not k}
    pieces = [_pieces(lines[key]) for key in order]
    start = 0
    while start < len(pieces):  # a run shorter than MIN_RUN is read as Tesseract read it
        end = start
        while end < len(pieces) and len(pieces[end]) > 1:
            end += 1
        if end - start < MIN_RUN:
            for index in range(start, end):
                pieces[index] = [sorted(lines[order[index]], key=lambda w: w.left)]
        start = end + 1
    if all(len(p) == 1 for p in pieces):
        return [w for w, k in zip(words, keep, strict=True) if k]
    out: list[Word] = []
    paragraph = 0
    run: list[list[list[Word]]] = []

    def flush() -> None:
        nonlocal paragraph
        columns = max((len(p) for p in run), default=0)
        for column in range(columns):
            paragraph += 1
            for number, line in enumerate(p[column] for p in run if column < len(p)):
                out.extend(_renumbered(line, paragraph, number + 1, dropped))
        run.clear()

    previous: LineKey | None = None
    for key, cut in zip(order, pieces, strict=True):
        if len(cut) > 1:
            run.append(cut)
        else:
            flush()
            if previous is None or key[:2] != previous[:2]:
                paragraph += 1
            out.extend(_renumbered(cut[0], paragraph, key[2], dropped))
        previous = key
    flush()
    return out


def _pieces(line: list[Word]) -> list[list[Word]]:
    """The line cut at every gap between neighbouring words of GUTTER_HEIGHTS or more."""
    ordered = sorted(line, key=lambda w: w.left)
    height = median(w.height for w in ordered) or 1
    pieces = [[ordered[0]]]
    for before, word in pairwise(ordered):
        if word.left - (before.left + before.width) >= GUTTER_HEIGHTS * height:
            pieces.append([])
        pieces[-1].append(word)
    return pieces


def _renumbered(line: list[Word], paragraph: int, number: int,
                dropped: set[int]) -> list[Word]:
    return [replace(w, block=0, paragraph=paragraph, line=number) for w in line
            if id(w) not in dropped]
