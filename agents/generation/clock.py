"""Times of day as multiple-choice options: every clock time of the answer moves by the same
whole hours and is written as the answer writes it, so a range stays a range in order and no
option names an hour the clock does not have (s18: 'between 11:40 a.m. and 12 p.m.' was
offered 'between 22:40 a.m. and 12 p.m.', its first number multiplied as a count; main then
moved it alone, 'between 4:30 p.m. and 3 p.m.')."""

from __future__ import annotations

import re

_STEPS = {"beginner": [-3, 3, 5, -5, 4, -4], "advanced": [-1, 1, 2, -2, 3, -3]}
_DEFAULT = [-1, 1, 2, -2, 3, -3, 4]
DAY = 24 * 60


def _times(text: str) -> list[tuple[re.Match[str], int, bool]]:
    """Each clock time of ``text``: where it stands, its minute of the day, and whether it
    is written on the 12-hour clock. A time is an hour with 'a.m.'/'p.m.' or an 'hh:mm'; a
    bare number is none."""
    out = []
    for m in re.finditer(r"(?<![\d:.,])(\d{1,2})(?::([0-5]\d))?(\s*)([ap]\.\s?m\.|[ap]m\b)?",
                         text, re.IGNORECASE):
        hour, minute, suffix = int(m.group(1)), int(m.group(2) or 0), m.group(4)
        if suffix is None and m.group(2) is None:
            continue
        if suffix is not None:
            if not 1 <= hour <= 12:
                return []
            pm = suffix.lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        elif hour > 23:
            return []
        out.append((m, hour * 60 + minute, suffix is not None))
    return out


def _write(match: re.Match[str], minutes: int, twelve: bool, padded: bool) -> str:
    hour, minute = divmod(minutes, 60)
    shown = f":{minute:02d}" if match.group(2) is not None or minute else ""
    if not twelve:
        # '09:30' stays zero-padded, '9:30' not
        return (f"{hour:02d}" if padded else str(hour)) + shown + match.group(3)
    suffix = match.group(4)
    pm = hour >= 12
    letter = ("p" if pm else "a")
    written = re.sub(r"^[apAP]", letter.upper() if suffix[:1].isupper() else letter, suffix)
    return f"{(hour - 1) % 12 + 1}{shown}{match.group(3)}{written}"


def shifted(text: str, difficulty: str) -> list[str] | None:
    """``text`` with every clock time moved by the same whole hours, within one day; None
    when ``text`` holds no clock time (or an hour no clock has: nothing to move)."""
    found = _times(text)
    if not found:
        return None
    padded = any(match.group(1).startswith("0") for match, _, _ in found)
    out: list[str] = []
    for step in _STEPS.get(difficulty, _DEFAULT):
        moved = [minutes + 60 * step for _, minutes, _ in found]
        if not all(0 <= m < DAY for m in moved):
            continue
        option, last = [], 0
        for (match, _, twelve), m in zip(found, moved, strict=True):
            option += [text[last: match.start()], _write(match, m, twelve, padded)]
            last = match.end()
        written = "".join(option) + text[last:]
        if written != text and written not in out:
            out.append(written)
    return out
