"""Key terms of a sentence: what a card can ask about and what a distractor must resemble.

Every term has a *kind* so that distractors and false statements swap like for like (a year
for a year, a name for a name). Extraction is by surface features only (capitalisation,
digits, determiners and prepositions before a phrase, backticks, operators), so it works on any
subject without a tagger model.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from agents.generation.language import stop_words

KINDS = ("code", "math", "date", "year", "century", "number", "name", "list", "phrase")
# English counts a card may say in words, in order (choices perturbs one by its place here)
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve")

# the English month names, as a regex alternation (choices and granularity read them too)
# what a year looks like: four digits from 1000 to 2099 ('2135' is no year, '0800' none). Its
# one spelling; what may stand around it (a decade's 's', 'BC', a comma of thousands) is each
# reader's own
YEAR_DIGITS = r"1\d{3}|20\d{2}"
MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS = (
    f"{MONTHS_EN}|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("code", re.compile(r"`[^`\n]{1,60}`")),
    (
        "math",
        re.compile(
            r"(?<![\w])(?:[A-Za-z]|\d+(?:\.\d+)?|[A-Za-z]\(\w\)|\([^()\n]{1,20}\))"
            r"(?:\s*(?:[=+\-*/^<>≤≥≠±×÷]|\*\*)\s*(?:[A-Za-z0-9]+(?:\.\d+)?|\([^()\n]{1,20}\)|√\w+)"
            r"(?:\^\d+|²|³)?)+"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:\d{{1,2}}\s+(?:de\s+)?(?:{_MONTHS})(?:\s+(?:de\s+)?\d{{3,4}})?|"
            rf"(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{3,4}})?|(?:{_MONTHS})\s+(?:de\s+)?\d{{4}})\b"
        ),
    ),
    (
        "century",
        re.compile(
            r"\b\d{1,2}(?:st|nd|rd|th)(?:\s+(?:and|or|to)\s+\d{1,2}(?:st|nd|rd|th))?\s+"
            r"(?:centur(?:y|ies)|millenni(?:um|a))\b|\bsiglos?\s+[IVXL]+(?:\s+y\s+[IVXL]+)?\b"
        ),
    ),
    ("year", re.compile(rf"\b(?:{YEAR_DIGITS})(?:s|\s*(?:BC|AD|BCE|CE|a\. ?C\.))?\b")),
    (
        "number",
        re.compile(
            r"(?<![\w.])[$€£]?\d+(?:[.,]\d+)*(?:\s?%|\s+(?:percent|per cent|por ciento|million|"
            r"billion|thousand|millones|millón|mil|km|kg|m|cm|mm|km/h|mph|°C|°F|kB|MB|GB))?"
            r"(?![\w])"
        ),
    ),
]
_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")
_NAME_LINKS = frozenset({"of", "de", "del", "la", "von", "van", "der", "du", "da", "di", "y"})
_TRIGGERS_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "from",
        "by",
        "with",
        "for",
        "into",
        "as",
        "about",
        "between",
        "during",
        "under",
        "over",
        "through",
        "against",
        "without",
        "within",
        "across",
        "called",
        "named",
    ]
)
_PRONOUNS = frozenset(
    [
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "him",
        "his",
        "she",
        "her",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "ello",
        "ella",
        "ellos",
        "ellas",
        "él",
        "le",
        "les",
        "lo",
        "se",
        "nos",
    ]
)
_TRIGGERS_ES = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "de",
        "del",
        "en",
        "con",
        "por",
        "para",
        "sobre",
        "entre",
        "como",
    ]
)


Tokens = list[tuple[str, int, int]]  # (word, start, end) in the sentence


@dataclass(frozen=True)
class Term:
    """A span of one sentence worth asking about."""

    text: str
    kind: str
    start: int
    end: int
    lead: str = ""  # a determiner or preposition just before it, swallowed by a wh-phrase

    def __len__(self) -> int:
        return len(self.text.split())


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _lead(sentence: str, start: int) -> str:
    match = re.search(r"(\b[\wáéíóú]+)\s+$", sentence[:start])
    return match.group(1) if match else ""


def extract(sentence: str, language: str, lower_vocab: frozenset[str]) -> list[Term]:
    """All terms of one sentence; spans never overlap except a list and its members."""
    stops = stop_words(language)
    terms: list[Term] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            span = match.span()
            text = match.group(0).strip()
            if kind == "math" and not re.search(r"[=+\-*/^<>≤≥≠±×÷]", text):
                continue
            if kind == "math" and re.fullmatch(r"[\d\s\-/]+", text):
                continue  # 1990-1995, 3/4 are ranges or dates, not expressions
            if _overlaps(span, taken) or not text:
                continue
            taken.append(span)
            terms.append(Term(text, kind, span[0], span[1], _lead(sentence, span[0])))
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(sentence)]
    terms += _names(sentence, words, taken, stops, lower_vocab)
    terms += _phrases(sentence, words, taken, stops, language)
    return sorted(terms, key=lambda t: t.start)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _names(
    sentence: str,
    words: Tokens,
    taken: list[tuple[int, int]],
    stops: frozenset[str],
    lower_vocab: frozenset[str],
) -> list[Term]:
    out: list[Term] = []
    i = 0
    while i < len(words):
        word, start, end = words[i]
        if not _is_cap(word) or _overlaps((start, end), taken) or word.lower() in stops:
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            nxt, n_start, _ = words[j + 1]
            gap = sentence[words[j][2] : n_start]
            if gap.strip() not in ("", "-"):
                break
            if _is_cap(nxt):
                j += 1
            elif (
                nxt in _NAME_LINKS
                and j + 2 < len(words)
                and _is_cap(words[j + 2][0])
                and not sentence[words[j + 1][2] : words[j + 2][1]].strip()
            ):
                j += 2
            else:
                break
        span = (start, words[j][2])
        text = sentence[span[0] : span[1]]
        sentence_initial = start == 0 or not sentence[:start].strip(' "“(¿¡')
        common = i == j and word.lower() in lower_vocab
        function_word = word.lower() in stops or word.lower() in _TRIGGERS_EN | _PRONOUNS
        if not (sentence_initial and i == j and function_word) and not common:
            out.append(Term(text, "name", span[0], span[1], _lead(sentence, span[0])))
            taken.append(span)
        i = j + 1
    out += _name_lists(sentence, out)
    return out


def _name_lists(sentence: str, names: list[Term]) -> list[Term]:
    """'Denmark, Iceland and Norway' as one longer answer besides its three members."""
    out: list[Term] = []
    for i in range(len(names)):
        j = i
        while j + 1 < len(names) and re.fullmatch(
            r",\s*|\s+(?:and|or|y|o|und|et|e)\s+|,\s*(?:and|or)\s+",
            sentence[names[j].end : names[j + 1].start],
        ):
            j += 1
        if j > i:
            out.append(
                Term(
                    sentence[names[i].start : names[j].end],
                    "list",
                    names[i].start,
                    names[j].end,
                    names[i].lead,
                )
            )
            break
    return out


def _phrases(
    sentence: str,
    words: Tokens,
    taken: list[tuple[int, int]],
    stops: frozenset[str],
    language: str,
) -> list[Term]:
    """Noun-phrase-like runs after a determiner or preposition, with one 'of …' tail."""
    triggers = _TRIGGERS_ES if language == "es" else _TRIGGERS_EN
    out: list[Term] = []
    i = 0
    while i < len(words) - 1:
        if words[i][0].lower() not in triggers:
            i += 1
            continue
        j = i + 1
        run: list[int] = []
        while j < len(words) and len(run) < 4:
            word, start, _ = words[j]
            gap = sentence[words[j - 1][2] : start]
            if (
                gap.strip() not in ("", "-")
                or word.lower() in stops
                or word.lower() in triggers
                or word.lower() in _PRONOUNS
                or word.endswith("ly")
                or _overlaps((start, words[j][2]), taken)
            ):
                break
            run.append(j)
            j += 1
        if run and j + 1 < len(words) and words[j][0].lower() in ("of", "de", "del"):
            # "the first half of the 10th century": take one complement
            k = j + 1
            if k < len(words) and words[k][0].lower() in ("the", "a", "an", "la", "el", "los"):
                k += 1
            tail: list[int] = []
            while k < len(words) and len(tail) < 3 and words[k][0].lower() not in stops:
                if sentence[words[k - 1][2] : words[k][1]].strip() not in ("", "-"):
                    break
                if words[k][0].lower() in _PRONOUNS or words[k][0].lower() in triggers:
                    break
                tail.append(k)
                k += 1
            if tail:
                run = run + list(range(j, tail[-1] + 1))
        if run and not _noun_like(run, words, sentence):
            run = []
        if run:
            span = (words[run[0]][1], words[run[-1]][2])
            text = sentence[span[0] : span[1]]
            repeated = any(t.start == span[0] and t.end == span[1] for t in out)
            if not _overlaps(span, taken) and not repeated:
                out.append(Term(text, "phrase", span[0], span[1], words[i][0]))
        i = max(i + 1, j)
    return out


_ADJECTIVE_END = re.compile(r"(ous|ful|less|ical|ional|ible|able|ative|itive|ive|ic|al)$")


def _noun_like(run: list[int], words: Tokens, sentence: str) -> bool:
    """Without a tagger: a phrase should not end on an adjective or dangle before 'of'."""
    last, _, end = words[run[-1]]
    if last.islower() and _ADJECTIVE_END.search(last) and len(run) == 1:
        return False
    if last.islower() and re.search(r"(ous|ful|less|ical|ive)$", last):
        return False
    follow = sentence[end:].lstrip()
    if last.islower() and _ADJECTIVE_END.search(last) and follow.startswith(("and ", "or ", ",")):
        return False
    if len(run) == 1 and (follow.startswith(("of ", "de ")) or len(last) < 4):
        return False
    return not (follow.startswith(",") and re.match(r",\s*\w+\s+(and|or|y)\s", follow))


def document_vocabulary(sentences: list[str]) -> tuple[frozenset[str], Counter[str]]:
    """Words seen in lower case (so 'The' at a sentence start is not a name) and frequencies."""
    lower: set[str] = set()
    freq: Counter[str] = Counter()
    for sentence in sentences:
        for match in _WORD.finditer(sentence):
            word = match.group(0)
            freq[word.lower()] += 1
            if word.islower():
                lower.add(word)
    return frozenset(lower), freq


def norm(text: str) -> str:
    """Lower case, no punctuation, single spaces: for comparing answers and questions."""
    return " ".join(re.findall(r"\w+", text.lower()))
