"""Prompts for a generative model and parsing of what it writes back.

One prompt per (sentence, card type). The model is asked for "Q: … A: …"; parsing also accepts
JSON lines ({"question": …, "answer": …}) and "Question: … Answer: …", and skips whatever else
it wrote. The retrainer fine-tunes generators on exactly these prompts (see ``tiny.py``).
"""

from __future__ import annotations

import json
import re

INSTRUCTIONS = {
    "qa": "Write one {difficulty} question about the text and its short answer.",
    "mcq": "Write one {difficulty} multiple-choice question about the text and its correct answer.",
    "cloze": "Copy the text with one key term replaced by _____ and give the term.",
}
DIFFICULTY_HINTS = {
    "beginner": "Ask for a definition, a name or a date.",
    "intermediate": "Ask how two things in the text are related.",
    "advanced": "Ask why or how, or ask for a comparison.",
}
SUBJECT_HINTS = {
    "programming": "Keep code exactly as written.",
    "mathematics": "Keep formulas exactly as written.",
    "sciences": "Prefer processes and definitions.",
    "history": "Prefer people, places and dates.",
    "languages": "Prefer meanings and usage.",
}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "de": "German", "fr": "French",
                  "pt": "Portuguese", "it": "Italian"}  # fmt: skip


def build_prompt(
    sentence: str, card_type: str, difficulty: str, subject: str | None, language: str
) -> str:
    """The prompt for one card; it ends with 'Q:' so a causal model continues the card."""
    parts = [
        INSTRUCTIONS.get(card_type, INSTRUCTIONS["qa"]).format(difficulty=difficulty),
        DIFFICULTY_HINTS.get(difficulty, ""),
        SUBJECT_HINTS.get(subject or "", ""),
        f"Write in {LANGUAGE_NAMES.get(language, 'English')}.",
    ]
    instruction = " ".join(p for p in parts if p)
    return f"{instruction}\nText: {sentence}\nQ:"


def target_text(question: str, answer: str) -> str:
    """What a model should write after the prompt (used to fine-tune generators)."""
    return f" {question} A: {answer}"


_QA = re.compile(
    r"(?:^|(?<=\s))(?:Q|Question|Pregunta)\s*[:：]\s*(?P<q>.+?)\s*(?:A|Answer|Respuesta)\s*[:：]\s*"
    r"(?P<a>.+?)\s*(?=(?:\n|\s)(?:Q|Question|Pregunta)\s*[:：]|\n\n|$)",
    re.DOTALL,
)


def parse(text: str, prompt_ends_with_q: bool = True) -> list[tuple[str, str]]:
    """Every (question, answer) pair found in a model's output; junk is skipped."""
    text = text.replace("\r", "")
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(item, dict):
                q = item.get("question") or item.get("q")
                a = item.get("answer") or item.get("a")
                if isinstance(q, str) and isinstance(a, (str, int, float)):
                    found.append((q, str(a)))
    if prompt_ends_with_q and not re.match(r"\s*(Q|Question)\s*:", text):
        text = "Q: " + text  # the prompt ended with "Q:", so the output starts mid-card
    for match in _QA.finditer(text):
        found.append((match.group("q"), match.group("a")))
    return [pair for pair in (_clean(q, a) for q, a in found) if pair]


def _clean(question: str, answer: str) -> tuple[str, str] | None:
    question = re.sub(r"\s+", " ", question).strip(" \"'")
    answer = re.sub(r"\s+", " ", answer.split("\n")[0]).strip(" \"'")
    answer = re.split(r"(?:^|\s)(?:Q|A|Question|Answer)\s*:", answer)[0].rstrip(" .")
    if len(question.split()) < 3 or not answer or len(answer.split()) > 30:
        return None
    if not re.search(r"\w", question) or not re.search(r"\w", answer):
        return None
    return question, answer
