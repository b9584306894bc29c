"""Which writing system a text is in, and whether the card engine can read it.

The card engine parses Latin-script languages only (its stop-word detector, spaCy pipelines and
question templates are all Latin-script). Arabic, Chinese, Russian or Hindi text used to reach
it anyway and came back as English-template cards cut from the wrong words ("Who النيل في شمال
البلاد?"), or as "the text is a single word" for Chinese, which has no spaces. Such text ends in
``error`` with the real reason instead: a card we cannot make well is not made at all.

The script of each letter is the first word of its Unicode name ("ARABIC LETTER ALEF"): the
standard library knows every script, so no table of ranges is kept here.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from agents.exceptions import UnsupportedInput

READABLE = "LATIN"
SAMPLE_CHARS = 20_000  # a page or two decides; a long text is not read twice for this
# Unicode names whose first word is not the script's everyday name
_NAMES = {"CJK": "Chinese (Han)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
          "HANGUL": "Korean"}


def letter_scripts(text: str) -> Counter[str]:
    """Letters per script in the first ``SAMPLE_CHARS`` characters."""
    counts: Counter[str] = Counter()
    for char in text[:SAMPLE_CHARS]:
        if char.isalpha():
            counts[unicodedata.name(char, "UNKNOWN").split()[0]] += 1
    return counts


def check_script(text: str, label: str, languages: str) -> None:
    """Raise UnsupportedInput when most letters are in a script the engine cannot parse.

    A Latin text quoting some Greek or Arabic is fine: only the majority decides."""
    counts = letter_scripts(text)
    letters = sum(counts.values())
    if not letters or counts[READABLE] * 2 > letters:
        return
    script = max((s for s in counts if s != READABLE), key=lambda s: counts[s])
    name = _NAMES.get(script, script.title())
    raise UnsupportedInput(
        f"no cards from {label}: its text is in {name} script "
        f"({100 * counts[script] // letters}% of letters), and the card engine reads only "
        f"Latin-script languages ({languages})"
    )
