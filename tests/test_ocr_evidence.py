"""The evidence candidates are compared by, and which words the text keeps: values in, values
out (words with boxes as Tesseract reports them)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from agents.ocr.evidence import (
    Evidence,
    _fragmented,
    agreed_order,
    junk_lines,
    net_gain,
    order_distance,
)
from agents.ocr.tesseract import Word
from agents.ocr.text import kept_mask

GLYPH = 20.0  # glyph height in the boxes' pixels
LINE = 40  # line pitch


def _word(text: str, left: int, top: int, width: int, line: int, block: int = 1,
          confidence: float = 95.0) -> Word:
    return Word(text, confidence, block, 1, line, left, top, width, 30)


def _boxes(words: list[Word]) -> np.ndarray:
    return np.array([[w.left, w.top, w.left + w.width, w.top + w.height] for w in words],
                    dtype=np.float64)


def test_two_columns_read_line_by_line_are_not_fragments() -> None:
    # A magazine page: two justified columns with a gutter under two glyphs wide, each column
    # read as its own block. Before, every line counted as a fragment of the line beside it.
    words = []
    for row in range(10):
        words.append(_word("left", 0, row * LINE, 400, row, block=1))
        words.append(_word("right", 430, row * LINE, 400, row, block=2))
    assert _fragmented(words, _boxes(words), GLYPH) == 0.0


def test_a_line_read_in_two_pieces_is_fragmented() -> None:
    # A tilted page: one visual line read as two lines side by side, while the lines above and
    # below run on through the gap between the pieces.
    words = [_word("above", 0, 0, 830, 0), _word("piece", 0, LINE, 400, 1),
             _word("other", 430, LINE, 400, 2), _word("below", 0, 2 * LINE, 830, 3)]
    assert _fragmented(words, _boxes(words), GLYPH) == 0.5


def test_a_doubtful_dictionary_word_is_kept_and_junk_is_not() -> None:
    # "KINNEY" read at 45 in a doubtful line among junk: a real word dropped with the junk.
    words = [_word("#10", 0, 0, 40, 0, confidence=27),
             _word("KINNEY", 50, 0, 90, 0, confidence=45),
             _word("ee", 150, 0, 30, 0, confidence=20)]
    assert kept_mask(words, 70.0, "eng") == [False, True, False]
    assert kept_mask(words, 70.0) == [False, False, False]


def test_a_doubtful_word_of_letters_beside_a_kept_word_is_kept() -> None:
    # "I fele." and "By Ratpu Kinney BeNnNeTT" from a blurred magazine scan: the misread word
    # cost less than the missing one; "S*" of a drop cap is not a word of letters.
    words = [_word("I", 0, 0, 10, 0, confidence=90), _word("fele.", 20, 0, 50, 0, confidence=40),
             _word("S*", 0, LINE, 30, 1, confidence=20),
             _word("She", 40, LINE, 40, 1, confidence=93),
             _word("BeNnNeTT", 90, LINE, 90, 1, confidence=30),
             _word("RAtpo", 0, 2 * LINE, 90, 2, confidence=30)]
    assert kept_mask(words, 70.0) == [True, True, False, True, True, False]


def test_a_doubtful_word_between_two_kept_words_is_kept() -> None:
    words = [_word("Sometimes", 0, 0, 90, 0, confidence=92),
             _word("Retherty", 100, 0, 90, 0, confidence=12),
             _word("instincts", 200, 0, 90, 0, confidence=35),
             _word("xq", 300, 0, 20, 0, confidence=10)]
    assert kept_mask(words, 70.0, "eng") == [True, True, True, False]


def _said(text: str, confidence: float, line: int) -> list[Word]:
    return [Word(token, confidence, 1, 1, line, 40 * i, 30 * line, 30, 20)
            for i, token in enumerate(text.split())]


def test_a_sure_line_of_another_language_is_text_and_an_unsure_one_of_blotches_is_junk() -> None:
    # Old TEST's eurotext: the Portuguese line of an English-read multilingual page, read at
    # 83-93, counted as junk, so as unread, and every version of the page warned of lost text.
    words = (_said("The quick brown fox jumps over the lazy dog", 92.0, 1)
             + _said("perezoso. A raposa marrom rapida", 88.0, 2)
             + _said("See ee eeeeq@e 9 BQ 0Oe @e ©COBGOS Pg 0", 41.0, 3))
    junk = junk_lines(words, "eng")
    assert not junk[:9].any()
    assert not junk[9:14].any()
    assert junk[14:].all()


def test_a_heading_in_capitals_without_its_accents_is_no_junk() -> None:
    # A French typescript's heading 'A. DENOMINATIONS,' (for 'dénominations'), read at 71:
    # no word of the list as written, so the line was junk, read as nothing, and a page read
    # whole reported coverage 0 (s9-test real-tapus-cfed70a7). Blotches in capitals stay junk.
    words = (_said("A, DENOMINATIONS,", 71.0, 1) + _said("SEEGEEV BQOE OCOBGOS", 41.0, 2))
    junk = junk_lines(words, "fra")
    assert not junk[:2].any()
    assert junk[2:].all()


def test_a_doubtful_word_on_a_line_of_text_is_kept_and_a_junk_line_is_not() -> None:
    # A worn 19th-century Spanish page: Tesseract doubts a name, a short word with a stray
    # mark and words joined by misread punctuation; dropped, each cost all its characters
    # (such pages read 13.4 % CER filtered against 10.0 % for raw Tesseract). A line of
    # blotches read at the same confidences stays out.
    text = [Word(token, confidence, 1, 1, 1, 40 * i, 30, 30, 20) for i, (token, confidence)
            in enumerate([("En", 96), ("13:", 32), ("de", 32), ("1000.", 35), ("Bergantin", 96),
                          ("ingles", 96), ("la:correspondia;", 15), ("Ce", 13), ("que", 97)])]
    junk = [Word(token, 40.0, 1, 1, 2, 40 * i, 60, 30, 20)
            for i, token in enumerate(["Seegeeveceas", "9", "@e", "©BSOOF", "6"])]
    kept = [True] * 7 + [False, True] + [False] * len(junk)
    assert kept_mask(text + junk, 70.0, "spa") == kept
    # the user's stricter filter keeps its meaning: at 90 no guess under 50 is kept
    assert kept_mask(text, 90.0, "spa")[1:4] == [False, False, False]


_DRAMA = [("Esc.", "Que dices tu de mi suerte"), ("", "si la fortuna me dejo"),
          ("Alc.", "Digo que el cielo te guarde"), ("", "y que vuelvas a tu casa"),
          ("Esc.", "Pues vamos luego a la plaza"), ("Alc.", "Vamos y calle la lengua")]


def _drama(split: bool) -> Evidence:
    """A verse drama page read whole, each speaker's name with the line it begins, or with the
    names read as a column of their own (a block before the text): the same words either way."""
    from agents.ocr.coverage import Ink
    from agents.ocr.evidence import weigh

    names, lines = [], []
    for row, (name, verse) in enumerate(_DRAMA):
        said = verse.split()
        if name and split:
            names.append(_word(name, 0, row * LINE, 60, row, block=1))
        elif name:
            said = [name, *said]
        lines += [_word(w, 80 + 90 * i, row * LINE, 80, row, block=2)
                  for i, w in enumerate(said)]
    words = names + lines
    empty = Ink(np.eye(3), np.zeros((0, 4)), np.zeros(0), np.zeros(0, dtype=np.int32), GLYPH)
    return weigh(empty, words, [True] * len(words), np.eye(3), np.zeros(len(words), bool))


def test_a_reading_that_alone_splits_the_names_off_their_lines_gives_way() -> None:
    # s13-test's drama page: the first reading put the speakers' names in a column of their
    # own, three other preparations read each name with its line; the words, and so the word
    # evidence, were the same, and the split reading was kept (16.2 % CER, raw 4.7 %).
    split, whole = _drama(split=True), _drama(split=False)
    assert net_gain(split, whole) == 0.0  # the words cannot tell them apart
    assert order_distance(split, whole) > 0.0 and order_distance(whole, _drama(False)) == 0.0
    readings = [split, whole, _drama(split=False), _drama(split=False)]
    assert agreed_order(readings, 0, split) in (1, 2, 3)
    # The reading the others agree with stays; and two readings make no majority.
    assert agreed_order(readings, 1, split) == 1
    assert agreed_order([split, whole], 0, split) == 0
    # A reading that lost words is no alternative, however its lines agree.
    short = replace(whole, tokens={k: v for k, v in whole.tokens.items() if k != "plaza"})
    assert agreed_order([split, short, short, short], 0, split) == 0
