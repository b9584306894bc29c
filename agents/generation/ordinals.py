"""Centuries said in words ('the eighteenth century') and in figures ('the 18th century').

The plausibility rules for times (plausible.py) and the perturbations of a century
(distractors.py) read figures; a page that spells its centuries out had no false statement
or options for them at all (seen and DEV passages: 32 of 104 century answers). ``figures``
turns the words into figures for those rules, ``words`` turns an option back into the
page's form.
"""

from __future__ import annotations

import re

_WORDS = tuple(str.split(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty-first twenty-second"))
_NUMBER = {w: n for n, w in enumerate(_WORDS, start=1)}
# an ordinal of 'century', or the first of two: 'the sixteenth and seventeenth centuries'
_OF_CENTURY = r"(?=[- ]centur|\s+(?:and|or|to)\s+[\w-]+[- ]centur)"
_SPELLED = re.compile(rf"\b({'|'.join(sorted(_WORDS, key=len, reverse=True))}){_OF_CENTURY}",
                      re.IGNORECASE)
_FIGURE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th){_OF_CENTURY}")


def _suffix(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def spelled(text: str) -> bool:
    """The text names a century in words: 'the late nineteenth century'."""
    return _SPELLED.search(text) is not None


def figures(text: str) -> str:
    """'late nineteenth century' → 'late 19th century'."""
    def one(m: re.Match[str]) -> str:
        n = _NUMBER[m.group(1).lower()]
        return f"{n}{_suffix(n)}"
    return _SPELLED.sub(one, text)


def words(text: str, capital: bool = False) -> str | None:
    """'19th century' → 'nineteenth century' (capitalised as the page's form was); None
    when a figure has no word here."""
    out = text
    for m in reversed(list(_FIGURE.finditer(text))):
        n = int(m.group(1))
        if not 1 <= n <= len(_WORDS):
            return None
        out = out[: m.start()] + _WORDS[n - 1] + out[m.end():]
    return out[:1].upper() + out[1:] if capital else out
