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
# A two-letter word counts only when it is one of the language's commonest (Spanish "de",
# "su", "yo" measure 6.3-7.8; English "of", "to", "me" 6.5-7.4), not what specks read as
# ("ee", "im", "ol" measure 3.3-4.7 in English, Spanish and French alike).
SHORT_ZIPF = 6.0
# Share of a token's letters that must lie in words of the language for it to be text with
# stray punctuation inside ("la:correspondia;" read off a worn 19th-century page) rather than
# junk; one word of three runs of letters is no evidence.
MOSTLY_WORDS = 0.6
_LETTERS = re.compile(r"[^\W\d_]+")
# A compound of words of the language (German "Aktienzahl", "Kunstausstellungen") is a word
# too: word lists hold few of them, and a doubtful one alone on a line was dropped as junk
# (a Swiss catalogue page read 0.9 points worse than raw Tesseract for "Aktienzahl;"). Its
# parts must be common words (COMPOUND_ZIPF; what specks read as, "mmmm", "nnen", reach 2.5)
# of COMPOUND_PART letters or more, at most COMPOUND_PARTS of them, joined directly or by a
# linking s ("Arbeitsamt").
COMPOUND_PART = 4
COMPOUND_PARTS = 3
COMPOUND_ZIPF = 3.0
# Letters joined by an apostrophe: an elided article or pronoun (French "l'ethnographe",
# "d'une") or a contraction ("don't"), a word when its runs of three letters or more are.
_APOSTROPHES = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)+$")


@lru_cache(maxsize=16)
def _wordlists(language: str) -> tuple[str, ...]:
    """wordfreq languages of a Tesseract code ('eng+spa' → ('en', 'es')); unknown ones left out."""
    known = available_languages()
    isos = (to_iso1(code) for code in language.split("+") if code)
    return tuple(iso for iso in isos if iso and iso in known)


def is_word(text: str, language: str) -> bool:
    """``text`` (punctuation around it ignored) is one word of ``language`` (Tesseract code):
    in its word list, a compound of words in it, or words joined by an apostrophe."""
    letters = _LETTERS.findall(text)
    if len(letters) > 1 and _APOSTROPHES.match(_EDGES.sub("", text)):
        long = [run for run in letters if len(run) >= MIN_LETTERS]
        return bool(long) and all(is_word(run, language) for run in long)
    if len(letters) != 1 or len(letters[0]) < MIN_LETTERS:
        return False
    isos = _wordlists(language)
    return any(zipf_frequency(letters[0], iso) >= MIN_ZIPF or _compound(letters[0].casefold(), iso)
               for iso in isos)


_EDGES = re.compile(r"^\W+|\W+$")


@lru_cache(maxsize=4096)
def _compound(word: str, iso: str, parts: int = COMPOUND_PARTS) -> bool:
    """``word`` is up to ``parts`` common words of ``iso`` run together (COMPOUND_ZIPF)."""
    if parts < 2 or len(word) < 2 * COMPOUND_PART:
        return False
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head, tail = word[:cut], word[cut:]
        if not _common(head, iso) and not (head.endswith("s") and _common(head[:-1], iso)):
            continue
        if _common(tail, iso) or _compound(tail, iso, parts - 1):
            return True
    return False


def _common(word: str, iso: str) -> bool:
    return len(word) >= COMPOUND_PART and zipf_frequency(word, iso) >= COMPOUND_ZIPF


def mostly_words(text: str, language: str) -> bool:
    """``text`` is words of ``language`` with misread punctuation around or between them: a
    common two-letter word ("de", "of"; SHORT_ZIPF), or runs of letters of which at least
    MOSTLY_WORDS of the letters are in words ("la:correspondia;", "graciado;:me-preparaba")."""
    runs = _LETTERS.findall(text)
    letters = sum(len(run) for run in runs)
    if not letters:
        return False
    good = sum(len(run) for run in runs if _known(run, language))
    return good >= MIN_LETTERS - 1 and good >= MOSTLY_WORDS * letters


def _known(run: str, language: str) -> bool:
    if len(run) >= MIN_LETTERS:
        return any(zipf_frequency(run, iso) >= MIN_ZIPF for iso in _wordlists(language))
    return len(run) == MIN_LETTERS - 1 and any(zipf_frequency(run, iso) >= SHORT_ZIPF
                                               for iso in _wordlists(language))


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
