"""Whether a word Tesseract read is a word of the page's language (wordfreq's word lists).

A doubtful reading of a real word ("KINNEY" at 45 in a line of junk) is worth keeping; junk
from specks and streaks is rarely a word of three letters or more that people write.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from wordfreq import available_languages, get_frequency_dict, zipf_frequency

from schemas.languages import to_iso1

MIN_LETTERS = 3  # "ee", "im" and "a" come out of noise too often to count
MIN_ZIPF = 1.5  # about once per 30 million words: rare words still count, typos do not
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=16)
def _wordlists(language: str) -> tuple[str, ...]:
    """wordfreq languages of a Tesseract code ('eng+spa' → ('en', 'es')); unknown ones left out."""
    known = available_languages()
    isos = (to_iso1(code) for code in language.split("+") if code)
    return tuple(iso for iso in isos if iso and iso in known)


def is_word(text: str, language: str) -> bool:
    """``text`` (punctuation around it ignored) is one word of ``language`` (Tesseract code)."""
    letters = _LETTERS.findall(text)
    if len(letters) != 1 or len(letters[0]) < MIN_LETTERS:
        return False
    return any(zipf_frequency(letters[0], iso) >= MIN_ZIPF for iso in _wordlists(language))


def has_wordlist(language: str) -> bool:
    """Whether ``is_word`` knows any word of ``language`` (a Tesseract code)."""
    return bool(language and _wordlists(language))


def is_capital_word(text: str, language: str) -> bool:
    """``text`` is a word of ``language`` written in capitals without its accents, as French
    and Spanish capitals often are ("DENOMINATIONS" for "dénominations"). Slower than
    ``is_word`` the first time a language is asked (its word list is indexed once per
    process), so it is for what ``is_word`` rejected."""
    letters = _LETTERS.findall(text)
    if len(letters) != 1 or len(letters[0]) < MIN_LETTERS or not letters[0].isupper():
        return False
    bare = _unaccented(letters[0].casefold())
    return any(_accented(iso).get(bare, -math.inf) >= MIN_ZIPF
               for iso in _wordlists(language))


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=4)
def _accented(iso: str) -> dict[str, float]:
    """Zipf frequency of the commonest accented word of ``iso`` by its unaccented form."""
    index: dict[str, float] = {}
    for word, frequency in get_frequency_dict(iso, "best").items():
        if not word.isascii():
            bare = _unaccented(word)
            index[bare] = max(index.get(bare, -math.inf), math.log10(frequency) + 9.0)
    return index
