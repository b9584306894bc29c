"""Over-generation: every card a document's sentences and terms allow, of every type.

The pool is deliberately varied (short key-term answers and longer phrase answers, definitions
and trivia, close and far distractors) so that the scorer, and a learned rater when there is
one, have real alternatives to choose between.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from agents.generation import distractors, pointing, questions
from agents.generation.cards import UNREVIEWED, Candidate
from agents.generation.language import FULL_TEMPLATES, words_for
from agents.generation.terms import Term, norm
from agents.generation.text import Sentence

if TYPE_CHECKING:
    from spacy.language import Language

KIND_WEIGHT = {
    "name": 0.9,
    "list": 0.7,
    "year": 0.9,
    "date": 0.9,
    "century": 0.9,
    "number": 0.8,
    "code": 1.0,
    "math": 1.0,
    "phrase": 0.55,
}
SUBJECT_BOOST = {
    "history": {"year": 0.15, "date": 0.15, "century": 0.15, "name": 0.1},
    "programming": {"code": 0.2},
    "mathematics": {"math": 0.2, "number": 0.1},
    "sciences": {"phrase": 0.1, "number": 0.05},
    "languages": {"phrase": 0.1},
}
TERMS_PER_SENTENCE = 8


@dataclass
class Document:
    """A document prepared for candidate generation."""

    sentences: list[Sentence]
    terms: dict[int, list[Term]]  # sentence index → its terms
    language: str
    subject: str | None
    topic: str | None
    freq: Counter[str]
    vectors: Mapping[str, np.ndarray] = field(default_factory=dict)
    title: str | None = None  # the request's (titles.py)

    def pool(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for terms in self.terms.values():
            for term in terms:
                out.setdefault(term.kind, []).append(term.text)
        return out


def salience(term: Term, doc: Document) -> float:
    words = [w for w in norm(term.text).split() if len(w) > 2]
    repeats = max((doc.freq[w] for w in words), default=1)
    boost = SUBJECT_BOOST.get(doc.subject or "", {}).get(term.kind, 0.0)
    single_common = term.kind == "phrase" and len(words) <= 1
    return min(
        1.0, KIND_WEIGHT[term.kind] + 0.05 * min(repeats - 1, 4) + boost - 0.15 * single_common
    )


def _level(term: Term, sal: float, answer: str) -> float:
    base = 1.0 if term.kind in ("phrase", "list", "math", "code") else 0.4
    if sal < 0.8:
        base += 0.3  # a term the document mentions in passing is harder to recall
    if len(answer.split()) >= 4:
        base += 0.5
    return base


def _extended(sentence: str, term: Term) -> Term | None:
    """The term with the rest of its phrase up to the next comma, for a longer-answer variant."""
    rest = re.match(r"[^,;:.()]{3,60}", sentence[term.end :])
    if not rest or term.kind not in ("phrase", "name"):
        return None
    words = rest.group(0).split()
    if not 2 <= len(words) <= 6 or words[0].lower() not in ("of", "de", "in", "for", "from", "del"):
        return None
    if pointing.phrase_points([w.lower() for w in words]):
        return None  # 'in those areas': the term alone, its own variant, is the answer
    end = term.end + len(rest.group(0).rstrip())
    return Term(sentence[term.start : end], "phrase", term.start, end, term.lead)


def for_sentence(sentence: Sentence, doc: Document, difficulty: str) -> list[Candidate]:
    """Every candidate one sentence yields."""
    text, lang = sentence.text, doc.language
    tags = [t for t in (doc.subject, sentence.heading) if t]
    topic = sentence.heading or doc.topic
    if sentence.kind == "code":
        return _code_cloze(text, tags)
    out: list[Candidate] = []
    pool = doc.pool()
    terms = sorted(doc.terms.get(sentence.index, []), key=lambda t: -salience(t, doc))
    terms = terms[:TERMS_PER_SENTENCE]
    for term in terms:
        if questions.in_brackets(text, term):
            continue
        sal = salience(term, doc)
        variants = [term] + [v for v in (_extended(text, term),) if v]
        for variant in variants:
            level = _level(variant, sal, variant.text)
            question = questions.wh_question(text, variant, lang, topic)
            if question:
                out.append(
                    Candidate(
                        "qa",
                        question,
                        variant.text,
                        text,
                        kind=term.kind,
                        level=level,
                        salience=sal,
                        tags=tags,
                    )
                )
            if variant is not term:
                continue
            cloze = questions.cloze_question(text, term, topic, lang)
            if questions.BLANK in cloze and term.text in text:
                out.append(
                    Candidate(
                        "cloze",
                        cloze,
                        term.text,
                        text,
                        kind=term.kind,
                        level=level + 0.2,
                        salience=sal,
                        tags=tags,
                    )
                )
            wrong = distractors.pick(term, text, pool, difficulty, 3, doc.vectors)
            if len(wrong) >= 2:
                stem = question or f"{words_for(lang).complete}{cloze}"
                choices = distractors.shuffle_choices(term.text, wrong, stem)
                closeness = {"beginner": -0.3, "advanced": 0.4}.get(difficulty, 0.0)
                out.append(
                    Candidate(
                        "mcq",
                        stem,
                        term.text,
                        text,
                        choices=choices,
                        kind=term.kind,
                        level=level - 0.2 + closeness,
                        salience=sal,
                        tags=tags,
                    )
                )
    out += _statements(sentence, terms, doc, difficulty, topic, tags)
    out += _templates(sentence, doc, tags)
    return out


def _statements(
    sentence: Sentence,
    terms: list[Term],
    doc: Document,
    difficulty: str,
    topic: str | None,
    tags: list[str],
) -> list[Candidate]:
    """One true statement per sentence and false ones with a key fact swapped."""
    text, lang = sentence.text, doc.language
    true = questions.statement(text, topic, lang)
    sal = max((salience(t, doc) for t in terms), default=0.5)
    out = [Candidate("tf", true, "True", text, statement=true, level=0.6, salience=sal, tags=tags)]
    pool = doc.pool()
    for term in terms[:3]:
        if term.kind in ("list", "code") or len(term) > 5:
            continue
        swap = distractors.pick(term, text, pool, difficulty, 1, doc.vectors)
        if not swap:
            continue
        false_sentence = text[: term.start] + swap[0] + text[term.end :]
        false = questions.statement(false_sentence, topic, lang)
        if norm(false) == norm(true):
            continue
        level = {"beginner": 0.8, "advanced": 1.7}.get(difficulty, 1.2)
        out.append(
            Candidate(
                "tf",
                false,
                "False",
                text,
                statement=false,
                swapped=swap[0],
                kind=term.kind,
                level=level,
                salience=salience(term, doc),
                tags=tags,
            )
        )
    return out


def _templates(
    sentence: Sentence, doc: Document, tags: list[str], definitions: bool = True,
    nlp: Language | None = None,
) -> list[Candidate]:
    """Definition, reasoning and subject templates (maths equations, word meanings);
    ``definitions=False`` when the parse already asks the copulas; ``nlp``, the parser an
    English consequence question is checked with (without it none is made)."""
    text, lang = sentence.text, doc.language
    out: list[Candidate] = []
    found = questions.definition(text, lang) if definitions else None
    if found and lang in FULL_TEMPLATES:
        term, meaning = found
        ask = words_for(lang).what_is.format(term=term)
        out.append(
            Candidate("qa", ask, meaning, text, kind="phrase", level=0.0, salience=0.9, tags=tags)
        )
        if lang == "en":
            reverse = f"Which term is defined as {meaning.rstrip('.')}?"
        else:
            reverse = f"¿Qué término se define como {meaning.rstrip('.')}?"
        out.append(
            Candidate("qa", reverse, term, text, kind="phrase", level=0.5, salience=0.85, tags=tags)
        )
    for made, level in ((questions.why_question(text, lang), 2.0),
                        (questions.consequence_question(text, lang, nlp), 1.7)):
        if made and len(made[1].split()) <= 20:
            out.append(
                Candidate(
                    "qa",
                    made[0],
                    made[1],
                    text,
                    kind="phrase",
                    level=level,
                    salience=0.8,
                    tags=[*tags, UNREVIEWED],
                )
            )
    eq = questions.equation(text) if doc.subject == "mathematics" or "=" in text else None
    if eq and re.search(r"[\d\w]", eq[1]):
        lhs, rhs = eq
        ask = f"¿A qué es igual {lhs}?" if lang == "es" else f"What is {lhs} equal to?"
        out.append(
            Candidate("qa", ask, rhs, text, kind="math", level=1.0, salience=0.95,
                      tags=[*tags, UNREVIEWED])
        )
    means = re.search(
        r"[\"“'‘]?(?P<w>[\w\- ]{1,30}?)[\"”'’]?\s+(?:means|significa)\s+[\"“'‘]?"
        r"(?P<m>[^\"”'’.;]{2,60})",
        text,
    )
    if means and doc.subject == "languages":
        word, meaning = means.group("w").strip(), means.group("m").strip()
        ask = f"¿Qué significa «{word}»?" if lang == "es" else f"What does “{word}” mean?"
        out.append(
            Candidate("qa", ask, meaning, text, kind="phrase", level=0.3, salience=0.95,
                      tags=[*tags, UNREVIEWED])
        )
    return out


_CODE_TOKEN = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?|[A-Za-z_]\w*(?=\()|\"[^\"]{1,20}\"|'[^']{1,20}')"
)


def _code_cloze(line: str, tags: list[str]) -> list[Candidate]:
    """Programming: blank one call name or literal in a code line; the rest stays verbatim."""
    out: list[Candidate] = []
    keywords = {"print", "def", "return", "if", "for", "while", "range", "len"}
    for match in list(_CODE_TOKEN.finditer(line))[:3]:
        token = match.group(0)
        if token in keywords and len(out) > 0:
            continue
        question = (
            f"Complete the code: {line[: match.start()]}{questions.BLANK}{line[match.end() :]}"
        )
        out.append(
            Candidate(
                "cloze",
                question,
                token,
                line,
                kind="code",
                level=1.2,
                salience=0.9,
                tags=[*tags, "code"],
            )
        )
    return out
