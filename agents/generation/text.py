"""From raw (often OCR'd) text to checked, clean sentences.

OCR text breaks sentences over lines, hyphenates words at line ends, and mixes headings, bullets
and code with prose. Each line is classified first (code and maths lines are kept verbatim and
never joined or re-hyphenated), then prose lines are joined and split into sentences.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from agents.exceptions import EmptyText, InputError, InputTooLarge
from agents.generation import elements

MAX_TEXT_CHARS = 400_000  # ~150 pages; a 1 MB text is refused with a clear error, not processed
MIN_SENTENCE_WORDS = 4
MAX_SENTENCE_WORDS = 80  # longer "sentences" are run-on OCR; they are cut at clause boundaries

_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": ""}
_BULLET = re.compile(r"^\s*(?:[-*•●▪◦–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_CODE_LINE = re.compile(
    r"(^\s{4,}\S)|(^\s*(def|class|return|import|from|for|while|if|elif|else|try|except|fn|let|"
    r"const|var|function|public|private|#include|SELECT|print)\b.*[:;{(=]\s*$)|"
    r"([;{}]\s*$)|(^\s*[\w.\[\]]+\s*(=|\+=|-=|==)\s*[^=].*[)\]\d\w]\s*$)|(^\s*```)"
)
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "cf.",
    "al.",
    "approx.",
    "fig.",
    "no.",
    "vol.",
    "ch.",
    "p.",
    "pp.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "st.",
    "jr.",
    "sr.",
    "prof.",
    "inc.",
    "ltd.",
    "co.",
    "sra.",
    "sr.",
    "dra.",
    "ej.",
    "pág.",
    "núm.",
    "z.b.",
    "bzw.",
    "usw.",
    "ca.",
)
# a closing quotation mark or bracket after the stop stays with its sentence (split off, it
# left 'defined as "A policy of … force.' with its quotation never closed)
_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)\]]))\s+"
                       r"(?=[\"“¿¡(\[]?[A-ZÁÉÍÓÚÑÄÖÜÀÈÌÒÙÇ0-9`])")


@dataclass(frozen=True)
class Sentence:
    """One unit cards are made from."""

    text: str
    index: int
    kind: str = "prose"  # prose | bullet | code
    heading: str | None = None


def check_text(text: object) -> str:
    """Refuse what cannot become cards, with one clear line; return the text NFC-normalised."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLarge(
            f"text has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,} "
            "(split the document)"
        )
    stripped = text.strip()
    if not stripped:
        raise EmptyText("the text is empty")
    sample = stripped[:20_000]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t\r")
    )
    if bad / len(sample) > 0.05:
        raise InputError(
            f"the text looks like binary data: {bad / len(sample):.0%} of its characters "
            "are control or undecodable characters"
        )
    visible = [ch for ch in sample if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    if visible and letters / len(visible) < 0.3:
        raise InputError(
            f"the text looks like binary data or noise: only {letters / len(visible):.0%} "
            "of its characters are letters"
        )
    words = stripped.split()
    if len(words) < 2:
        raise EmptyText("the text is a single word; cards need at least one sentence")
    return normalise(text)


def normalise(text: str) -> str:
    """The form cards are made from: NFC, ligatures spelled out, soft hyphens dropped, line ends
    as newlines. An answer the user gives is put in the same form, to be found in the text."""
    text = unicodedata.normalize("NFC", text)
    for ligature, plain in _LIGATURES.items():
        text = text.replace(ligature, plain)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_code_line(line: str) -> bool:
    return bool(_CODE_LINE.search(line)) and not line.strip().endswith((".", "?", "!"))


def _is_heading(line: str, next_line: str | None) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 8
        and not line.rstrip().endswith((".", ",", ";", ":", "?", "!"))
        and (next_line is None or not next_line.strip() or next_line.strip()[0].isupper())
        and (line.strip()[0].isupper() or line.strip()[0].isdigit() or line.isupper())
    )


def is_heading_at(text: str, at: int) -> bool:
    """Whether the character at ``at`` lies on a heading: a short unpunctuated line that opens
    a paragraph, which ``sentences`` files as the heading of what follows, not as prose."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    previous = text[: max(0, start - 1)].rsplit("\n", 1)[-1]
    following = text[end + 1 :].split("\n", 1)[0] if end < len(text) else None
    line = text[start:end]
    return bool(line.strip()) and not previous.strip() and _is_heading(line, following)


# abbreviations that can close a sentence ("… and so on, etc. While …"); the others (titles,
# "e.g.", "no.") always lead into a word
_CAN_END = ("etc.", "al.", "inc.", "ltd.", "co.", "jr.", "sr.")
# a protected dot before a capitalised function word ends a sentence: "World War I. One was",
# "1 °C. This is", "etc. While …"; an initial's next word is a name, or another initial
_ENDS = re.compile(r"(?:\b[A-Z]|(?<![\w])(?i:" + "|".join(re.escape(a[:-1]) for a in _CAN_END)
                   + r"))∯(?=\s+([A-Z][a-z]+)\b)")


def _protect_abbreviations(text: str) -> str:
    # a placeholder dot keeps "e.g. Rome" and "J. R. R. Tolkien" in one sentence
    for abbreviation in _ABBREVIATIONS:
        pattern = re.compile(r"(?<![\w])" + re.escape(abbreviation), re.IGNORECASE)
        text = pattern.sub(lambda m: m.group(0).replace(".", "∯"), text)
    # a degree's scale is no initial: '… below 25 °F. Keldby lies …' is two sentences
    text = re.sub(r"(?<!°)(?<!° )\b([A-Z])\.(?=\s*[A-Z])", "\\1∯", text)
    from spacy.lang.en.stop_words import STOP_WORDS

    return _ENDS.sub(lambda m: m.group(0)[:-1] + "." if m.group(1).lower() in STOP_WORDS
                     else m.group(0), text)


# a lead-in to a list ('… are the following:', '… as follows:') before a capitalised function
# word opens a whole sentence there, not the list: the page lost its list (a bulleted list
# dropped in extraction), and the lead-in and the next paragraph's first sentence read as one
# garbled sentence (s28: 'The four most common forms … are the following: The vast majority of
# businesses take the form of a proprietorship.', three cards, every reviewer rejected them)
_LOST_LIST = re.compile(r"\b(?:following|follows):(\s+)(?=([A-Z][a-z]*)\b)")


def _lost_list(text: str) -> list[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    cuts = [m.end() for m in _LOST_LIST.finditer(text) if m.group(2).lower() in STOP_WORDS]
    return [text[a:b].strip() for a, b in pairwise([0, *cuts, len(text)])]


def split_sentences(prose: str) -> list[str]:
    """Split one joined prose block into sentences."""
    protected = _protect_abbreviations(prose)
    parts = _inside_brackets([p for s in _SENT_END.split(protected) for p in _lost_list(s)])
    out = []
    for part in parts:
        part = part.replace("∯", ".").strip()
        if part:
            out.extend(_cut_run_on(part))
    return out


def _inside_brackets(parts: list[str]) -> list[str]:
    """A stop inside an open bracket ends no sentence: '… faithful God" (Ps. 31:5), the common
    prayer' is one sentence, where the split left '(Ps.' ending one and '31:5), …' opening the
    next (s23c: the orphaned 'Ps' became the subject a later 'he' stood for). Square brackets
    alike: '(such as Wayne Dupree [b. 1968]), focus on …' left '1968]), focus on …' a sentence
    of its own (s24: its multiple-choice card '_____]), focus on a text …', every reviewer
    rejected it)."""
    out: list[str] = []
    for part in parts:
        if out and any(_open_bracket(out[-1], o, c) and c in part.split(o)[0]
                       for o, c in _BRACKETS):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


_BRACKETS = (("(", ")"), ("[", "]"))


def _open_bracket(text: str, opening: str, closing: str) -> bool:
    """An ``opening`` bracket the text leaves open at its end."""
    return text.rfind(opening) > text.rfind(closing)


def _cut_run_on(sentence: str) -> list[str]:
    words = sentence.split()
    if len(words) <= MAX_SENTENCE_WORDS:
        return [sentence]
    pieces = [p.strip() for p in re.split(r"(?<=[;:])\s+", sentence) if p.strip()]
    if len(pieces) == 1:
        return [" ".join(words[i : i + MAX_SENTENCE_WORDS]) for i in range(0, len(words), 60)]
    return [q for p in pieces for q in _cut_run_on(p)] if len(pieces) > 1 else pieces


_OPEN_END = re.compile(r"[\w,;\-–(]\s*$")  # a line that stops mid-sentence
# a chemical formula whose subscript a copy from a web page or PDF put on a line of its own
# ('Oxygen gas (O' / '2) can be toxic …', 'hydrogen peroxide (H' / '2O' / '2)'): the line
# ends on element symbols (with a charge: 'O−') and the next starts with the subscript
_ELEMENTS = elements.SYMBOLS | elements.ISOTOPES
_FORMULA_END = re.compile(r"(?:^|(?<=[\s(\[]))((?:[A-Z][a-z]?\d*)+)[−+-]?$")
_SUBSCRIPT_START = re.compile(r"^\d{1,2}(?:[A-Z(]|[,.;:−+)]|\s+[a-z]|$)")


def _subscript(last: str, line: str) -> bool:
    """``line`` opens with the subscript of the formula ``last`` ends on ('… (O' + '2) can …',
    '… sea-level O' + '2 partial pressure'), not with a numbered item or a count after a name
    ('Vitamin A' + '2) Fold …', 'Team B' + '2 weeks later'): the formula's symbols are all
    elements, a bracket it closes was opened, and a bare symbol after a capitalised word is a
    name."""
    formula = _FORMULA_END.search(last)
    if not formula or not _SUBSCRIPT_START.match(line):
        return False
    if not set(re.findall(r"[A-Z][a-z]?", formula.group(1))) <= _ELEMENTS:
        return False
    before = last[: formula.start()].split()
    bracketed = last[formula.start() - 1 : formula.start()] == "("
    if before and before[-1][:1].isupper() and not bracketed \
            and re.fullmatch(r"[A-Z][a-z]?", formula.group(1)):
        return False
    closes = line.lstrip("0123456789")[:1] == ")"
    return not closes or last.count("(") > last.count(")")


# what a reference leaves behind when a copied page loses its links: "[12]", "[citation
# needed]", and the page number of a cited source after the punctuation it followed
# ("… the mass of the system.:19-1 The …", session 10's review: a card ending ".:19-1"); a
# time ("10:30") or a verse ("John 3:16") has no punctuation before its colon; "[update]" is
# what a wiki leaves after "As of September 2011" (session 13's review: "When did September
# 2011[update suffer …?")
_CITATION = re.compile(
    r"\[(?:\d+(?:\s*[-–,]\s*\d+)*|citation needed|clarification needed|update|note \d+)\]"
    r"|(?<=[.,;)\"”])\[[a-z]\]"  # a lettered note after a sentence or clause ('problems.[j]')
    # an editor's question flag after a word ('a theoretical[according to whom?] process',
    # '[who?]', '[when?]'): s29c, a cloze that showed it rejected by every reviewer
    r"|(?<=[\w.,;)\"”])\[(?:[a-z]+ ){0,3}[a-z]+\?\]"
    r"|(?<=[.,;)\]\"”]):\d+(?:[-–]\d+)?(?:,\s?\d+(?:[-–]\d+)?)*(?=[\s.,;]|$)"
    # a page range glued to the word it followed ("relocated to New York City:57–60 where",
    # session 22's review): a ratio or a time has a digit before its colon, a slice a bracket
    # after its number
    r"|(?<=[a-z]):\d+[-–]\d+(?=[\s.,;]|$)|(?<=[a-z]):\d+(?=\s+[a-z])",
    re.IGNORECASE)


# a web address: the sentence that carries one is a reference to a source (session 13's
# review: four cards from "… Foundation, accessed January 25, 2022, https://…")
_URL = re.compile(r"\bhttps?://|\bwww\.\w", re.IGNORECASE)


# a wiki's grouped note ('Chopin,[n 1] was') and an editor's flag ('phrases[better source
# needed]'): both broke answer-aware questions on SQuAD train text (session 23: 'Born what 1]
# was a Polish and French?', 'Who sampled the phonemes of English phrases[better source?').
# Read out in answer-aware mode only: on the seen passages the deck path would change 4 decks
# (Harvard, Imperialism), not yet measured against their rated cards
_NOTE = re.compile(r"(?<=[\w.,;)\"”])\[(?:n \d+|[a-z]+(?: [a-z]+)? needed)\]", re.IGNORECASE)


def _without_citations(text: str) -> str:
    return _CITATION.sub("", text)


def without_citations(text: str) -> str:
    """The text without the marks a copied page's references leave (``_CITATION``) and the
    notes and flags of a wiki (``_NOTE``)."""
    return _NOTE.sub("", _without_citations(text))


def _join_lines(lines: list[str]) -> str:
    """Join prose lines, repairing hyphenation at line ends ("gener-\\nation")."""
    parts: list[str] = []  # a list, not a growing string: a 300 kB page joins in linear time
    for line in lines:
        line = line.strip()
        last = parts[-1] if parts else ""
        if not parts:
            parts.append(line)
        elif re.search(r"[a-zà-ÿ]-$", last[-2:]) and line[:1].islower():
            parts[-1] = last[:-1] + line
        else:
            parts.append(line)
    return re.sub(r"[ \t]+", " ", _without_citations(" ".join(parts)))


def sentences(text: str) -> list[Sentence]:
    """Classify lines, join prose, split sentences; keep code and bullets whole."""
    out: list[Sentence] = []
    heading: str | None = None
    prose: list[str] = []
    in_fence = False

    def flush() -> None:
        if prose:
            for sent in split_sentences(_join_lines(prose)):
                if not _URL.search(sent):  # a cited source's address: no fact to study
                    out.append(Sentence(sent, len(out), "prose", heading))
            prose.clear()

    lines = text.split("\n")
    # the next non-blank line after each line, for telling paragraph breaks from OCR gaps
    following: list[str] = [""] * len(lines)
    for i in range(len(lines) - 2, -1, -1):
        after = lines[i + 1].strip()
        following[i] = after or following[i + 1]
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if line.strip().startswith("```"):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or (line.strip() and is_code_line(line)):
            flush()
            out.append(Sentence(line.strip(), len(out), "code", heading))
            continue
        if not line.strip():
            # Tesseract often makes each text line its own paragraph; a blank line inside a
            # sentence (no end punctuation before it, a lowercase word after it) is not a break
            if prose and _OPEN_END.search(prose[-1]) and following[i][:1].islower():
                continue
            flush()
            continue
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        if not prose and _is_heading(line, next_line):
            flush()
            heading = line.strip()
            continue
        if prose and _subscript(prose[-1].rstrip(), line.strip()):
            prose[-1] = prose[-1].rstrip() + line.strip()  # 'O' + '2) can …': 'O2) can …'
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            prose.append(line[bullet.end() :])
            flush_bullet = _join_lines(prose)
            prose.clear()
            # a bullet may run over several lines; following indented lines continue it
            for sent in split_sentences(flush_bullet):
                out.append(Sentence(sent, len(out), "bullet", heading))
            continue
        prose.append(line)
    flush()
    return [s for s in out if s.kind == "code" or len(s.text.split()) >= 2]


def usable_sentences(text: str) -> list[Sentence]:
    """The sentences long enough to make a card from; raises EmptyText when there are none."""
    found = [
        s for s in sentences(text) if s.kind == "code" or len(s.text.split()) >= MIN_SENTENCE_WORDS
    ]
    if not any(s.kind != "code" for s in found):
        raise EmptyText(f"no sentence of at least {MIN_SENTENCE_WORDS} words to make a card from")
    return found
