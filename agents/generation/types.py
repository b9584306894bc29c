"""The engine's contracts: what a caller asks for, what it gets back, and the two ports.

``CardEngine`` is what the Faust agent and the CLI call; ``CardRater`` is the learned scorer,
fine-tuned on user ratings elsewhere, that an engine may consult to re-rank its candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from schemas.events import Card

# why a deck is empty, in words its user can act on: the one thing they get from an upload
# that made nothing ("only 0 of 8 cards: the text does not support more" said no why). Of the
# 38 seen passages that gave no card (before quality.LAST_RESORT_STEM), 17 made no card at all
# (lists of names, quotations, sentences of 30+ words, sentences on 'you' / 'we'), 21 only
# cards of kinds reviewers discard (overlong questions or statements, a card that needs the
# text around it, P(keep) under its floor)
NO_SENTENCE = ("no sentence of this text states a fact that a card can ask on its own: lists "
               "of names, quotations, sentences of more than about 30 words, and sentences that "
               "lean on 'you', 'we' or the sentences before them give no card; plain sentences "
               "that each state one fact work best")
ONLY_DISCARDED = ("every card this text allowed was of a kind students discard: too long, "
                  "unclear without the text around it, or too weak to learn from; plain "
                  "sentences that each state one fact work best")


@dataclass(frozen=True)
class GenerationRequest:
    """One upload's text and the options the user chose."""

    text: str
    upload_id: str
    num_cards: int = 10
    difficulty: str = "intermediate"
    question_types: tuple[str, ...] = ("qa", "mcq", "cloze", "tf")
    language: str | None = None  # ISO 639-1, a Tesseract code (eng, eng+spa) or None to detect
    subject: str | None = None
    # the document's title (the user's, else its file name's: titles.document_title), which
    # names what the page leaves unnamed ('the constitution' on 'Constitution of Kenya')
    title: str | None = None


@dataclass(frozen=True)
class GenerationResult:
    """The selected cards and every shortfall or fallback, in plain words, in ``notes``."""

    cards: list[Card]
    language: str
    engine: str
    notes: list[str] = field(default_factory=list)
    model_name: str | None = None
    model_version: str | None = None


@dataclass(frozen=True)
class LlmSettings:
    """Generation settings of the transformers engine."""

    max_length: int = 512  # prompt tokens; longer prompts are truncated
    temperature: float = 0.7  # 0 means greedy decoding
    top_p: float = 0.9
    num_beams: int = 1
    batch_size: int = 4
    max_new_tokens: int = 64


class CardRater(Protocol):
    """A learned scorer: predicted user quality 0..1 of each card given its source text."""

    name: str
    version: str

    def predict(self, sources: list[str], cards: list[Card]) -> list[float]: ...


class CardEngine(Protocol):
    """Anything that turns a request into cards."""

    name: str

    def generate(
        self, request: GenerationRequest, rater: CardRater | None = None
    ) -> GenerationResult: ...
