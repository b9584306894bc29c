"""One request's text made ready for either engine: checked, split, its language, subject,
topic and terms found, and long documents cut down to the sentences worth asking about."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from agents.generation import language as lang
from agents.generation.candidates import Document, salience
from agents.generation.quality import Encoder
from agents.generation.terms import YEAR_DIGITS, document_vocabulary, extract
from agents.generation.text import Sentence, check_text, usable_sentences
from agents.generation.types import GenerationRequest

SUBJECTS = {
    "programming": ("programming", "programación", "code", "software", "computer", "informática"),
    "mathematics": ("math", "mathematics", "matemáticas", "algebra", "calculus", "geometry"),
    "sciences": ("science", "sciences", "ciencias", "biology", "chemistry", "physics", "biología"),
    "history": ("history", "historia", "humanities", "humanidades", "geschichte", "histoire"),
    "languages": ("languages", "language", "idiomas", "lenguas", "vocabulary", "grammar"),
}
_SCIENCE_WORDS = frozenset(
    [
        "cell",
        "cells",
        "energy",
        "molecule",
        "molecules",
        "atom",
        "atoms",
        "species",
        "protein",
        "dna",
        "reaction",
        "force",
        "mass",
        "organism",
        "enzyme",
        "electron",
        "photosynthesis",
        "gravity",
        "célula",
        "energía",
        "molécula",
        "átomo",
    ]
)
SENTENCES_PER_CARD = 6  # long documents: keep this many candidate sentences per requested card
MIN_SENTENCES = 40


def resolve_subject(requested: str | None, text: str, code_lines: int) -> str | None:
    """One of SUBJECTS from the user's free text, else a guess from the text; None if unsure."""
    if requested:
        low = requested.strip().lower()
        for subject, names in SUBJECTS.items():
            if any(low.startswith(n) or n in low for n in names):
                return subject
        return None
    if code_lines >= 2 or len(re.findall(r"`[^`]+`", text)) >= 2:
        return "programming"
    if len(re.findall(r"[=^√∫≤≥]|\b\d+\s*[+\-*/]\s*\d+", text)) >= 3:
        return "mathematics"
    words = re.findall(r"\w+", text.lower())
    if len(re.findall(rf"\b({YEAR_DIGITS})\b", text)) >= 3:
        return "history"
    if words and sum(w in _SCIENCE_WORDS for w in words) / len(words) > 0.01:
        return "sciences"
    return None


def _unique(sents: list[Sentence]) -> list[Sentence]:
    """Drop repeated sentences (running headers and footers of OCR'd pages, pasted twice)."""
    seen: set[str] = set()
    out = []
    for sentence in sents:
        key = " ".join(sentence.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(sentence)
    return out


def prepare(
    request: GenerationRequest, encoder: Encoder | None
) -> tuple[Document, np.ndarray | None, list[str]]:
    """The prepared document, the centroid of its sentences (or None) and notes."""
    notes: list[str] = []
    text = check_text(request.text)
    language = lang.normalise_code(request.language) or lang.detect(text)
    if language not in lang.WORDS:
        notes.append(f"no card templates for language '{language}': English templates used")
    sents = _unique(usable_sentences(text))
    vocab, freq = document_vocabulary([s.text for s in sents])
    terms = {s.index: extract(s.text, language, vocab) for s in sents if s.kind != "code"}
    subject = resolve_subject(request.subject, text, sum(s.kind == "code" for s in sents))
    names = Counter(t.text for ts in terms.values() for t in ts if t.kind == "name")
    top = names.most_common(1)
    topic = top[0][0] if top and top[0][1] >= 2 else None
    doc = Document(sents, terms, language, subject, topic, freq, title=request.title)
    keep = max(MIN_SENTENCES, SENTENCES_PER_CARD * request.num_cards)
    if len(sents) > keep:
        ranked = sorted(
            sents,
            key=lambda s: (
                -sum(salience(t, doc) for t in terms.get(s.index, [])[:4])
                if s.kind != "code"
                else -2.0
            ),
        )
        kept = {s.index for s in ranked[:keep]}
        doc.sentences = [s for s in sents if s.index in kept]
        notes.append(
            f"long text: cards drawn from the {keep} most term-rich of {len(sents)} sentences"
        )
    centroid = None
    if encoder is not None:
        prose = [s.text for s in doc.sentences if s.kind != "code"]
        term_texts = sorted({t.text for s in doc.sentences for t in terms.get(s.index, [])})
        vectors = encoder.encode(prose + term_texts)
        centroid = vectors[: len(prose)].mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        doc.vectors = dict(zip(prose + term_texts, vectors, strict=True))
    return doc, centroid, notes
