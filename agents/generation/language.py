"""Which language a text is in, and the words a card needs in it.

Detection counts stop words: crude but dependable on a paragraph, needs no model, and is the
same on every machine. English and Spanish have full question templates; German, French,
Portuguese and Italian get localised question words and prompts, and any other language falls
back to English templates (cloze and true/false cards need little language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "was",
            "that",
            "for",
            "it",
            "with",
            "as",
            "on",
            "by",
            "are",
            "this",
            "be",
            "from",
            "at",
            "or",
            "an",
            "which",
            "were",
            "have",
            "has",
            "had",
            "not",
            "but",
            "they",
            "their",
            "its",
            "also",
            "been",
            "can",
            "when",
            "who",
            "into",
            "than",
            "these",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "que",
            "es",
            "por",
            "con",
            "para",
            "una",
            "un",
            "se",
            "su",
            "sus",
            "al",
            "lo",
            "como",
            "más",
            "pero",
            "fue",
            "son",
            "está",
            "este",
            "esta",
            "entre",
            "cuando",
            "también",
            "hasta",
            "desde",
            "muy",
            "sobre",
            "sin",
            "ser",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "mit",
            "von",
            "zu",
            "den",
            "dem",
            "des",
            "auf",
            "für",
            "sich",
            "im",
            "als",
            "auch",
            "wird",
            "wurde",
            "werden",
            "sind",
            "bei",
            "nach",
            "aus",
            "oder",
            "wie",
            "über",
            "durch",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "est",
            "des",
            "du",
            "une",
            "un",
            "dans",
            "que",
            "qui",
            "pour",
            "pas",
            "sur",
            "par",
            "avec",
            "au",
            "aux",
            "ce",
            "cette",
            "sont",
            "été",
            "plus",
            "mais",
            "ou",
            "il",
            "elle",
            "ils",
            "leur",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "de",
            "do",
            "da",
            "dos",
            "das",
            "e",
            "em",
            "um",
            "uma",
            "que",
            "é",
            "para",
            "com",
            "não",
            "por",
            "se",
            "na",
            "no",
            "nas",
            "nos",
            "mais",
            "foi",
            "são",
            "como",
            "mas",
            "ao",
            "ou",
            "pela",
            "pelo",
            "também",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "i",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "dei",
            "e",
            "è",
            "in",
            "un",
            "una",
            "che",
            "per",
            "con",
            "non",
            "si",
            "nel",
            "nella",
            "sono",
            "al",
            "alla",
            "anche",
            "come",
            "più",
            "ma",
            "ha",
            "da",
            "dal",
        ]
    ),
}



@dataclass(frozen=True)
class Words:
    """The words of one language a card template needs."""

    who: str
    what: str
    when: str
    how_many: str
    which_year: str
    what_is: str  # "What is {term}?"
    why: str  # "Why {clause}?"
    true_false: str  # prefix of a true/false statement
    complete: str  # prefix of a fill-in-the-blank question
    define: str = ""  # "{term}: definition?" when a language has no what_is
    open_q: str = "?"
    close_q: str = "?"
    determiners: frozenset[str] = field(default_factory=frozenset)


WORDS: dict[str, Words] = {
    "en": Words(
        "who",
        "what",
        "when",
        "how many",
        "in which year",
        "What is {term}?",
        "Why {clause}?",
        "True or false: ",
        "Fill in the blank: ",
        "",
        "",
        "?",
        frozenset(
            [
                "the",
                "a",
                "an",
                "his",
                "her",
                "their",
                "its",
                "this",
                "that",
                "these",
                "those",
                "our",
                "your",
            ]
        ),
    ),
    "es": Words(
        "quién",
        "qué",
        "cuándo",
        "cuántos",
        "en qué año",
        "¿Qué es {term}?",
        "¿Por qué {clause}?",
        "¿Verdadero o falso? ",
        "Completa: ",
        "",
        "¿",
        "?",
        frozenset(
            [
                "el",
                "la",
                "los",
                "las",
                "un",
                "una",
                "unos",
                "unas",
                "su",
                "sus",
                "este",
                "esta",
                "estos",
                "estas",
            ]
        ),
    ),
    "de": Words(
        "wer",
        "was",
        "wann",
        "wie viele",
        "in welchem Jahr",
        "Was ist {term}?",
        "Warum {clause}?",
        "Richtig oder falsch: ",
        "Ergänzen Sie: ",
        "",
        "",
        "?",
        frozenset(["der", "die", "das", "ein", "eine", "einen", "dem", "den", "des"]),
    ),
    "fr": Words(
        "qui",
        "quoi",
        "quand",
        "combien",
        "en quelle année",
        "Qu'est-ce que {term} ?",
        "Pourquoi {clause} ?",
        "Vrai ou faux : ",
        "Complétez : ",
        "",
        "",
        " ?",
        frozenset(["le", "la", "les", "un", "une", "des", "du", "son", "sa", "ses", "ce", "cette"]),
    ),
    "pt": Words(
        "quem",
        "o quê",
        "quando",
        "quantos",
        "em que ano",
        "O que é {term}?",
        "Por que {clause}?",
        "Verdadeiro ou falso: ",
        "Complete: ",
        "",
        "",
        "?",
        frozenset(["o", "a", "os", "as", "um", "uma", "uns", "umas", "seu", "sua"]),
    ),
    "it": Words(
        "chi",
        "che cosa",
        "quando",
        "quanti",
        "in che anno",
        "Che cos'è {term}?",
        "Perché {clause}?",
        "Vero o falso: ",
        "Completa: ",
        "",
        "",
        "?",
        frozenset(["il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "suo", "sua"]),
    ),
}

# languages whose question words are trusted inside a transformed sentence
FULL_TEMPLATES = frozenset({"en", "es"})


def normalise_code(language: str | None) -> str | None:
    """'eng+spa' → 'en', 'ES' → 'es', None → None; unknown codes pass through lowercased."""
    if not language:
        return None
    from schemas.languages import to_iso1

    first = language.strip().lower().split("+")[0].replace("-", "_")
    found = to_iso1(first)
    if found:
        return found
    return first.split("_")[0] if len(first) >= 2 else None


def detect(text: str) -> str:
    """The ISO 639-1 code of the most likely language; 'en' when nothing stands out."""
    tokens = re.findall(r"[^\W\d_]+", text[:20_000].lower())
    if not tokens:
        return "en"
    scores = {lang: sum(t in words for t in tokens) for lang, words in STOP_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= max(2, 0.05 * len(tokens)) else "en"


def words_for(language: str) -> Words:
    return WORDS.get(language, WORDS["en"])


def stop_words(language: str) -> frozenset[str]:
    return STOP_WORDS.get(language, STOP_WORDS["en"]) | STOP_WORDS["en"]
