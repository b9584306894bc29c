"""Surface features of a card: what the encoder cannot see, given to the scorer beside it.

all-MiniLM-L6-v2 lowercases its input and mean-pools its tokens, so it is blind to case (names)
and only roughly aware of length, yet an answer's length, whether it is a name or a number,
whether the source holds it verbatim and whether the question gives it away are much of what
makes a card good. They are cheap to compute and the same at training and serving time, so the
scorer gets them as numbers: a "wide" linear path over them starts at the ridge-regression fit
to the ratings (``QualityModel.fit_wide``) and the deep head learns what they miss.

The generator's heuristic scores (``Card.quality``) are features too: the learned score then
starts from what the heuristic knows and learns how much each part of it matters to the users.

Every feature lies in 0..1 and the list is versioned: a saved scorer names its feature set, and
changing a feature means a new ``FEATURE_SET``.
"""

from __future__ import annotations

import math
import re

import torch

from agents.generation.language import stop_words
from schemas.events import Card

FEATURE_SET = "card-surface/1"
CARD_TYPES = ("qa", "mcq", "cloze", "tf")
HEURISTIC_DIMS = (
    "clarity",
    "relevance",
    "difficulty",
    "completeness",
    "answerability",
    "consistency",
)
LENGTH_BUCKETS = ((1, 1), (2, 2), (3, 3), (4, 6), (7, 10_000))  # answer words, inclusive
NAMES = (
    *(f"type_{t}" for t in CARD_TYPES),
    *(f"answer_words_{lo}_{hi if hi < 10_000 else 'more'}" for lo, hi in LENGTH_BUCKETS),
    "answer_words_log",
    "question_words_log",
    "answer_capitalised_share",
    "answer_has_digit",
    "answer_in_source",
    "answer_in_question_share",
    "answer_stop_word_share",
    "choices",
    "heuristic",
    *(f"heuristic_{dim}" for dim in HEURISTIC_DIMS),
)
_WORD = re.compile(r"\w[\w'\-]*")


def card_features(source: str, card: Card) -> list[float]:
    """The card's features in ``NAMES`` order."""
    answer = _WORD.findall(card.answer)
    question_words = _WORD.findall(card.question)
    question = {w.lower() for w in question_words}
    stops = stop_words(card.language or "en")
    content = [w.lower() for w in answer if w.lower() not in stops]
    text = (source or card.source_sentence or "").lower()
    n = len(answer)
    heuristic = card.quality.get("heuristic", card.quality_score)
    return [
        *(float(card.type == t) for t in CARD_TYPES),
        *(float(lo <= n <= hi) for lo, hi in LENGTH_BUCKETS),
        min(1.0, math.log1p(n) / math.log1p(20)),
        min(1.0, math.log1p(len(question_words)) / math.log1p(60)),
        sum(w[:1].isupper() for w in answer) / n if n else 0.0,
        float(any(ch.isdigit() for ch in card.answer)),
        float(bool(card.answer.strip()) and card.answer.strip().lower() in text),
        sum(w in question for w in content) / len(content) if content else 1.0,
        (n - len(content)) / n if n else 1.0,
        min(1.0, len(card.choices) / 5),
        float(heuristic),
        *(float(card.quality.get(dim, 0.0)) for dim in HEURISTIC_DIMS),
    ]


def feature_matrix(sources: list[str], cards: list[Card]) -> torch.Tensor:
    if len(sources) != len(cards):
        raise ValueError(f"{len(sources)} sources for {len(cards)} cards")
    rows = [card_features(source, card) for source, card in zip(sources, cards, strict=True)]
    return torch.tensor(rows, dtype=torch.float32).reshape(len(rows), len(NAMES))
