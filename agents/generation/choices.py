"""Distractors of the answer's own kind, for multiple choice and false statements.

A distractor is another answer span of the document of the same kind (a person for a person,
a river for a river: the same NER label, or for noun phrases the same head noun class and the
same grammatical number), ranked by MiniLM closeness to the answer for the difficulty; dates
and numbers get plausible perturbations in the answer's own format ("509 BC" → "499 BC",
"two" → "three"). Never a fragment (only whole typed spans are in the pool), never a span of
the answer's own sentence (it may be true as well), never one that contains or is contained in
the answer. A multiple-choice card needs three; with fewer none is made: an absurd option
teaches nothing. An answer or option whose kind the small model is unsure of (``Pool.slip``)
has none. A false statement changes a number or a date, never a name. A date or number that
is a bound ("by 1066", "before 1200") or a serial ("No. 1") has none: a later or earlier year
would be true as well. Nor does a subscript of a chemical formula set apart from its
symbols ("O 2": ``subscript``): "O 1" is a misprint, not a plausible falsehood; nor does a
school year or grade ("year 13": ``serial``). A year is offered no year of the page's other
era (``plausible.same_era``: '1977' for a 1542 voyage on a page that also tells of a 1970s find).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.tokens import Span, Token

from agents.generation import boundaries, claims, clock, gazetteer, giveaway, plausible, roles
from agents.generation.cards import Candidate
from agents.generation.distractors import (
    _perturb,
    balanced,
    by_closeness,
    same_scale,
    unit,
    year_steps,
    year_steps_for,
)
from agents.generation.granularity import (
    CONTINENT_NAMES,
    continents_named,
    place_sort,
    same_shape,
    siblings,
)
from agents.generation.plausible import DATED, YEAR, in_era
from agents.generation.spans import CLASS_WORDS, NUMERIC, Answer
from agents.generation.terms import MONTHS_EN, NUMBER_WORDS, YEAR_DIGITS, Term, norm

MIN_DISTRACTORS = 3
_LOCATIVE = frozenset(["in", "at", "to", "from", "into", "near", "across", "through", "towards",
                       "toward", "throughout", "within", "en", "a", "desde", "hacia"])
# 'Locomotion No. 1' is a name, not an amount: 'No. 0' and 'No. 2' are no plausible options
_IDENTIFIER = frozenset(["no.", "no", "nos.", "number", "#", "vol.", "volume", "chapter", "page",
                         "p.", "route", "flight", "apollo", "núm.", "n.º"])
_BOUNDS = frozenset(["by", "before", "after", "since", "until", "till", "prior to", "up to",
                     "over", "under", "more than", "less than", "fewer than", "at least",
                     "at most", "nearly", "almost", "hasta", "desde", "antes de", "después de"])
STRICT_CLASS = True  # an answer the page gives a class wants options the page gives it too
UNRELATED = 0.12  # MiniLM cosine below which an option of the "same" kind is a tagging slip
_MONTHS = MONTHS_EN
_DAY_OF_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|\b(?:{_MONTHS})\s+(?P<day2>\d{{1,2}})\b"
)
# words a count may carry on either side without changing its kind ('about 1,500', 'approximately
# 1,000'); any other word ('only one' beside 'four', 'six', 'five') is another kind of option
_APPROX = frozenset(str.split("about approximately around some nearly almost roughly circa c."))
# a number, ordinal, decade, scale word or month: what a perturbation may change
_NUMBERISH = re.compile(rf"\d+(st|nd|rd|th|s)?|hundred|thousand|({_MONTHS.lower()})")
_DECADE = re.compile(r"\b(\d{1,3}0)s\b")
_SPAN = frozenset(["and", "or", "to", "between", "from", "y", "a"])
# a number of three or four digits that may be a year: no group of '400,000' or '2.500' (read
# as two years, a count of 400,000 volumes moved as a range of years and had no option at all)
_YEARLIKE = re.compile(r"(?<![\d.,])\d{3,4}(?!\d|[.,]\d)")
# a span of years whose first end is no year ('AD 0–1250', 'between 5 and 1200'): no shift
# moves that end with the year (_SHIFTED moves years and a year's abbreviated end only)
_PINNED_END = re.compile(r"(?<![\d.,])\d{1,2}(?:\s*(?:AD|BCE?|CE))?\s*(?:[–—-]|to|and|until|"
                         r"through)\s*(?:(?:AD|A\.D\.|BCE?|CE)\s*)?\d{3,4}(?![\d.,])")
# extra steps for a year whose first perturbations fall outside the document's era
_MORE_YEARS = {"beginner": [-150, -200, 100, -75], "advanced": [-1, -3, 1, -5, 2, -6],
               "intermediate": [-5, -15, -30, 5, 10, -25]}
# a count's steps when its sentence states its whole or its parts (plausible.whole, .parts)
_BANDED = [0.75, 1.25, 0.6, 1.4, 0.85, 1.15]
# steps for a year whose sentence states years near it on either side (plausible.around)
_INSIDE = [2, -2, 3, -3, 1, -1, 4, -4, 6, -6, 8, -8]
_LOOSE_KINDS = {"org": "org", "place": "place", "person": "person", "group": "group",
                "event": "event", "work": "work"}


@dataclass
class Pool:
    """The document's typed answers, grouped for picking like with like."""

    by_kind: dict[str, list[tuple[str, str, bool, str]]] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)
    kinds: dict[str, set[str]] = field(default_factory=dict)  # text → every kind it was given
    located: set[str] = field(default_factory=set)  # texts after 'in', 'to', 'from', …
    bynamed: set[str] = field(default_factory=set)  # places the page writes 'X of Y' (a person)
    latest: int | None = None  # the document's latest year (AD), for options of its era
    period: int | None = None  # its latest year or century's end (plausible.modern)
    times: list[tuple[int, int]] = field(default_factory=list)  # its times (plausible.frame)
    classes: dict[str, set[str]] = field(default_factory=dict)  # what the page calls each name
    lives: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)  # plausible.lives
    oldest: float | None = None  # the longest time ago the page names, in years

    @classmethod
    def build(cls, sents: Sequence[Span], found: Sequence[Sequence[Answer]]) -> Pool:
        pool = cls(sentences=[norm(s.text) for s in sents])
        years = [int(y) for s in sents for y in YEAR.findall(s.text)]
        pool.latest = max(years, default=None)
        pool.period = plausible.latest_time([s.text for s in sents])
        pool.times = [t for s in sents for t in plausible.times_named(s.text)]
        pool.lives = {**plausible.dated_things(sents), **plausible.lives([s.text for s in sents])}
        pool.oldest = plausible.oldest_ago([s.text for s in sents])
        for sent, ans in zip(sents, found, strict=True):
            for a in ans:
                if a.text.count("(") == a.text.count(")") + 1 and a.end < sent.end \
                        and sent.doc[a.end].text == ")":
                    # 'Article 101(3' closed with the bracket the tagger left out of it
                    a = replace(a, text=sent.doc[a.start : a.end + 1].text, end=a.end + 1)
                if not balanced(a.text):
                    continue  # a span cut at a bracket is no option (s18c: 'Article 101(3')
                if stray_stop(a, sent):
                    a = replace(a, text=a.text[:-1])  # 'Super Bowl L.' is 'Super Bowl L'
                plural = sent.doc[a.end - 1].tag_ in ("NNS", "NNPS")
                pool.by_kind.setdefault(a.kind, []).append((a.text, a.head, plural, a.label))
                pool.kinds.setdefault(a.text, set()).add(a.kind)
                if a.start > sent.start and sent.doc[a.start - 1].lower_ in _LOCATIVE:
                    pool.located.add(a.text)
                if a.kind == "place" and any(_bynamed(a.text, s.text) for s in sents):
                    pool.bynamed.add(a.text)
                if a.kind == "person" and _modifier(sent.doc[a.end - 1]):
                    pool.kinds[a.text].add("modifier")  # 'the Norman-derived system'
        pool.classes = roles.classes([a.span(s) for s, ans in zip(sents, found, strict=True)
                                      for a in ans if a.kind not in NUMERIC]
                                     + [e for s in sents for e in s.ents])
        return pool

    def class_mates(self, text: str, plural: bool) -> list[str]:
        """The other names the page gives a class of ``text``'s, whatever their NER label
        ('Song' a LOC, 'Liao' an ORG, 'Jin' only inside 'the Jin dynasty': all dynasties): a
        page's own classes are surer kinds than the small model's labels (roles.py), and a
        name rarely has three others of its label on one page. Said in the answer's form: a
        bare name for a bare name ('Song'), with the class noun for one with it."""
        mine = self.classes.get(text, set())
        if not mine or not text[:1].isupper():
            return []
        nouns = {t for t, *_ in (e for es in self.by_kind.values() for e in es)
                 if self.kinds.get(t, set()) <= {"thing", "name"}}
        form = text.split()[-1].lower() in mine
        out = []
        for other, theirs in self.classes.items():
            if other != text and other[:1].isupper() and other not in nouns and theirs & mine \
                    and (other.split()[-1].lower() in theirs) == form \
                    and (other.endswith("s") and not other.endswith("ss")) == plural:
                out.append(other)
        return out

    def other_class(self, option: str, answer: str) -> bool:
        """The page calls the option something else than the answer ('the Song dynasty' among
        'Emperor Bing' and 'Xiangyang'; roles.py), or names the answer's class and not the
        option's: a set of mixed kinds teaches nothing, so the option goes."""
        return roles.clash(self.classes.get(answer, set()), self.classes.get(option, set()),
                           strict=STRICT_CLASS)

    def slip(self, text: str, kind: str) -> bool:
        """The small model's kind for ``text`` is doubtful: the document gives it another kind
        elsewhere ('Norman' a group and a person; '1085' a year and a count, offered for '300
        ships' on DEV), or a person's name follows 'in'/'to' ('the citadel of Mili', 'in
        Arbanon': DEV options for 'Bohemond'), or a place's name is a person's with a byname
        ('Josel of Rosheim, the Jewish spokesman', then 'Josel asked …': 'Josel' a place among
        'Saxony', 'Rosheim', s32b: every reviewer, and 'What asked …' for him)."""
        return len(self.kinds.get(text, ())) > 1 or (kind == "person" and text in self.located) \
            or (kind == "place" and text in self.bynamed)

    def counts(self, number: str, noun: str) -> bool:
        """The document counts ``noun`` with ``number`` somewhere ('five layers'): as an
        option for another count of it, possibly a second right answer (DEV: 'How many layers
        of cells does skin have?' offered 'five'; thin skin has four, thick skin five)."""
        said = re.compile(rf"(?<!\w){re.escape(norm(number))} {re.escape(noun)}(s|es)?(?!\w)")
        return any(said.search(s) for s in self.sentences)

    def asserted(self, statement: str) -> bool:
        """The document itself says it (a 'false' statement that is true)."""
        n = norm(statement)
        return any(n == s or (len(n) > 20 and n in s) for s in self.sentences)


_LETTERS_STOP = re.compile(r"[A-Z]+\.")


def stray_stop(answer: Answer, sent: Span) -> bool:
    """The span ends its sentence on a capital letter or numeral whose full stop the tokenizer
    kept ('… as opposed to Super Bowl L.'): the stop is the sentence's, not the name's, and an
    option 'Super Bowl L.' among 'Super Bowl XLV' reads as a fragment (s31b)."""
    return answer.end == sent.end and answer.end - answer.start > 1 \
        and _LETTERS_STOP.fullmatch(sent.doc[answer.end - 1].text) is not None


def _bynamed(name: str, sentence: str) -> bool:
    """The sentence writes the capitalised name with a byname after it, 'of' and another name
    ('Josel of Rosheim', 'Peter of Abano'): a person's form, not a place's (a place written 'X
    of Y' leads with a common noun, 'Bay of Biscay', and is no bare 'X')."""
    return name[:1].isupper() and re.search(
        rf"(?<![\w-]){re.escape(name)} of (?:the )?[A-Z]", sentence) is not None


def _modifier(last: Token) -> bool:
    """A name used as a modifier ('Norman ancestry', 'Norman-derived'): no person."""
    hyphen = last.i + 1 < len(last.doc) and last.nbor(1).text == "-"
    return hyphen or (last.dep_ in ("amod", "compound") and last.head.pos_ == "NOUN")


def _stable(items: Sequence[str], seed: str) -> list[str]:
    return sorted(items, key=lambda x: hashlib.sha1(f"{seed}|{x}".encode()).hexdigest())


def shuffle(options: list[str], seed: str) -> list[str]:
    """Options in a stable pseudo-random order, so re-generation gives the same card."""
    return _stable(options, seed)


def multiple_choice(stem: str, answer: Answer, wrong: Sequence[str], source: str,
                    difficulty: str, level: float, salience: float,
                    tags: list[str]) -> Candidate:
    """A multiple-choice card: ``stem`` is a question, or a sentence with the answer blanked
    (where no well-formed question exists, the blank still asks the fact, and the options
    are what makes it multiple choice)."""
    closeness = {"beginner": -0.3, "advanced": 0.4}.get(difficulty, 0.0)
    return Candidate("mcq", stem, answer.text, source,
                     choices=shuffle([answer.text, *wrong], stem), kind=answer.kind,
                     level=level - 0.2 + closeness, salience=salience, tags=tags)


# common fractions by value: 'roughly one-third' was offered 'roughly three-third' and
# 'roughly four-third' (s8, a seen page): a fraction moves to other fractions, nearest first
_FRACTIONS = {"one-tenth": 0.1, "one-fifth": 0.2, "one-quarter": 0.25, "one-third": 1 / 3,
              "two-fifths": 0.4, "one-half": 0.5, "three-fifths": 0.6, "two-thirds": 2 / 3,
              "three-quarters": 0.75, "four-fifths": 0.8}
_PARTS = frozenset(str.split("half halves third thirds quarter quarters fourth fourths fifth "
                            "fifths tenth tenths"))
_FRACTION = re.compile(r"\b(one|two|three|four)-(tenth|fifths?|quarters?|thirds?|half|fourths?)"
                       r"\b", re.IGNORECASE)


def _fractions(text: str) -> list[str] | None:
    """Other common fractions in the answer's place, nearest in value first; None when the
    answer holds no fraction."""
    found = _FRACTION.search(text)
    if found is None:
        return None
    word = found.group(0).lower().replace("fourth", "quarter")
    value = _FRACTIONS.get(word)
    if value is None:
        return []
    # halves, thirds and quarters before fifths and tenths: the options a reader weighs
    others = sorted((f for f in _FRACTIONS if f != word), key=lambda f: (
        f.endswith(("fifth", "fifths", "tenth")), abs(_FRACTIONS[f] - value)))
    return [text[: found.start()] + (f.capitalize() if found.group(0)[:1].isupper() else f)
            + text[found.end():] for f in others]


def _numbers(answer: Answer, difficulty: str, statement: bool = False) -> list[str]:
    text = answer.text
    low = text.lower()
    if low == "one" or re.match(r"\W*one\s+[a-z]", low):
        # 'one member' → 'two member': the noun after it stays singular, whether the answer
        # holds it or not ('Two square millimeter of leaf tissue', s30b: every reviewer)
        return []
    fractions = _fractions(text)
    if fractions is not None:
        return fractions
    times = clock.shifted(text, difficulty)
    if times is not None:
        return times  # '2:30 p.m. and 3 p.m.' moves as a whole, and stays on the clock
    for n, word in enumerate(NUMBER_WORDS, start=1):
        if re.search(rf"\b{word}\b", low):
            steps = [1, -1, 2, 3] if difficulty != "beginner" else [3, 5, -1, 7]
            out = []
            for s in steps:
                if 1 <= n + s <= len(NUMBER_WORDS):
                    new = NUMBER_WORDS[n + s - 1]
                    out.append(re.sub(rf"\b{word}\b", new, text, count=1, flags=re.I)
                               if text[:1].islower() else
                               re.sub(rf"\b{word}\b", new, low, count=1).capitalize())
            return out
    day = _DAY_OF_MONTH.search(text)
    if day and not re.search(r"\d{3,4}", text):
        # '1 June' offered '0 June': a day moves by days and stays a day of the month
        group = "day" if day.group("day") else "day2"
        n = int(day.group(group))
        steps = [3, -2, 7, -5, 10, -10, 14] if difficulty != "advanced" else [1, -1, 2, -2, 3]
        return [text[: day.start(group)] + str(n + s) + text[day.end(group) :]
                for s in steps if 1 <= n + s <= 28]
    if re.search(r"\d(?:st|nd|rd|th)\b", text):
        # 'the final decade of the 11th' is an ordinal: '22th' and '6th' came of multiplying it
        return [o for o in _perturb(Term(text, "century", 0, len(text)), difficulty) if o != text]
    decade = _DECADE.search(text)
    if decade and not re.search(r"\d{3,4}(?!0s)\b", text):
        # 'early 1930s' moves by whole decades: 'early 1945s' is no decade (s10 review)
        steps = {"beginner": [-30, 30, 50, -50], "advanced": [-10, 10, 20, -20]}.get(
            difficulty, [-10, 20, -20, 30, 10])
        start, value = decade.start(1), int(decade.group(1))
        return [text[:start] + str(value + s) + text[decade.end(1):] for s in steps
                if value + s > 0]
    spread = plausible.ranges(text, difficulty)
    if spread is not None:
        return spread  # '10-20%' moves as a whole: '10-40%' or '20-20%' is no range of it
    years = _YEARLIKE.findall(text)
    if len(years) > 1 or (years and answer.kind in ("date", "year")
                          and len(re.findall(r"\d+", text)) > 1):
        # 'between 1235 and 1245': both ends move together, or the range turns inside out
        # ('between 1250 and 1245', DEV); '1 May 1191' moves its year, not its day
        # the later steps stand in for those that would leave the document's era (pick)
        steps = year_steps_for(difficulty, statement)
        lo, hi = min(map(int, years)), max(map(int, years))
        # an option's range moves past itself by the small step ('1939 to 1945' by -5 →
        # '1928 to 1934'); a false statement's wide steps pass it or are left out (below)
        width = 0 if statement else hi - lo
        steps = [s + width * (1 if s > 0 else -1)
                 for s in year_steps(steps, min(unit(int(y)) for y in years))]
        return [_shift_years(text, s) for s in steps
                if len(years) == 1 or lo + s > hi or hi + s < lo]
    kind = {"year": "year", "century": "century", "date": "year"}.get(answer.kind, "number")
    if answer.kind == "date" and not re.search(r"\d{3,4}", text):
        kind = "number"
    return _perturb(Term(text, kind, 0, len(text)), difficulty, statement=statement)


def _then(ranked: Sequence[str], ahead: list[str], fill: Callable[[], list[str]],
          late: list[bool] | None) -> Iterator[str]:
    """The ranked options, then, when ``in_era`` took some of them (``ahead``), the fill;
    last, for a year squeezed after an earlier one of its sentence (``plausible.squeezed``:
    'invented in 1804 ..., patented in 1805', where no earlier option keeps the sentence's
    order), those it took, marked ``late`` so that they may pass the page's present."""
    yield from ranked
    if ahead:
        yield from fill()
    if ahead and late is not None:
        late.append(True)
        yield from list(ahead)


# a bare year's fill: years back, each on the year's own scale (year_steps)
_YEARS_BACK = [-1, -2, -3, -4, -6, -7, -8, -9]


def _earlier(answer: Answer) -> list[str]:
    """Options of the answer's own family that do not pass its year, for a date or year at
    the page's present whose later options ``in_era`` took (s21: 12 kept cards of full dates
    and years lost their third option): earlier months, years and other days of its month
    for a date (plausible.earlier_dates), earlier years for a year. Every rule of ``pick``
    still reads them. None for a bound ('since 2005': 'since 2003' is true as well, s21b)."""
    if answer.kind not in ("year", "date") or any(
            re.match(rf"{re.escape(b)}\b", answer.text.lower()) for b in _BOUNDS):
        return []
    dates = plausible.earlier_dates(answer.text)
    years = YEAR.findall(answer.text)
    if dates or len(years) != 1 or len(re.findall(r"\d+", answer.text)) != 1:
        return dates
    return [_shift_years(answer.text, s) for s in year_steps(_YEARS_BACK, unit(int(years[0])))]


def _shift_years(text: str, step: int) -> str:
    if plausible.leap_day(text) and step % 4:
        # 29 February moves by leap years: '29 February 1998' is no day (s21)
        step = 4 * round(step / 4) or (4 if step > 0 else -4)
    return _SHIFTED.sub(lambda m: _shifted(m, step), text)


# a year, and the two-digit end a range abbreviates after it ('the 1993–94 season')
_SHIFTED = re.compile(rf"{_YEARLIKE.pattern}(?:(\s*[–—-]\s*)(\d{{2}})(?!\d))?")


def _shifted(found: re.Match[str], step: int) -> str:
    """A year moved by ``step``; a range's abbreviated end moves with it, so the range keeps
    its order and width ('1993–94' by -10 was '1983–94', by +4 '1997–94', s27: all three
    reviewers: absurd; now '1983–84', '1997–98')."""
    year = int(found.group(0)[: len(found.group(0)) - len(found.group(1) or "")
                            - len(found.group(2) or "")])
    if found.group(2) is None:
        return str(year + step)
    end = year // 100 * 100 + int(found.group(2))
    end += 100 if end < year else 0
    return f"{year + step}{found.group(1)}{(end + step) % 100:02d}"


def _same_kind(answer: Answer, pool: Pool, plural: bool) -> list[str]:
    out = []
    for text, head, is_plural, label in pool.by_kind.get(answer.kind, []):
        if answer.kind not in NUMERIC and (label == "NP") != (answer.label == "NP"):
            continue  # a name for a name, a description for a description
        if answer.label != "NP" and answer.kind == "place" and label != answer.label:
            continue  # a country for a country (GPE), a mountain range for a range (LOC)
        if answer.kind not in NUMERIC and is_plural != plural:
            continue
        if answer.kind == "quantity" and head != answer.head:
            continue  # kilometres for kilometres, not metres
        if answer.label != "NP" and (answer.head in CLASS_WORDS or head in CLASS_WORDS) and \
                head != answer.head:
            continue  # an ocean for an ocean: "Earth" and "the Andes" are not oceans
        if answer.kind in ("thing", "name"):
            # a noun phrase: the same head noun class and the same number ("two consuls" is
            # answered with other offices, not with "result" or "right")
            if not answer.head or (head != answer.head and not _related_head(head, answer.head)):
                continue
            if is_plural != plural:
                continue
        out.append(text)
    return out


def _related_head(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a.endswith(b) or b.endswith(a))


def _band(answer: Answer, sent: Span) -> tuple[float | None, float | None]:
    """The band its sentence sets a count's options in, (limit, floor), each None when it sets
    none: below the whole the count is a part of and above the largest part of it that is
    stated (``plausible.whole``, ``plausible.parts``); below a value its sentence says
    surpasses it, and the mirror ('the old record of _____' under a 61-yard one was offered 68
    and 90 yards, s23b: ``claims.surpassed``); on its side of the other end of a rise or fall
    (``claims.moved``); at or under a cap a game's rules set the measure ('the _____-yard
    line', ``plausible.capped``); a share within the room the other parts of its whole leave
    (``plausible.share_room``). Six relations, each read by its own reader (by the text's
    words or by its parse); the band they set is one, the tightest of them."""
    if answer.kind not in NUMERIC:
        return None, None
    limits, floors = [plausible.whole(answer, sent)], [plausible.parts(answer, sent)]
    if answer.kind not in DATED:  # the two parse readers are read of counts, not of times
        over, under = claims.surpassed(sent, answer.start, answer.end)
        high, low = claims.moved(sent, answer.start, answer.end)
        limits += [over, high, plausible.capped(answer, sent), plausible.share_room(answer, sent)]
        floors += [under, low]
    return (min((v for v in limits if v is not None), default=None),
            max((v for v in floors if v is not None), default=None))


def pick(
    answer: Answer,
    sent: Span,
    pool: Pool,
    difficulty: str,
    vectors: Mapping[str, np.ndarray] | None,
    count: int = 3,
    for_statement: bool = False,
) -> list[str]:
    """Up to ``count`` distractors for ``answer``; fewer (or none) when the document lacks
    good ones."""
    if not balanced(answer.text):
        return []  # an answer cut at a bracket is a fragment: no card asks it
    if stray_stop(answer, sent):
        return []  # its options are said without the sentence's stop: it alone would have one
    if answer.kind in NUMERIC and (bound(answer, sent) or named_number(answer, sent)
                                   or serial(answer)
                                   or subscript(answer, sent)
                                   or _SPLIT_YEAR.search(answer.text)):
        return []  # a school or fiscal year '2008/09' read as a number was offered '4016/09'
    # (s21's passage, served once its 'medium of Welsh' card was refused); no seen rated card
    if answer.kind in ("year", "date") and (_counts(answer, sent) or counts_units(answer, sent)) \
            and not year_of(answer, sent):
        answer = replace(answer, kind="number")  # '300 ships' is no year: no '1085' for it
    if answer.kind in ("year", "date") and _PINNED_END.search(answer.text):
        # 'AD 0–1250' → 'AD 0–1240' or '1252' moves one end by a sliver of the span: a nitpick
        # (s32: every reviewer, on both cards), and a narrower or wider span is about as true
        return []
    if for_statement and answer.kind not in NUMERIC:
        # a name swapped into a sentence is absurd or still true far more often than not
        # ('by 1066 Richard had been exporting horsemen', 'led by Norman', 'Norse, a region in
        # France'): DEV reviewers kept 3 of 42 such false statements, and 5 of 9 with a
        # changed number or date
        return []
    if answer.kind not in NUMERIC and hyphenated(answer, sent):
        return []  # '_____-built Chevrolet LUV' (s12b): a blank glued to a word reads garbled
    if not for_statement and possessive(answer, sent):
        return []  # 'a citizen of _____’ standing' (s15b): the apostrophe is the answer's
    plural = sent.doc[answer.end - 1].tag_ in ("NNS", "NNPS")
    mates = pool.class_mates(answer.text, plural) if answer.kind not in NUMERIC \
        and answer.label != "NP" else []
    if answer.kind not in NUMERIC and pool.slip(answer.text, answer.kind):
        # options "of its kind" for an answer of doubtful kind would be of any kind; those the
        # page gives its own class ('the Song dynasty', 'the Jin dynasty') are of its kind
        options = mates
    else:
        options = [o for o in dict.fromkeys(_same_kind(answer, pool, plural) + mates)
                   if o != answer.text and not pool.slip(o, answer.kind)]
    if answer.kind == "person":
        options = person_form(answer.text, options, pool)
    ranked = by_closeness(answer.text, options, difficulty, vectors, floor=UNRELATED,
                          intermediate="closest")
    if answer.kind == "place" and answer.label == "GPE" and gazetteer.region(answer.text):
        # a country for a country ('Dyrrachium', a city in Albania, is no option for it); a
        # paragraph rarely names three other countries: the document's own first, then the
        # answer's neighbours ('Albania' → 'Montenegro', 'Serbia', 'Greece')
        # only those of the page's time: no 'Taiwan' or 'South Korea' for a 13th-century China
        extra = [n for n in gazetteer.neighbours(answer.text) if n not in options
                 and gazetteer.existed(n, pool.period)]
        ranked = [o for o in ranked if gazetteer.region(o)] + by_closeness(
            answer.text, extra, difficulty, vectors, floor=UNRELATED, intermediate="closest")
    if answer.kind == "place" and not for_statement:
        # a continent, world region or federal state: the document's own first, then the
        # others of the list (granularity.siblings), closest in form first
        bare = not answer.text.lower().startswith("the ")  # 'in the _____' holds the article
        more = [s.removeprefix("the ") if bare else s for s in siblings(answer.text)]
        if place_sort(answer.text) == "state" and not plausible.modern(pool.period):
            more = []  # 'Arizona', 'Alabama' for a 1753 colonial governor (s14b)
        more = [s for s in more if gazetteer.existed(s, pool.period)]
        named = continents_named(pool.sentences) if place_sort(answer.text) == "continent" \
            else set()
        if len(named) == 1:
            # 'Australia' for where a colonial war's commander took command (s15b): a page
            # whose places all lie on one continent is offered no other continent
            more = [s for s in more if s not in CONTINENT_NAMES or s in named]
        ranked += by_closeness(answer.text, [s for s in more if s not in options], difficulty,
                               None, intermediate="closest")
    age = answer.kind in NUMERIC and plausible.is_age(answer, sent)
    # a temperature moves by degrees on its own scale, never by multiples (plausible.temperature)
    degrees = answer.kind in NUMERIC and not age and answer.kind not in DATED \
        and plausible.temperature(answer, sent)
    # a range of temperatures too, for options (a false statement's '92 to 120 °F' for average
    # highs of '64 to 92' was kept, s34: its obvious falsity is no absurd option among others)
    # (a range of readings is no time whatever its entity says: '64 to 92' °F was a DATE)
    readings = answer.kind in NUMERIC and not age and not for_statement \
        and plausible.temperature_range(answer, sent)
    if answer.kind in NUMERIC:
        # the page's other numbers only of the answer's form and magnitude, an age's none (a
        # page rarely states three other ages, and its other numbers count something else)
        pooled = [] if age else [o for o in ranked if answer.kind in DATED
                                  or plausible.near(o, answer.text, difficulty)]
        made = plausible.ages(answer.text, difficulty) if age \
            else plausible.degree_steps(answer.text, difficulty) if degrees \
            else plausible.degree_range(answer.text, difficulty) if readings \
            else _numbers(answer, difficulty, for_statement)
        ranked = (made + pooled) if for_statement else (pooled[:1] + made + pooled[1:])
    if answer.kind in NUMERIC and not age and len(YEAR.findall(answer.text)) == 1 and \
            len(re.findall(r"\d+", answer.text)) == 1:  # a range or a day keeps its own steps
        ranked += [_shift_years(answer.text, s) for s in year_steps(_MORE_YEARS.get(
            difficulty, _MORE_YEARS["intermediate"]), unit(int(YEAR.findall(answer.text)[0])))]
    stated = plausible.stated_years(answer, sent) if answer.kind in DATED else (None, None)
    if stated != (None, None) and not age and YEAR.search(answer.text):
        # a year between two its sentence states: the steps that stay inside come last
        year = int(YEAR.findall(answer.text)[0])
        ranked += [_shift_years(answer.text, s) for s in year_steps(_INSIDE, unit(year))]
    source = norm(sent.text)
    era = in_era(answer.text, pool.latest)  # a past time: no option after the text's own
    future = plausible.ahead(sent.text)  # 'will', 'by 2030', 'projected': it may pass it
    window = plausible.frame(answer.text, pool.times, plausible.born(answer, sent)) \
        if answer.kind in ("year", "date") and not age else None
    limit, floor = _band(answer, sent)
    if (limit is not None or floor is not None) and not age:
        # a part below its whole, a total above its parts: the multiples leave that band, so
        # smaller steps stand in ('$21,000' of a '$30,000' total had one option, and no card).
        # They come before the multiples: these all lie on one side of the answer (x0.5 falls
        # under a floor, x2 and x3 over a limit), so the options left were all larger than a
        # total ('ranked 145 out of _____' (186): 372, 558, 279) and the answer was the
        # smallest at sight; the steps lie on both sides. The page's own number stays first.
        # (A false statement needs one value, not a spread: its order stands.)
        steps = plausible.both_sides(_smaller(answer.text, difficulty), answer.text, limit, floor)
        first = 1 if pooled and ranked[:1] == pooled[:1] else 0
        ranked = ranked + steps if for_statement else ranked[:first] + steps + ranked[first:]
    end = plausible.partner(answer, sent) if answer.kind in NUMERIC else None
    if end is not None and not age:
        # one end of a range: the multiples past the other end go (beside), smaller steps on
        # both sides stand in ('from £_____ to £78,642' kept 20,145 and 60,435 of 40,290's, s30)
        ranked += _smaller(answer.text, difficulty)
    band = plausible.ago_band(answer.text, pool.oldest) if answer.kind in NUMERIC else None
    if band is not None:
        # a deep time moves within the page's scale: the multiples leave it, smaller steps
        # stand in ('about 3.5 billion years ago' was offered 5.2 and 7.0, s24b)
        ranked += _smaller(answer.text, difficulty)
    # what a person or body the sentence names did is dated within the life the page states
    life = plausible.life_of(sent.text, pool.lives) \
        if answer.kind in ("year", "date") and not plausible.born(answer, sent) else (None, None)
    # a bound or 'still' the sentence says before the number ('below _____ °F'); one the
    # answer carries ('more than 20') its options carry too, and reviewers kept 8 of 15 such cards
    said_of_bound = answer.kind in NUMERIC and not for_statement \
        and not _QUALIFIED.match(answer.text)
    if said_of_bound and answer.kind not in DATED and any(
            claims.still_true(sent, answer.start, answer.text, o) for o in ranked):
        # the multiples past the bound go: smaller steps on its side stand in
        ranked += _smaller(answer.text, difficulty)
    chosen: list[str] = []
    ahead: list[str] = []  # options in_era took: a date at the page's present fills from its own
    late: list[bool] = []  # then, just after a year its sentence states, they may pass it
    for option in _then(ranked, ahead, lambda: _earlier(answer),
                        late if plausible.squeezed(answer.text, stated) else None):
        if answer.kind in ("century", "year") and _overlaps(option, answer.text):
            continue
        if era and not in_era(option, pool.latest, future=future or bool(late)):
            ahead.append(option)
            continue  # '2037' for a 2012 ranking (s7), '22nd century' for a past one (s11, s13)
            # '27 August 2025' for a 2010 ceremony on a page whose latest year is 2010 (s21)
        if answer.kind in ("year", "date") and not plausible.same_era(option, answer.text,
                                                                      pool.times):
            continue  # '1977' for Orellana's 1542 voyage, on a page of both eras (s32)
        if answer.kind in DATED and not plausible.real_date(option):
            continue  # '29 February 1998' (s21): no such day
        if not plausible.amid(option, stated):
            continue  # '2006' for 'From _____ until 2000' (s11b); before a 21-year-old's birth
            # '21st century' for buildings 'eradicated in the 1950s' (s17)
        if not plausible.finished(option, answer.text):
            continue  # 'most of the 21st century' for a past one (s17b)
        if not plausible.framed(option, window):
            continue  # '1960' for an 1879 birth; '2000' on a page of the 1980s (s17)
        if not plausible.in_life(option, answer.text, life):
            continue  # '1975' for the graduation of a 'Smith (b. 1975)' (s24b)
        if not plausible.in_band(option, band):
            continue  # 'about 7.0 billion years ago' for life's start (s24b)
        if answer.kind in NUMERIC and not (plausible.ordered(option, answer.text)
                                           and plausible.bounded(option, answer.text)
                                           and plausible.within(option, limit, floor)
                                           and plausible.beside(option, end)):
            continue  # 'age 36 to 28' (s13b); a share over 100 %; '146' of 129 members (s6);
            # 'Articles 90 to 66' (s14b)
        if said_of_bound and claims.still_true(sent, answer.start, answer.text, option):
            continue  # 'below 60 °F' for 'below _____ °F' (30, s24c); the 17th century for
            # 'In the _____ many still considered 1 a prime' (19th, s23b): true as well
        if answer.kind in NUMERIC and _one_of_many(option, answer, sent):
            continue  # '1 weeks' for '2 weeks' (s26b), 'one years later' for 'two' (s25)
        if answer.kind in NUMERIC and not same_form(option, answer.text):
            continue  # 'only one' beside 'four', 'six' for 'five' (s7 review)
        if answer.kind in NUMERIC and not same_scale(option, answer.text):
            continue  # '1790', '1815' for '1800 RPM' (s12)
        if answer.kind in NUMERIC and not same_shape(option, answer.text,
                                                     dated=answer.kind in DATED):
            continue  # a span of months among single days, 'early 1945s' for a decade (s10b)
        if answer.kind == "place" and place_sort(option) != place_sort(answer.text):
            continue  # a country among towns (s10b: 'United States of America', 'New Paltz')
        if answer.kind not in NUMERIC and named_in(option, answer.text, sent.text):
            continue
        if answer.kind not in NUMERIC and pool.other_class(option, answer.text):
            continue  # a city among persons, persons among dynasties (s12, s12b)
        if answer.kind not in NUMERIC and roles.nested(option, answer.text, pool.sentences):
            continue  # 'Electromagnetic waves' for 'Gamma waves', the page's example of them
        if answer.label == "NP" and describes(option, answer, sent):
            continue  # 'tumor cells' for the cells a sentence on tumors destroys (s19)
        if answer.kind in NUMERIC and answer.head and pool.counts(option, answer.head):
            continue  # 'five' for 'four layers' where the page says 'four or five layers'
        if _acceptable(option, answer.text, source, chosen):
            chosen.append(_match_case(option, answer.text))
        if len(chosen) == count:
            break
    if not for_statement and answer.kind == "place" and contrasted(answer, sent):
        return []  # 'Education in _____ differs from education elsewhere in the UK': any part
    if not for_statement and (giveaway.place_inside(answer, sent, chosen, vectors)
                              or giveaway.named_form(answer, sent, chosen, vectors)):
        return []  # 'the Western Cape province in _____', 'the medium of Welsh': one option fits
    return chosen


_ELSEWHERE = re.compile(r"\b(?:elsewhere in|the rest of|other parts of|other regions of)\b",
                        re.IGNORECASE)


def contrasted(answer: Answer, sent: Span) -> bool:
    """The sentence sets the place answer against the rest of a whole ('Education in _____
    differs … from education elsewhere in the United Kingdom'): the claim holds of every other
    part of that whole, so its neighbours (England, Scotland) are right answers as well. Seen
    on the s21 passage once the card 'all over _____ … the medium of Welsh' was refused
    (giveaway.named_form): the engine offered England, Ireland and Scotland for it."""
    after = sent.doc[answer.end : sent.end].text
    return _ELSEWHERE.search(after) is not None


def person_form(answer: str, options: Sequence[str], pool: Pool) -> list[str]:
    """People said as the answer says its person: a name for a name, never a description
    ('governor' among 'Major Tobias Wren' and 'Colonel Edgar Morrow', invented); for a
    surname, the page's own surname of a full name stands in for it ('Faber' is offered
    'Wren' and 'Morrow', not 'Colonel Edgar Morrow'). (Dropping every one-word option of a
    full name too cost 12 of the 14 people with three options on the seen passages, and a
    kept rated card: not done.)"""
    named = answer[:1].isupper()
    bare = len(answer.split()) == 1
    out: list[str] = []
    for option in options:
        if option[:1].isupper() != named:
            continue
        words = option.split()
        if named and bare and len(words) > 1 and words[-1] in pool.kinds \
                and words[-1][:1].isupper():
            option = words[-1]
        if option and option != answer and option not in out:
            out.append(option)
    return out


def same_form(option: str, answer: str) -> bool:
    """The option says its number as the answer does: the same words besides the number
    (approximators aside), so the form gives no option away ('only one' among 'four', 'six'
    for 'five'; '300 ships' for '40 knights')."""

    def rest(text: str) -> set[str]:
        # one century or a span of two is one form ('13th century', '10th and 11th centuries')
        return {re.sub(r"(ies|s)$", lambda m: "y" if m.group(1) == "ies" else "", w)
                for w in norm(text).split() if not _NUMBERISH.fullmatch(w)
                and w not in NUMBER_WORDS and w not in _APPROX and w not in _SPAN
                and w not in _PARTS}

    return rest(option) == rest(answer)


def named_in(option: str, answer: str, sentence: str) -> bool:
    """The sentence already names the option, in part or by its initials: 'Saudi Arabia' and
    'United States' offered for 'By 1979, Saudi arms purchases from the US exceeded five times
    _____'s' (Israel): an option the sentence speaks of is absurd or true as well."""
    own = {w.lower() for w in answer.split()}
    words = [w for w in re.findall(r"[A-Z][\w'’-]+", option) if w.lower() not in own]
    if any(len(w) > 3 and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence)
           for w in words):
        return True
    caps = [w for w in option.split() if w[:1].isupper()]
    initials = "".join(w[0] for w in caps)
    return len(caps) >= 2 and re.search(
        rf"(?<!\w)({initials}|{'.'.join(initials)}\.?)(?!\w)", sentence) is not None


_NOT_NAMES = re.compile(rf"^(?:{_MONTHS.lower()}|monday|tuesday|wednesday|thursday|friday|"
                       r"saturday|sunday|ad|a\.d\.|bc|ce|bce|c\.|ca\.)$")


def _smaller(number: str, difficulty: str) -> list[str]:
    """Smaller steps of the number (``_BANDED``): they stand in where a band the page sets
    (a whole, a deep time's scale, a bound) leaves out the multiples."""
    return _perturb(Term(number, "number", 0, len(number)), difficulty, factors=_BANDED)


_ONE = re.compile(r"^\W*(?:1|one)\b(?![.,]\d)", re.IGNORECASE)


def _one_of_many(option: str, answer: Answer, sent: Span) -> bool:
    """The option counts one of a plural noun the answer counts, in the answer or just
    after its blank ('2 weeks' → '1 weeks', '_____ fermions' → 'one fermions'): the noun
    would disagree in number. (``_perturb`` drops a 1 from its own steps of '2 weeks'; the
    number words and the page's numbers reach here too.)"""
    if not _ONE.match(option) or _ONE.match(answer.text):
        return False
    count = next((t for t in answer.span(sent) if t.like_num), None)
    if count is None or count.i + 1 >= sent.end:
        return False
    return sent.doc[count.i + 1].tag_ in ("NNS", "NNPS")


def named_number(answer: Answer, sent: Span) -> bool:
    """The number is part of a name, the number of the proper noun before it ('the Ford
    Galaxie 500', 'the Boeing 747', 'Stage 2'): a model or a serial, no amount, and 'Galaxie
    250' or 'Stage 1' is no plausible option (s17, s18 rejects). A month or an era before a
    number ('June 1944', 'AD 79') dates it instead, and so does a year after a name (two
    rated cards on 'the Scotland Act _____' (1998) were kept)."""
    span = answer.span(sent)
    if len(span) != 1 or not span.root.like_num or span.start <= sent.start \
            or YEAR.fullmatch(span.text):
        return False  # 'the Scotland Act 1998', 'the Treaty of Rome 1957': a year dates a name
    name = sent.doc[span.start - 1]
    return name.tag_ in ("NNP", "NNPS") and name.text[:1].isupper() \
        and span.root.head.i == name.i and not _NOT_NAMES.match(name.lower_)


# a school year or grade ('year 13', 'grade 9'): a serial, and 'year 26' no plausible option
_SERIAL = re.compile(r"\b(?:years?|grades?)\s+\d{1,2}\b(?!\s*%)", re.IGNORECASE)


def serial(answer: Answer) -> bool:
    """The answer holds a school year or grade ('years 7 through 12 year 13' was offered '18
    year 13' and '24 year 13', s28: every reviewer): a serial, no amount. (A number after a
    name inside the answer, 'the Camden 28' offered 'Camden 42', was kept by s29c's reviewers,
    and '30 West 67th Street' by s20's: those stay.)"""
    return _SERIAL.search(answer.text) is not None


def subscript(answer: Answer, sent: Span) -> bool:
    """The number is a subscript of a chemical formula that the page's text set apart from
    its symbols ('Concentrated O 2 will allow …', 'CO 2 emissions'): 'O 1' or 'O 4' is a
    misprint, not a false statement, and 'How many enriched mixtures …?' no question (s20b:
    every reviewer rejected 'O 1' as a formula artefact; ``boundaries.subscript``)."""
    span = answer.span(sent)
    return len(span) == 1 and span.start > sent.start and boundaries.subscript(span[0])


def bound(answer: Answer, sent: Span) -> bool:
    """'By 1066 Normandy had …', 'before 1200': the answer bounds a time or an amount, so a
    later (or earlier) option is true as well (a DEV reviewer: '1081 and 1091 would also be
    true'); 'No. 1' names a thing, and 'No. 0' is no plausible option."""
    before = [t.lower_ for t in sent.doc[max(sent.start, answer.start - 2) : answer.start]]
    if before[-2:] == ["not", "until"]:
        return False  # 'it was not until 1271 that …': the first time, an exact one
    if before[-1:] == ["by"] and answer.kind not in DATED:
        return False  # 'rose by 300 percent', 'grew by 2,000 men': a change, an exact amount
    return bool(before) and (before[-1] in _BOUNDS | _IDENTIFIER or " ".join(before) in _BOUNDS
                             or "".join(before) in _IDENTIFIER)  # 'No' '.' as two tokens


def _match_case(option: str, answer: str) -> str:
    if answer[:1].islower() and option[:1].isupper() and not option.split()[0].isupper() \
            and option.split()[0].lower() in ("the", "a", "an"):
        return option[:1].lower() + option[1:]
    return option


def _counts(answer: Answer, sent: Span) -> bool:
    """A lone number before a plural noun counts things ('300 ships'), whatever its tag said;
    a date of more words is a date whatever follows it ('In October 1972 connections …' was
    offered 'October 2958', 'October 986', 'October 3944': s15b)."""
    after = answer.end
    return answer.end - answer.start == 1 and after < sent.end \
        and sent.doc[after].tag_ in ("NNS", "NNPS")


def hyphenated(answer: Answer, sent: Span) -> bool:
    """The answer is glued by a hyphen to the word after it ('Isuzu-built'): a modifier whose
    blank ('the _____-built Chevrolet') reads garbled and whose kind the slot decides."""
    end = answer.end
    return end + 1 < sent.end and sent.doc[end].text == "-" and not sent.doc[end - 1].whitespace_


def possessive(answer: Answer, sent: Span) -> bool:
    """The answer ends in a plural possessive whose apostrophe stands alone after it ('seven
    years’ standing', 'two weeks' leave'): blanked, the card reads '_____ ’ standing', and an
    option without the apostrophe reads as a plural noun."""
    end = answer.end
    last = sent.doc[end - 1]
    return end < sent.end and sent.doc[end].text in ("'", "’") and not last.whitespace_ \
        and last.lower_.endswith("s")


def counts_units(answer: Answer, sent: Span) -> bool:
    """A bare number that modifies the noun after it, with no article before it, counts that
    unit ('1800 RPM', '1500 men'), however year-like it looks; 'the 1979 referendum', 'a
    1983 speech' and 'Columbus's 1492 voyage' are years (s14: read as a count, 1492 was
    offered 2984, 2238 and 746)."""
    span = answer.span(sent)
    root = span.root
    before = sent.doc[span.start - 1] if span.start > sent.start else None
    return (len(span) == 1 and root.like_num and root.dep_ == "nummod"
            and root.head.i == span.end and span.end < sent.end
            and root.head.pos_ in ("NOUN", "PROPN") and not _DATE_NOUN.match(root.head.lower_)
            and not (before is not None and (before.dep_ in ("det", "poss")
                                             or before.tag_ in ("POS", "PRP$"))))


_QUALIFIED = re.compile(r"[^\W\d]")  # an answer that opens with a word, not its number
_SPLIT_YEAR = re.compile(r"\b\d{4}/\d{2}\b")
_FOUR_DIGITS = re.compile(YEAR_DIGITS)


def year_of(answer: Answer, sent: Span) -> bool:
    """A four-digit number the tagger reads as a date before a plural noun that is no unit of
    time is the year of what the noun names ('According to 2009 estimates', 'the 1998
    floods'), not a count of it: read as a count, s20c's 2009 was offered '1004', '4018' and
    '3014' (rejected by all three reviewers). A count of things is no date to the tagger ('1500
    farms', '1800 RPM': CARDINAL), nor is one of years a year ('over 2000 years')."""
    span = answer.span(sent)
    if len(span) != 1 or span.root.ent_type_ != "DATE" or not _FOUR_DIGITS.fullmatch(span.text):
        return False
    return span.end < sent.end and sent.doc[span.end].lemma_.lower() not in plausible.TIME_UNITS


_DATE_NOUN = re.compile(rf"^(bc|bce|ad|ce|b\.c\.|a\.d\.|{_MONTHS.lower()})$")


def _overlaps(option: str, answer: str) -> bool:
    """'9th and 10th centuries' or '10th century' for 'the 10th and 11th centuries': a span
    of time that shares a part with the answer is partly true."""
    ours, theirs = re.findall(r"\d+", answer), re.findall(r"\d+", option)
    return max(len(ours), len(theirs)) > 1 and bool(set(ours) & set(theirs))


def _acceptable(option: str, answer: str, source: str, chosen: list[str]) -> bool:
    o, a = norm(option), norm(answer)
    if not o or o == a or re.search(rf"(?<!\w){re.escape(o)}(?!\w)", a) or re.search(
        rf"(?<!\w){re.escape(a)}(?!\w)", o
    ):
        return False
    if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", source):
        return False  # named in the same sentence: possibly also true
    if ("(" in option) != ("(" in answer):
        return False  # 'Article 102' alone among 'Article 101(1)', '101(2)', '101(3)': its form
    if any(same_name(option, other) or stems(option) == stems(other)
           for other in (answer, *chosen)):
        return False  # 'tumorous cells' beside 'tumor cells': one is right if the other is
    return all(o != norm(c) and o not in norm(c) and norm(c) not in o for c in chosen)


_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")


def _initial(short: str, word: str) -> bool:
    """'F.' (or 'F') is the initial of 'Fitzgerald'."""
    return len(short.rstrip(".")) == 1 and short[:1].isupper() and len(word) > 2 \
        and word[:1] == short[:1]


def same_name(a: str, b: str) -> bool:
    """Two names of one bearer: the same first and last word ('John F. Kennedy', 'John
    Fitzgerald Kennedy'), or one the initials of the other's capitalised words ('EU', 'European
    Union'). Offered together, one is a second right answer or the two a giveaway pair."""
    if a == b or any(ch.isdigit() for ch in a + b):
        return False
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb) >= 3 and wa[0][:1].isupper() and wa[0] == wb[0] and \
            wa[-1] == wb[-1] and all(x == y or _initial(x, y) or _initial(y, x)
                                     for x, y in zip(wa[1:-1], wb[1:-1], strict=True)):
        return True  # not 'John Adams' and 'John Quincy Adams': father and son
    for short, long in ((a, b), (b, a)):
        if len(short) >= 2 and short.isupper() and len(long.split()) >= 2 and \
                "".join(w[0] for w in _CAPITALISED.findall(long)) == short:
            return True
    return False


_ARTICLES = frozenset(["the", "a", "an"])
# endings that make one word of another (a light stemmer: nltk's Snowball stemmer did the same
# here, but importing nltk cost the engine's start a second of CPU)
_ENDINGS = ("ousness", "ations", "ation", "ical", "ness", "ions", "ion", "ity", "ous", "ive",
            "ing", "ed", "al", "ic", "es", "s", "y")


def _stem(word: str) -> str:
    """'tumorous', 'tumors' → 'tumor'; 'infected', 'infection' → 'infect'; 'waves' → 'wave'
    (the longest ending that leaves four letters)."""
    return next((word[: -len(e)] for e in _ENDINGS if word.endswith(e)
                 and len(word) - len(e) >= 4), word)


def stems(text: str) -> frozenset[str]:
    """The word stems of ``text``, articles aside: 'tumorous cells' and 'the tumor cell' say
    the same thing."""
    return frozenset(_stem(w) for w in norm(text).split() if w not in _ARTICLES)


def describes(option: str, answer: Answer, sent: Span) -> bool:
    """A description offered for a description whose modifier the answer's sentence says of
    its subject ('tumor cells' and 'tumorous cells' for 'the abnormal cells' that a response to
    tumors destroys, s19): the option names the answer's referent another way, a second right
    answer."""
    *modifiers, _ = norm(option).split() or [""]
    mine = {_stem(w) for w in modifiers if w not in _ARTICLES and len(w) > 2}
    if not mine:
        return False
    said = {_stem(t.lower_) for t in sent if t.is_alpha and not t.is_stop
            and not answer.start <= t.i < answer.end}
    return bool(mine & said)



# determiners that point at one thing the page already spoke of: 'the nation', 'each digit'
_POINTING = frozenset(["the", "this", "these", "that", "those", "each"])


def unnamed_subject(sent: Span, stem: str, title: Span | None, first: Span | None = None
                    ) -> bool:
    """The stem's subject is a common noun only the page says which one it is: 'In 2012, the
    nation placed 139th …', 'The astronauts returned safely on _____.', 'Each digit will
    weigh _____ lb': a definite (or 'each') phrase with no name in it, whose noun the title
    does not give ('the university' on 'University of Chicago' stands), kept word for word in
    the stem (the page did not name it for the card, definites.references). Nor one whose
    noun the page's ``first`` sentence uses ('The river valley was first farmed …' → 'the
    valley had 1500 farms'): the page is about it."""
    subj = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "det" and c.lower_ in _POINTING for c in subj.children):
        return False
    phrase = sent.doc[subj.left_edge.i: subj.right_edge.i + 1]
    if any(t.pos_ == "PROPN" or t.ent_type_ for t in phrase):
        return False
    if any(subj.lemma_.lower() in {t.lemma_.lower() for t in span}
           for span in (title, first if first is not None else sent) if span is not None):
        return False
    return phrase.text.lower() in stem.lower()


# a sentence this long (words) asks its question only garbled: the multiple-choice questions
# of the seen rated cards (s10..s22c) whose sentence had 36 words or more were kept 3 of 13
# ('When did the editor of Electrical World magazine arrange?', 'When did many viewers
# broadcast the BBC again …?'), against 60 % of the shorter ones
LONG_SENTENCE = 36


def asked_of_long(sent: Span) -> bool:
    """The sentence is too long for its question to stand as a multiple-choice stem."""
    return len(sent.text.split()) >= LONG_SENTENCE
