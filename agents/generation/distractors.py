"""Wrong options for multiple-choice cards and swaps for false statements.

A distractor is a term of the same kind from elsewhere in the document (a name for a name, a
year for a year), or for numbers a nearby value in the same format. It must never be a second
right answer: it may not occur in the source sentence, contain the answer or be contained in
it. Closeness follows the difficulty: beginner picks the least similar options (by the sentence
encoder, or by length and shape without it), advanced the most similar.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from agents.generation import plausible
from agents.generation.terms import MONTHS_EN, Term, norm

_MONTH = re.compile(rf"\b({MONTHS_EN})\b", re.IGNORECASE)
TOO_CLOSE = 0.9  # cosine above this is likely a synonym: a second correct answer
_NUMERIC_KINDS = ("year", "number", "century")
# a year's steps by difficulty, the later ones standing in for those the era rules out. A
# multiple-choice option's are small, so that it rarely leaves the lifetime of the people and
# bodies the stem names (s26: 1953, 1978 and 1988 for a law John F. Kennedy signed in 1963,
# November 1942 and 1952 for a NASA announcement of November 1962; rejected on sight); the
# beginner's stay far apart. A false statement's keep the wider steps: a year moved by four
# makes a nitpick, and s26/s26b reviewers kept 7 of the 9 served ones the small steps changed
YEAR_STEPS = {"beginner": [-100, 50, 150, -50, -150, -200],
              "advanced": [-2, 3, 5, -4, -6, -8, -12],
              "intermediate": [-5, 4, 8, -7, -10, -13, -16],
              "statement": [-10, 15, 25, -20, -30, -40, -50]}


def _stable_order(items: Sequence[str], seed: str) -> list[str]:
    return sorted(items, key=lambda x: hashlib.sha1(f"{seed}|{x}".encode()).hexdigest())


def _perturb(term: Term, difficulty: str, factors: Sequence[float] | None = None,
             statement: bool = False) -> list[str]:
    """Nearby values in the same format: 1066 → 1064, 1070, …; '45%' → '40%', …; a count
    by ``factors`` when given (the difficulty's own otherwise); a year for a false
    ``statement`` by the wider steps of YEAR_STEPS."""
    text = term.text
    found = _number(text)
    if found is None:
        return []
    match, value, thousands = found
    raw = match.group(0)
    if term.kind == "century":
        # the later steps stand in for those the era rules out ('22nd century' for a past one)
        steps = [-1, 1, 2, -2, 3, -3, -4] if difficulty != "beginner" else [-3, 3, 5, -5, 4, -4]
        return [_ordinal_shift(text, s) for s in steps if int(value) + s > 0]
    scale = unit(value)
    if term.kind == "year":
        # the later steps, all earlier, stand in for those after the page's present (in_era)
        steps = year_steps_for(difficulty, statement)
        # a round year moves on its own scale: 1800 → 1700, 1950, not 1790 (year_steps)
        values = [value + s for s in year_steps(steps, scale)]
    else:
        factors = factors or {"beginner": [0.25, 4, 10, 0.1],
                              "advanced": [0.9, 1.1, 1.2, 0.8]}.get(difficulty, [0.5, 2, 1.5, 3])
        values = [value * f for f in factors]
    if scale >= 10:  # a round number's options are as round: 1800 x 0.9 → 1600, not 1620
        half = scale // 2
        values = [round(v / half) * half for v in values]
    if value <= 100 and re.search(r"%|\bper ?cent\b|\bpercentage\b", text, re.IGNORECASE):
        # a share cannot pass 100 %: '97 percent' must not offer '146 percent' (seen in the demo);
        # steps down take the place of the multiples that overflow (a rise 'by 300 percent' is
        # no share, and keeps its multiples: it had no option at all)
        values = [v for v in values if v < 100] + [value - d for d in (10, 20, 30, 40, 50)]
    # a plural unit after the count ('2 weeks'): '1 weeks' disagrees in number (s26b), and
    # its singular is no suffix to strip ('inches'): the option goes, the others stand
    plural = value != 1 and re.match(r"\s*[a-z]+s\b", text[match.end():]) is not None
    out: list[str] = []
    for v in values:
        if v <= 0 or (value.is_integer() and round(v) in (value, 0)):
            continue  # '1 kg' halved is no '0 kg'
        if plural and (round(v) if value.is_integer() else v) == 1:
            continue
        if value.is_integer():
            number = f"{round(v):,}" if thousands else str(round(v))
        else:
            number = f"{v:.{len(raw.split('.')[-1]) if '.' in raw else 1}f}"
        option = text[: match.start()] + number + text[match.end() :]
        if option not in out:
            out.append(option)
    return out


def unit(number: float) -> int:
    """The scale a whole number is said on: 1800 → 100, 45,000 → 1000, 1979 → 1."""
    if not float(number).is_integer() or number == 0:
        return 1
    n, out = int(abs(number)), 1
    while n % 10 == 0:
        n, out = n // 10, out * 10
    return out


def _number(text: str) -> tuple[re.Match[str], float, bool] | None:
    """The first number in ``text``: where it stands, its value, and whether it is written
    with thousands separators ('45,000'; a lone comma is a decimal one: '1,5' is 1.5)."""
    match = re.search(r"\d+(?:[.,]\d+)*", text)
    if not match:
        return None
    raw = match.group(0)
    thousands = re.fullmatch(r"\d{1,3}(,\d{3})+", raw) is not None
    try:
        return match, float(raw.replace(",", "") if thousands else raw.replace(",", ".")), \
            thousands
    except ValueError:
        return None


def _value(text: str) -> float | None:
    found = _number(text)
    return None if found is None else found[1]


def year_steps_for(difficulty: str, statement: bool = False) -> list[int]:
    """A year's steps for the difficulty (YEAR_STEPS); a false statement's intermediate ones
    are the wider ones (the beginner's are wide already, the advanced are kept)."""
    if statement and difficulty not in ("beginner", "advanced"):
        return YEAR_STEPS["statement"]
    return YEAR_STEPS.get(difficulty, YEAR_STEPS["intermediate"])


def year_steps(steps: list[int], scale: int) -> list[int]:
    """Steps for a year said on ``scale`` (1800: 100): ten-year steps become century steps."""
    factor = min(10, max(1, scale // 10))
    return [s * factor for s in steps]


def same_scale(option: str, answer: str) -> bool:
    """The option's number lies on the answer's own scale: a round answer (hundreds or more:
    1800, 45,000) among options a half-step of its last digit apart or more ('1800 RPM' among
    900, 2700, 5400, not among 1790, 1780, 1815, which s12 reviewers called implausible
    near-numbers and which give the round one away). Ordinals, days and smaller numbers keep
    their own steps."""
    if re.search(r"\d(?:st|nd|rd|th)\b", answer) or _MONTH.search(answer):
        return True
    a, o = _value(answer), _value(option)
    if a is None or o is None:
        return True
    step = unit(a)
    if 1000 <= a <= 2100:
        step = min(step, 100)  # the year 2000 moves by decades or centuries, not millennia
    return step < 100 or (o - a) % (step // 2) == 0


def _ordinal_shift(text: str, step: int) -> str:
    """'10th and 11th centuries' shifted by 2 → '12th and 13th centuries'."""

    def shift(match: re.Match[str]) -> str:
        n = int(match.group(1)) + step
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"

    return re.sub(r"(\d{1,2})(?:st|nd|rd|th)", shift, text)


_PAIRS = {"(": ")", "[": "]", "{": "}"}


def balanced(text: str) -> bool:
    """Every bracket ``text`` opens it closes, in order, and its straight double quotes pair
    up: a span the tagger cut at a bracket ('Article 101(3', s18c: three options of one card)
    is a fragment, as an option and as an answer."""
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _PAIRS.values() and (not stack or stack.pop() != ch):
            return False
    return not stack and text.count('"') % 2 == 0


def _acceptable(option: str, answer: str, source: str, chosen: list[str]) -> bool:
    o, a = norm(option), norm(answer)
    if not o or o == a or o in a or a in o or not balanced(option):
        return False
    if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", norm(source)):
        return False  # named in the same sentence: possibly also true
    return all(o != norm(c) and o not in norm(c) and norm(c) not in o for c in chosen)


def pick(
    term: Term,
    source: str,
    pool: Mapping[str, Sequence[str]],
    difficulty: str,
    count: int = 3,
    vectors: Mapping[str, np.ndarray] | None = None,
) -> list[str]:
    """Up to ``count`` distractors for ``term``; fewer when the document lacks them."""
    kind = "name" if term.kind == "list" and not pool.get("list") else term.kind
    options = [t for t in dict.fromkeys(pool.get(kind, ())) if t != term.text]
    if term.kind == "list":
        options = [o for o in options if len(o.split()) >= 2] or options
    ranked = by_closeness(term.text, options, difficulty, vectors)
    if kind in _NUMERIC_KINDS:
        ranked += _perturb(term, difficulty)
    fits = _in_range(term, source, pool) if kind in (*_NUMERIC_KINDS, "date") else None
    chosen: list[str] = []
    for option in ranked:
        if (fits is None or fits(option)) and _acceptable(option, term.text, source, chosen):
            chosen.append(option)
        if len(chosen) == count:
            break
    return chosen


def _in_range(term: Term, source: str, pool: Mapping[str, Sequence[str]]
              ) -> Callable[[str], bool]:
    """The range rules of the parse path (plausible.py) for a number or date found without a
    parse: a past time gets no option after the document's own (``in_era``, its latest year
    read from the terms and the sentence; unless the sentence speaks of the future), only real
    days of the month (``real_date``), a year stays between the years its sentence puts
    on each side of it (``around``: 'December 1998' for a loss announced after July 2008), a
    range stays in order and a share within 100 %."""
    said = [t for ts in pool.values() for t in ts] + [source]
    latest = max((y for t in said for y in plausible.years_named(t)), default=None)
    era = plausible.in_era(term.text, latest)
    bounds = plausible.around(term.text, source[: term.start] + " " + source[term.end :]) \
        if term.kind in ("year", "date") and source[term.start : term.end] == term.text \
        else (None, None)
    future = plausible.ahead(source)
    return lambda option: (not era or plausible.in_era(option, latest, future=future)) \
        and plausible.real_date(option) and plausible.amid(option, bounds) \
        and plausible.ordered(option, term.text) \
        and plausible.bounded(option, term.text)


def by_closeness(
    answer: str,
    options: list[str],
    difficulty: str,
    vectors: Mapping[str, np.ndarray] | None,
    floor: float | None = None,
    intermediate: str = "median",
) -> list[str]:
    """``options`` ordered for the difficulty: advanced the most similar to the answer first
    (by the sentence encoder, or by length and capitalisation without it), beginner the least
    similar; intermediate those nearest the median similarity (``"median"``) or, like
    advanced, the closest (``"closest"``: a plausible option is one that could be confused
    with the answer). Options at ``TOO_CLOSE`` or above (likely synonyms: a second right
    answer) are dropped, and with vectors those at ``floor`` or below (unrelated: a tagging
    slip). The one ranking both the template engine and the parse engine use."""
    if not options:
        return []
    encoded = bool(vectors) and answer in vectors  # type: ignore[operator]
    if encoded and all(o in vectors for o in options):  # type: ignore[operator]
        sims = [float(vectors[answer] @ vectors[o]) for o in options]  # type: ignore[index]
    else:  # shape similarity: same length and capitalisation look alike
        sims = [
            1.0
            / (1 + abs(len(o) - len(answer)) / 4)
            * (0.8 + 0.2 * (o[:1].isupper() == answer[:1].isupper()))
            for o in options
        ]
    low = floor if floor is not None and encoded else -1.0
    scored = [(s, o) for s, o in zip(sims, options, strict=True) if low < s < TOO_CLOSE]
    if difficulty == "beginner":
        scored.sort(key=lambda x: x[0])
    elif difficulty == "advanced" or intermediate == "closest":
        scored.sort(key=lambda x: -x[0])
    else:
        median = float(np.median([s for s, _ in scored])) if scored else 0.0
        scored.sort(key=lambda x: abs(x[0] - median))
    return [o for _, o in scored]


def shuffle_choices(answer: str, distractors: list[str], seed: str) -> list[str]:
    """Options in a stable pseudo-random order, so re-generation gives the same card."""
    return _stable_order([answer, *distractors], seed)
