"""Answer-aware mode: the question for each answer a user (or a benchmark) highlights.

``cards_for_answers(text, answers, language=None, card_type="qa")`` returns one card per
answer, in the order given, each card's ``answer`` exactly the text given. The question is
built from the parse of the sentence that holds the answer (asking.ask); when no clause-level
question can be made, a definitional or fill-in-the-blank question is made instead, so that
every answer gets a card. An answer that is not in the text is an InputError.

This is the engine API the answer-aware benchmark (bench/question_generation.py) and the
``cardstream generate --answer`` option call.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from agents.exceptions import InputError
from agents.generation import language as lang
from agents.generation.cards import card_id
from agents.generation.clauses import clauses
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
from agents.generation.phrasing import best, candidates, in_window
from agents.generation.reference import Resolver
from agents.generation.spans import as_group, as_person, locate, names_used, people_named
from agents.generation.text import check_text
from schemas.events import Card

BLANK = "_____"


def question_for_answer(
    text: str,
    answer: str,
    language: str = "en",
    pipelines: tuple[str, ...] = DEFAULT_PIPELINES,
) -> tuple[str, str]:
    """(question, source sentence) for one answer in ``text``; see ``cards_for_answers``."""
    return _questions(text, [answer], language, pipelines)[0]


def _questions(
    text: str, answers: list[str], language: str, pipelines: tuple[str, ...]
) -> list[tuple[str, str]]:
    nlp = pipeline(language, pipelines)
    if nlp is None:
        return [_cloze_only(text, a) for a in answers]
    doc = nlp(text)
    sents = list(doc.sents)
    # a bare name the page shows to be a person ("Baron Dieskau", "Braddock … his aides") is
    # asked with "who", as in the default path
    people, names = people_named(sents), names_used(sents)
    out: list[tuple[str, str]] = []
    for answer in answers:
        at = _find(text, answer)
        sent_no = next((n for n, s in enumerate(sents) if s.start_char <= at < s.end_char), 0)
        sent = doc[sents[sent_no].start : sents[sent_no].end]
        resolver = Resolver(lenient=True)
        for prev in sents[max(0, sent_no - 3) : sent_no]:
            resolver.push(prev)
        found = locate(sent, answer)
        found = as_group(as_person(found, sent, people), sent, names) if found is not None \
            else None
        phrasings = candidates(sent, found, answer, resolver) if found is not None else []
        windows = []
        for part in clauses(sent, resolver, nlp):
            # the clause that holds the answer asks it in fewer words ('When was the prime
            # number theorem proven?' rather than the whole 45-word sentence's question)
            in_part = locate(part, answer)
            if in_part is not None:
                in_part = as_group(as_person(in_part, part, people), part, names)
                phrasings += candidates(part, in_part, answer, resolver)
                windows.append((part, in_part))
        question = best(phrasings, nlp)
        if found is not None:
            windows.append((sent, found))
        for where, span in windows:  # the last resort, in the clause before the sentence
            question = question or in_window(where, span, resolver)
        out.append((question or _window_cloze(sent, answer), sent.text.strip()))
    return out


def _find(text: str, answer: str) -> int:
    at = text.find(answer)
    if at < 0:
        at = text.lower().find(answer.lower())
    if at < 0:
        raise InputError(f"answer {answer!r} does not occur in the text")
    return at


def _window_cloze(sent: Span, answer: str) -> str:
    """A blank in the clause around the answer: the part of the sentence between the clause
    punctuation before and after it, without asides in brackets (at least 8 words)."""
    text = re.sub(r"\s*\([^()]*\)", "", sent.text).strip()
    at = text.find(answer)
    if at < 0:
        return _cloze(sent.text, answer)
    before, after = text[:at], text[at + len(answer) :]
    left = re.split(r"(?<=[,;:—])\s+", before)
    right = re.split(r"(?<=[,;:—])\s+|(?=[,;:—])", after)
    lo, hi = len(left) - 1, 1
    window = " ".join(left[lo:]) + BLANK + "".join(right[:hi])
    while len(window.split()) < 8 and (lo > 0 or hi < len(right)):
        lo, hi = max(0, lo - 1), min(len(right), hi + 1)
        window = " ".join(left[lo:]) + BLANK + " ".join(right[:hi])
    window = window.strip(" ,;:—.")
    return window[:1].upper() + window[1:] + "."


def _cloze(sentence: str, answer: str) -> str:
    at = sentence.find(answer)
    if at < 0:
        at = sentence.lower().find(answer.lower())
    if at < 0:
        return f"{sentence.strip()} ({BLANK})"
    return (sentence[:at] + BLANK + sentence[at + len(answer) :]).strip()


def _cloze_only(text: str, answer: str) -> tuple[str, str]:
    at = _find(text, answer)
    starts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)]
    start = max(s for s in starts if s <= at)
    end_match = re.search(r"[.!?](\s|$)", text[at + len(answer) :])
    end = at + len(answer) + (end_match.end() if end_match else len(text))
    sentence = text[start:end].strip()
    return _cloze(sentence, answer), sentence


def cards_for_answers(
    text: str,
    answers: list[str],
    language: str | None = None,
    card_type: str = "qa",
    upload_id: str = "answers",
    pipelines: tuple[str, ...] = DEFAULT_PIPELINES,
) -> list[Card]:
    """One card per answer, in order, each card's ``answer`` exactly that text.

    ``language`` is ISO 639-1 (or a Tesseract code); None detects it. ``card_type`` "qa"
    (default) or "cloze". Raises InputError for an answer that is not in the text."""
    text = check_text(text)
    if not answers:
        raise InputError("give at least one answer")
    if card_type not in ("qa", "cloze"):
        raise InputError(f"answer-aware cards are qa or cloze, not {card_type!r}")
    code = lang.normalise_code(language) or lang.detect(text)
    for answer in answers:
        _find(text, answer)
    if card_type == "cloze":
        made = [_cloze_only(text, a) for a in answers]
    else:
        made = _questions(text, answers, code, pipelines)
    return [
        Card(
            card_id=card_id(upload_id, card_type, question, answer),
            type=card_type,
            question=question,
            answer=answer,
            choices=[],
            difficulty="intermediate",
            quality_score=1.0 if BLANK not in question or card_type == "cloze" else 0.5,
            quality={},
            source_sentence=source,
            language=code,
            tags=[card_type, "answer-aware"],
        )
        for answer, (question, source) in zip(answers, made, strict=True)
    ]
