"""Tesseract's own evidence for one reading of a page, to compare candidate preparations.

What counts, and why:
- characters of words Tesseract is sure of (confidence squared, so many doubtful guesses are
  worth less than fewer certain words);
- minus those of words that lie on no glyph ink (read from a table top, a stain, a fold);
- nothing for the words of a junk line, one whose characters are mostly neither words of
  the page's language nor numbers ("Seegeeveceas 9 @e ©BSOOF 6" read from a row of toner
  blotches): junk is no text read, and a candidate that adds some must not win by it (a
  sharpened or straightened copy of a blotched page read 9-10 CER points worse than raw and
  scored higher);
- scaled by the share of the page's ink the kept words account for (coverage), so a reading
  that dropped lines loses to one that did not;
- scaled down by line fragmentation: pieces of one visual line read as separate lines side by
  side (what a tilted or curled page does to the layout analysis) scramble the reading order
  even when every word is right.

That score ranks the candidates, but it cannot by itself say that a candidate is better than
the page read as it is: a thresholded or cleaned copy raises Tesseract's confidence on every
word it shares with the raw reading, and that rise across the page can outweigh a few lines the
candidate misread or lost. So a candidate must also win where the two readings differ
(``net_gain``): the words only it read, weighed by its confidences, against the words only the
raw reading read, weighed by the raw reading's; the words both read cancel out.

Neither sees reading order: two readings of the same words, one with a column of speakers'
names read apart from the lines they begin, score alike. So each reading also keeps its line
pairs (``pairs``: words side by side on one Tesseract line), and ``order_distance`` tells how
differently two readings set the words they share on lines.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from agents.ocr.coverage import (
    Coverage,
    Ink,
    dropped_lines,
    measure,
    on_ink,
    said_by,
    word_boxes,
)
from agents.ocr.lexicon import has_wordlist, is_capital_word, is_word
from agents.ocr.tesseract import Word

MIN_WORD_CONFIDENCE = 30.0  # below this Tesseract itself is guessing
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Evidence:
    score: float
    coverage: Coverage | None
    fragmented: float  # share of words on lines read in pieces
    # Every token (letters and digits, case folded) of the kept words, with the signed weight
    # of each occurrence: its characters times the confidence squared, negative off the ink.
    tokens: dict[str, list[float]] = field(default_factory=dict)
    weight: float = 0.0  # total weight of the kept words on ink
    # Tokens side by side on one Tesseract line (kept words on ink, in reading order), counted.
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)


def net_gain(base: Evidence, other: Evidence) -> float:
    """What ``other`` reads that ``base`` does not, minus what ``base`` reads that ``other``
    does not, as a share of ``base``'s weight (words compared as case-folded tokens, order
    free; an occurrence both read cancels out, whatever each was sure of)."""
    gained = lost = 0.0
    for token in base.tokens.keys() | other.tokens.keys():
        mine, theirs = base.tokens.get(token, []), other.tokens.get(token, [])
        common = min(len(mine), len(theirs))
        # the surest occurrences pair up; what is left over was read by one side only
        lost += sum(sorted(mine, reverse=True)[common:])
        gained += sum(sorted(theirs, reverse=True)[common:])
    return (gained - lost) / max(base.weight, 1.0)


def order_distance(a: Evidence, b: Evidence) -> float:
    """Share of the line pairs of ``a`` and ``b`` over tokens both read that only one of them
    sets side by side: 0 when they set their common words on lines alike, 1 when never (a word
    one reading misread or dropped says nothing about order, so pairs with it are left out)."""
    shared = a.tokens.keys() & b.tokens.keys()
    mine = Counter({p: n for p, n in a.pairs.items() if p[0] in shared and p[1] in shared})
    theirs = Counter({p: n for p, n in b.pairs.items() if p[0] in shared and p[1] in shared})
    total = mine.total() + theirs.total()
    return ((mine - theirs).total() + (theirs - mine).total()) / total if total else 0.0


# A reading of the same words (net_gain within SAME_WORDS of the chosen one's and the raw one's:
# half a percent, the bound) replaces the chosen one when its line structure agrees
# with the other readings' by this much more (mean order_distance; agreed_order). On the drama
# page below the split reading was 0.097 from the others on average, the others 0.063-0.079.
SAME_WORDS = 0.005
MIN_ORDER_GAIN = 0.02


def agreed_order(readings: Sequence[Evidence], best: int, raw: Evidence) -> int:
    """Which of ``readings`` (candidate preparations of one page) to keep instead of the
    chosen one, ``best``: the one whose line structure the others agree with most, among
    those that read the same words as it and as ``raw`` (SAME_WORDS), when ``best``'s is the
    odd one out by MIN_ORDER_GAIN; else ``best``.

    On a drama page (s13-test) one preparation had Tesseract read the speakers' names
    ("Esc.", "Alc.") as a column of their own, apart from the lines they begin, while three
    others read each name with its line: the same words, scored alike, and the split reading
    kept (16.2 % CER against raw Tesseract's 4.7 %). A layout one preparation alone produces
    is that preparation's artefact, whichever way (columns split or merged); with fewer than
    three readings there is no majority and nothing changes."""
    if len(readings) < 3:
        return best

    def disagreement(index: int) -> float:
        return sum(order_distance(readings[index], other)
                   for j, other in enumerate(readings) if j != index) / (len(readings) - 1)

    alike = [i for i, r in enumerate(readings) if i != best
             and net_gain(readings[best], r) >= -SAME_WORDS and net_gain(raw, r) >= -SAME_WORDS]
    if not alike:
        return best
    agreed = min(alike, key=disagreement)
    return agreed if disagreement(best) - disagreement(agreed) >= MIN_ORDER_GAIN else best


def weigh(ink: Ink, words: Sequence[Word], kept: Sequence[bool], to_image: np.ndarray,
          junk: np.ndarray) -> Evidence:
    """The evidence for ``words`` (read on an image ``to_image`` away from the upload), of
    which ``kept`` are the ones the text will keep; words on junk lines (``junk``, per word:
    junk_lines) count for nothing."""
    boxes = word_boxes(ink, words, to_image)
    keep = np.asarray(kept, dtype=bool)
    grounded = on_ink(ink, boxes)
    # Junk reads no ink: its boxes over a row of blotches would count the row as text read.
    coverage = measure(ink, boxes[keep & ~junk] if len(boxes) else boxes,
                       dropped_lines(ink, words, kept, to_image, grounded),
                       said_by(boxes, words))
    if not words:
        return Evidence(0.0, coverage, 0.0)
    weights = np.array([len(w.text) * (w.confidence / 100.0) ** 2 for w in words])
    weights[np.array([w.confidence for w in words]) < MIN_WORD_CONFIDENCE] = 0.0
    weights[junk] = 0.0
    sure = float(weights[grounded].sum() - weights[~grounded].sum())
    share = coverage.ink_read if coverage else 1.0
    fragmented = _fragmented(words, boxes, ink.glyph)
    tokens: dict[str, list[float]] = defaultdict(list)
    pairs: Counter[tuple[str, str]] = Counter()
    line, before = None, ""
    for word, weight, on, chosen in zip(words, weights, grounded, keep, strict=True):
        if chosen:
            for token in _TOKEN.findall(word.text.casefold()):
                share_of_word = len(token) / max(len(word.text), 1)
                tokens[token].append(float(weight * share_of_word) * (1.0 if on else -1.0))
                if on:
                    here = (word.block, word.paragraph, word.line)
                    if here == line:
                        pairs[(before, token)] += 1
                    line, before = here, token
    return Evidence(sure * (0.5 + 0.5 * share) * (1.0 - 0.5 * fragmented), coverage, fragmented,
                    dict(tokens), float(weights[grounded & keep].sum()), pairs)


# The share of a line's characters (spaces aside) in words of the language (letter runs of
# three or more) or numbers, below which the line is junk. Prose of rare, old or misspelt words
# ("inexpressive and unbeautiful by transferrence to another--the") measures 25-45 %; lines
# read from toner blotches ("See ee eeeeq@e 9 BQ 0Oe @e ©COBGOS Pg 0") under 10 %.
MIN_LANGUAGE_SHARE = 0.2
# A line Tesseract is this sure of on average is text even when its words are not the page's
# language: the Portuguese line of a multilingual page ("perezoso. A raposa marrom rapida",
# read at 83-93 on old TEST's eurotext) counted as junk, so as unread, and every version of
# that page warned of lost text. Lines read from blotches come out far less sure.
SURE_LINE = 80.0
_LETTERS = re.compile(r"[^\W\d_]{3,}")
# A number is a whole word of digits (two or more: a lone "0" or "9" is what a round blotch
# reads as), with its punctuation; digits inside a word ("O08", "@0") are no number.
_NUMBER = re.compile(r"^\W*(\d[\d.,:/%-]*\d)\W*$")


def junk_lines(words: Sequence[Word], language: str) -> np.ndarray:
    """Per word: whether it lies on a Tesseract line whose characters are nearly all outside
    words of ``language`` and numbers (MIN_LANGUAGE_SHARE) and that Tesseract is unsure of
    (SURE_LINE). None is, for a language without a word list: every line would look like junk
    there."""
    junk = np.zeros(len(words), dtype=bool)
    if not has_wordlist(language):
        return junk
    lines: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        lines[(word.block, word.paragraph, word.line)].append(index)
    for members in lines.values():
        if sum(words[i].confidence for i in members) / len(members) >= SURE_LINE:
            continue  # a line Tesseract is sure of is text: its words need no word list
        total = sum(len(words[i].text.strip()) for i in members)
        runs = [run for i in members for run in _LETTERS.findall(words[i].text)]
        good = sum(len(run) for run in runs if is_word(run, language))
        good += sum(len(n) for i in members for n in _NUMBER.findall(words[i].text))
        if total and good < MIN_LANGUAGE_SHARE * total:
            # A heading in capitals without its accents ("A. DENOMINATIONS," on a French
            # typescript) is words of the language too; asked only here, as it is slow once.
            good += sum(len(run) for run in runs if is_capital_word(run, language))
            junk[members] = good < MIN_LANGUAGE_SHARE * total
    return junk


def _fragmented(words: Sequence[Word], boxes: np.ndarray, glyph: float) -> float:
    """Share of words on Tesseract lines that sit beside another line at the same height,
    closer than two glyphs, unless the gap between them is a column gutter: no word of the
    lines around crosses it (a narrow magazine gutter is under two glyphs, and reading each
    column's lines apart is right; pieces of a tilted line leave gaps the lines above and
    below run through)."""
    members: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        members[(word.block, word.paragraph, word.line)].append(index)
    lines = list(members.values())
    if len(lines) < 2:
        return 0.0
    extents = np.array([[boxes[i, 0].min(), boxes[i, 1].min(), boxes[i, 2].max(),
                         boxes[i, 3].max()] for i in (np.array(m) for m in lines)])
    x0, y0, x1, y1 = (extents[:, k] for k in range(4))
    height = np.minimum((y1 - y0)[:, None], (y1 - y0)[None, :])
    overlap = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
    gap = np.maximum(x0[:, None], x0[None, :]) - np.minimum(x1[:, None], x1[None, :])
    beside = (overlap > 0.5 * height) & (gap < 2.0 * glyph) & (gap > -glyph)
    np.fill_diagonal(beside, False)
    for i, j in zip(*np.nonzero(np.triu(beside)), strict=True):
        if _gutter(boxes, extents[i], extents[j], glyph):
            beside[i, j] = beside[j, i] = False
    pieces = beside.any(axis=1)
    return sum(len(m) for m, piece in zip(lines, pieces, strict=True) if piece) / len(words)


GUTTER_LINES = 3.0  # line heights above and below a gap that must leave it white


def _gutter(boxes: np.ndarray, a: np.ndarray, b: np.ndarray, glyph: float) -> bool:
    """Whether no word box runs across the middle of the gap between line extents ``a`` and
    ``b`` within GUTTER_LINES line heights of them (their own words end at the gap)."""
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    gap_x0, gap_x1 = left[2], right[0]
    if gap_x1 - gap_x0 < 0.5 * glyph:  # touching or overlapping pieces: no gap to test
        return False
    middle = (max(a[1], b[1]) + min(a[3], b[3])) / 2
    reach = GUTTER_LINES * max(a[3] - a[1], b[3] - b[1])
    near = (boxes[:, 3] > middle - reach) & (boxes[:, 1] < middle + reach)
    centre = (gap_x0 + gap_x1) / 2  # lines of a column end near the gutter, never across it
    crossing = (boxes[:, 0] < centre) & (boxes[:, 2] > centre)
    return not bool((near & crossing).any())
