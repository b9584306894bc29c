"""Words that point at other text of the page: 'the same year', 'the aforementioned law', 'the
following logo'. A card shows one sentence, so such a word points at nothing the student sees.

One owner for the groups; each use takes the ones its context was measured on:
``spans.answer`` (an answer opening on one), ``reference`` (an adjective of 'the N' that drops
the card), ``definites`` (a time noun's modifier, an adjective that says which one only against
what the page said), ``phrase_points`` (an answer grown over a phrase that points: the
one test of ``spans``, ``candidates`` and ``asking.own_phrase``).
"""

from __future__ import annotations

# back to something the page named before, whatever the noun: 'the said law', 'the latter'
BACK = frozenset(str.split("aforementioned said latter same"))
# the same, in rarer spellings (only the adjective check of 'the N' lists them)
BACK_SPELLINGS = frozenset(str.split("abovementioned above-mentioned foregoing"))
# 'the above figure': the text before it on the page ('above' is seldom parsed as an
# adjective, and reference.py's adjective check never listed it)
ABOVE = frozenset({"above"})
# 'the former colony': back to the first of two, or 'ex-'; an answer opening on it can be a
# fact ('the former president'), and spans.py never listed it
FORMER = frozenset({"former"})
# the text beside the sentence, after or before it: 'the following logo', 'the preceding years'
ALONG = frozenset(str.split("following preceding"))
# what came of what the page told before: 'the resulting Report', 'the ensuing war', 'the
# remaining troops'
SEQUEL = frozenset(str.split("resulting ensuing remaining"))
# the demonstratives: 'those areas', 'this period' name a thing only the text before shows
DEMONSTRATIVES = frozenset(str.split("this these that those"))


def phrase_points(words: list[str]) -> bool:
    """A prepositional phrase, as its lowercased words, whose noun the page named before the
    card's sentence: 'in those areas', 'from this period', 'of the same year'. An answer that
    ends on one ('Mnemiopsis populations in those areas', 'source of this radiation') asks
    for a place or time the card never shows (every seen rated card: 0 kept, 9 rejected).
    ``spans`` (a noun chunk grown over its phrase), ``candidates`` (a term grown up to the
    next comma) and ``asking.own_phrase`` (a question's answer widened to its phrase) all ask
    this one test."""
    if len(words) < 3:
        return False  # 'in that' opens a clause, not a noun phrase
    first = words[2] if words[1] == "the" else words[1]
    return words[1] in DEMONSTRATIVES or first in BACK | ABOVE | ALONG
