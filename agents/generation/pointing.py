"""Words that point at other text of the page: 'the same year', 'the aforementioned law', 'the
following logo'. A card shows one sentence, so such a word points at nothing the student sees.

One owner for the groups; each use takes the ones its context was measured on:
``spans.answer`` (an answer opening on one), ``reference`` (an adjective of 'the N' that drops
the card), ``definites`` (a time noun's modifier, an adjective that says which one only against
what the page said).
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
