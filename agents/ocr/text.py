"""Words back into text, keeping Tesseract's lines and paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from agents.ocr.columns import by_columns
from agents.ocr.evidence import junk_lines
from agents.ocr.lexicon import has_wordlist, is_word, mostly_words
from agents.ocr.tesseract import Word

# How far under the user's filter a word on a line of text may be read and kept: 70 keeps 30,
# Tesseract's own line between a doubtful word and a guess (evidence.MIN_WORD_CONFIDENCE).
TEXT_LINE_MARGIN = 40.0
_ALNUM = re.compile(r"[^\W_]")


def kept_mask(words: list[Word], min_confidence: float, language: str = "",
              junk: np.ndarray | None = None, *, doubtful: bool = True) -> list[bool]:
    """Which words the text keeps: those at or above ``min_confidence``, every word of a line
    Tesseract is sure of on average, and every word of ``language`` (agents/ocr/lexicon.py).
    Junk read from noise comes as whole doubtful lines of non-words and goes; a doubtful word
    inside a good line is usually a real word (measured on the DEV pages of
    bench/ocr_accuracy.py: "manera" at 23, "asterisks," at 0 in lines averaging 89-91), and so
    is a dictionary word in a doubtful line ("KINNEY" in "By RAtpo KINNEY BENNETT"): dropping
    them turned a small error or none into a missing word (scan-8071 with noise: 9.4 % CER
    kept at 70 against 4.7 % for all words).

    On a line of text (no junk line, evidence.junk_lines: that needs the language's word
    list) a word read within TEXT_LINE_MARGIN of the filter is kept too: on worn real pages
    Tesseract doubts old spellings, names and words with a stray mark ("Bukanan,", "su.",
    "la:correspondia;"), and a dropped word costs all its characters where a misread one
    costs a few (19th-century Spanish scans read 13.4 % CER filtered against 10.0 % raw).
    ``doubtful=False`` leaves those out: what coverage counts as read and candidates are
    weighed by. A guess on a line of text is worth showing, but no proof its ink was read:
    counted, the junk a noisy page's raw reading kept over a line it lost made the line read
    (DEV en-oxygen with noise, coverage 80.8). ``junk``: the words' junk_lines, when the
    caller has them already."""
    lines: dict[tuple[int, int, int], list[float]] = {}
    for word in words:
        lines.setdefault((word.block, word.paragraph, word.line), []).append(word.confidence)
    sure = {key: sum(values) / len(values) >= min_confidence for key, values in lines.items()}
    if not doubtful or not has_wordlist(language):
        text_line = np.zeros(len(words), dtype=bool)
    else:
        text_line = ~(junk_lines(words, language) if junk is None else junk)
    floor = min_confidence - TEXT_LINE_MARGIN
    kept = [
        w.confidence >= min_confidence or sure[(w.block, w.paragraph, w.line)]
        or bool(language and is_word(w.text, language))
        or bool(on_text and w.confidence >= floor and _ALNUM.search(w.text))
        for w, on_text in zip(words, text_line, strict=True)
    ]
    # A doubtful word between two kept words of its line is a misread word, not junk: a few
    # wrong letters cost less than the whole word missing ("Sometimes Retherty instincts");
    # so is a doubtful word of letters beside a kept word ("I fele.", "Kinney BeNnNeTT").
    return [
        keep or (_kept_beside(words, kept, i, -1) and _kept_beside(words, kept, i, 1))
        or ((_lettered(words[i].text) or bool(language and mostly_words(words[i].text, language)))
            and (_kept_beside(words, kept, i, -1) or _kept_beside(words, kept, i, 1)))
        for i, keep in enumerate(kept)
    ]


def _kept_beside(words: list[Word], kept: list[bool], index: int, step: int) -> bool:
    other = index + step
    return 0 <= other < len(words) and kept[other] and _line(words[other]) == _line(words[index])


def _lettered(text: str) -> bool:
    """Three letters or more, and nothing but letters inside the word's punctuation."""
    core = _EDGES.sub("", text)
    return len(core) >= 3 and core.isalpha()


_EDGES = re.compile(r"^\W+|\W+$")


def _line(word: Word) -> tuple[int, int, int]:
    return word.block, word.paragraph, word.line


def assemble(words: list[Word], mask: Sequence[bool]) -> tuple[str, list[Word]]:
    """The text of the ``mask`` words (``kept_mask``) and those words, in reading order: which
    words are kept is decided on Tesseract's lines, and lines it ran across a column gutter
    are read column by column (agents/ocr/columns.py)."""
    kept = by_columns(words, mask)
    return lay_out(kept), kept


def lay_out(kept: list[Word]) -> str:
    """Words of a line joined by spaces, lines by newlines, paragraphs by a blank line."""
    paragraphs: list[list[str]] = []
    lines: list[str] = []
    current_par: tuple[int, int] | None = None
    current_line: tuple[int, int, int] | None = None
    line_words: list[str] = []
    for word in kept:
        par = (word.block, word.paragraph)
        line = (word.block, word.paragraph, word.line)
        if line != current_line and line_words:
            lines.append(" ".join(line_words))
            line_words = []
        if par != current_par and lines:
            paragraphs.append(lines)
            lines = []
        current_par, current_line = par, line
        line_words.append(word.text)
    if line_words:
        lines.append(" ".join(line_words))
    if lines:
        paragraphs.append(lines)
    return "\n\n".join("\n".join(p) for p in paragraphs)
