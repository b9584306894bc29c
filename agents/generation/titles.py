"""A document's title, as the engine reads it: the one the user gave, else their file's name.

A page is about something its sentences need not name: a constitution's articles never say
which country's, a museum's page says 'the museum'. The title says it (kinds.py names a bare
'the constitution' from it). The user's title stands as given; a file's name stands in when
there is none, its extension dropped and its separators read as spaces:
'kenya_constitution.pdf' → 'Kenya constitution'. A name with no letters ('0001.png') is no
title. (The benches give a passage's title as its reviewers see it: card_review.shown_title.)
"""

from __future__ import annotations

import re
from pathlib import PurePath


def clean(raw: str | None) -> str | None:
    """``raw`` with underscores and runs of spaces read as one space, the first letter
    capitalised; None when it holds no letter."""
    if not raw:
        return None
    words = " ".join(re.sub(r"[_\s]+", " ", raw).split())
    if not any(ch.isalpha() for ch in words):
        return None
    return words[:1].upper() + words[1:]


def from_filename(name: str | None) -> str | None:
    """The title a file's name gives: its stem, cleaned ('kenya_constitution.pdf' → 'Kenya
    constitution'); None for no name, stdin ('-') or a name with no letters."""
    if not name or name == "-":
        return None
    stem = PurePath(name.replace("\\", "/")).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    return clean(stem.replace("-", " ") if "_" not in stem and " " not in stem else stem)


def document_title(given: str | None, filename: str | None) -> str | None:
    """The title of an upload: the one the user gave, else its file name's (``from_filename``)."""
    return clean(given) if given and given.strip() else from_filename(filename)
