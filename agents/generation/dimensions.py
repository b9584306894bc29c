"""The heuristic dimensions of one card, each 0..1, read from the card and its source alone.

    clarity       readable length, a question form, no answer leaked into the question,
                  no dangling pronoun, balanced brackets
    completeness  a whole answer (not ending on a function word), a whole source sentence,
                  enough options for a multiple-choice card, an answer of a sensible length
    answerability the question keeps enough of the source's context to find the answer
    consistency   the answer is supported by the source sentence (true/false: a true statement
                  is the source, a false one differs from it by the swapped term only)

Both the scorer (quality.py) and the keep model's features (keep.py) read them; they live here
so that neither of those has to import the other.
"""

from __future__ import annotations

import re

from agents.generation.cards import Candidate
from agents.generation.terms import norm

_FUNCTION_END = frozenset(str.split(
    "the a an of to in on at by for with and or but from as is are was were "
    "de la el los las y en que con por para un una"
))
_PRONOUN_START = re.compile(r"^(it|they|he|she|this|these|those|its|their)\b", re.IGNORECASE)


def content_words(text: str) -> set[str]:
    return {w for w in norm(text).split() if len(w) > 3}


def jaccard(a: str, b: str) -> float:
    sa, sb = set(norm(a).split()), set(norm(b).split())
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def contains(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` as whole words (after normalisation)."""
    n = norm(needle)
    return bool(n) and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", norm(haystack)) is not None


def clarity(cand: Candidate) -> float:
    q = cand.question
    n = len(q.split())
    score = 1.0 if 5 <= n <= 28 else 0.7 if 3 <= n <= 40 else 0.35
    if cand.type in ("qa", "mcq") and not q.rstrip().endswith("?") and "_____" not in q:
        score -= 0.2
    if cand.type != "tf" and contains(q, cand.answer) and cand.kind != "code":
        score -= 0.5  # the answer is given away
    body = re.sub(r"^[^:]{0,40}:\s*", "", q.lstrip("¿"))
    if _PRONOUN_START.match(body) and ":" not in q[:60]:
        score -= 0.25
    if re.match(r"^¿?\w+,", q):
        score -= 0.4  # "What, a pigment that …?": the wh-word replaced a whole clause
    if q.count("(") != q.count(")") or q.count('"') % 2 or q.count("“") != q.count("”"):
        score -= 0.15
    return max(0.0, min(1.0, score))

def completeness(cand: Candidate) -> float:
    answer_words = norm(cand.answer).split()
    score = 1.0
    if not answer_words:
        return 0.0
    if answer_words[-1] in _FUNCTION_END or answer_words[0] in ("and", "or", "y", "of"):
        score -= 0.4
    if len(cand.answer.split()) > 25:
        score -= 0.5  # not atomic
    elif len(cand.answer.split()) > 12:
        score -= 0.2
    if not re.search(r"[.!?;:)\"”]$", cand.source.strip()) and cand.kind != "code":
        score -= 0.15  # a fragment, a heading or a cut OCR line
    if cand.type == "mcq":
        score -= 0.15 * max(0, 4 - len(cand.choices))
    if cand.answer.count("(") != cand.answer.count(")"):
        score -= 0.3
    return max(0.0, score)

def answerability(cand: Candidate) -> float:
    if cand.type == "tf":
        return 1.0 if cand.statement else 0.0
    source_context = content_words(cand.source) - content_words(cand.answer)
    if not source_context:
        return 0.5
    kept = len(content_words(cand.question) & source_context) / len(source_context)
    # a question keeping a third of the sentence's content words is easily located
    return float(min(1.0, 0.4 + 1.8 * kept))

def consistency(cand: Candidate) -> float:
    if cand.type == "tf":
        if cand.answer == "True":
            return 1.0 if jaccard(cand.statement, cand.source) > 0.5 else 0.3
        differs = norm(cand.swapped) and not contains(cand.source, cand.swapped)
        return 1.0 if differs and jaccard(cand.statement, cand.source) > 0.4 else 0.0
    if contains(cand.source, cand.answer):
        return 1.0
    words = set(norm(cand.answer).split())
    supported = len(words & set(norm(cand.source).split())) / max(1, len(words))
    # words of the source rearranged ('1066 between the Battle of Normandy', a small
    # model's answer) are no support: only a verbatim answer is sure to be right
    return float(0.25 * supported**2)
