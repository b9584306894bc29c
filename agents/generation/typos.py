"""Words the page itself misspelled ('would be heavily subsidiszed'), which no card shows.

A card quotes its source, so a typo of the page reaches every card that shows the word, and
reviewers reject such cards whatever else they are worth. The text is never corrected (a card
must quote its page); a card that would show the word is not made. Other cards of the same
sentence (a question that leaves the word out) stay.

A likely misspelling is a lowercase English word of MIN_LETTERS or more that is in no word
list (wordfreq's English list, with its rare words, and those of the languages whose words an
English page most often quotes), is no inflection of a listed word ('imperialisms',
'membraned'), is used once on the page (a term the page uses again is the page's own, however
it is spelled), is not glued to the word before it ('[a]ccompanied', 'yin-yang') nor a species
name after its genus ('Euplokamis stationis'), and one edit away from a word at least NEAR_ZIPF
common (a letter added, dropped, changed or two swapped: 'subsidiszed' → 'subsidized').

Measured on the seen pages (1800 passages; session 34): the rule flags 'subsidiszed' and
'performimg' only; of the seen rated cards it removes the 4 that showed 'subsidiszed' (rejected
by every reviewer) and no kept card. Real-word errors ('premier' for
'premiere', 'Unites States') are words of the list and are not found here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from agents.generation.cards import Candidate

MIN_LETTERS = 5  # shorter unknown words ('quda', 'stot', 'hjem') are names and foreign words
# The word the misspelling stands for is a common one: the seen pages' typos are one edit from
# words at 3.36-4.56 ('subsidized', 'accompanied', 'performing'); the one unknown word one edit
# from a word under NEAR_ZIPF was a Chinese term ('yin-yang and wuxing' / 'waxing' at 3.02).
NEAR_ZIPF = 3.3
# a word of these languages (wordfreq zipf at least QUOTED_ZIPF) is quoted, not misspelled
# ('Ach Gott, vom Himmel sieh darein', 'dich loben wir')
QUOTED = ("de", "fr", "es", "it", "pt", "nl")
QUOTED_ZIPF = 1.5
# endings of a listed word's inflections and derivations ('imperialisms', 'membraned')
_ENDINGS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "ness")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")


def load() -> None:
    """Read the English list now (~0.36 s with the import), as the engine loads
    (factory.build_engine), not inside the first page's generation. The QUOTED languages'
    lists (~1.5 s together) stay lazy: only a page with a word that reaches ``_quoted`` reads
    them, and loading them here made every engine build (a CLI run's start) 1.4 s slower."""
    _english()


def _zipf(word: str) -> float:
    frequency = _english().get(word)
    return math.log10(frequency) + 9.0 if frequency else 0.0


def misspelled(sents: Iterable[Span]) -> frozenset[str]:
    """The lowercase words of an English page's sentences that read as its misspellings
    (see the module docstring). Per document: the page's word counts are taken once."""
    sents = list(sents)
    used = Counter(t.lower_ for sent in sents for t in sent if t.is_alpha)
    # cheapest first: most words are listed (English is read as the engine loads: load; the
    # other languages' lists only when asked)
    return frozenset(t.lower_ for sent in sents for t in sent
                     if _suspect(t, sent) and used[t.lower_] == 1 and not _inflected(t.lower_)
                     and _near_common(t.lower_) and not _quoted(t.lower_))


def _suspect(tok: Token, sent: Span) -> bool:
    """A lowercase word in no word list, standing alone among the sentence's words."""
    if not (tok.is_alpha and tok.is_lower and len(tok) >= MIN_LETTERS) or tok.lower_ in _english():
        return False
    doc = tok.doc
    if tok.i > sent.start:
        before = doc[tok.i - 1]
        if not before.whitespace_:
            return False  # '[a]ccompanied', 'yin-yang': a piece of a longer word
        if before.is_title and before.i > sent.start and _zipf(before.lower_) == 0.0:
            return False  # 'Euplokamis stationis': a species after its genus
    if tok.i + 1 < sent.end and not tok.whitespace_ and not doc[tok.i + 1].is_punct:
        return False
    # 'wuxing-based': the first piece of a longer word
    return not (tok.i + 2 < sent.end and not tok.whitespace_ and doc[tok.i + 1].text == "-")


def _inflected(word: str) -> bool:
    """'imperialisms', 'membraned', 'hurrying': a listed word with an ending."""
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and (
                stem in _english() or stem + "e" in _english()):
            return True
    return False


def _quoted(word: str) -> bool:
    from wordfreq import zipf_frequency

    return any(zipf_frequency(word, language) >= QUOTED_ZIPF for language in QUOTED)


def _near_common(word: str) -> bool:
    """One edit (a letter dropped, swapped, changed or added) makes a common word of it."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    near = {a + b[1:] for a, b in cuts if b}
    near |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    near |= {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
    near |= {a + c + b for a, b in cuts for c in _LETTERS}
    near.discard(word)
    return any(_zipf(form) >= NEAR_ZIPF for form in near)


def shows(candidate: Candidate, words: frozenset[str]) -> bool:
    """Whether the card shows one of ``words`` (in its question, answer, options or statement)."""
    if not words:
        return False
    shown = " ".join((candidate.question, candidate.answer, candidate.statement,
                      *candidate.choices)).lower()
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", shown) for w in words)
