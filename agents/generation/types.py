"""The engine's contracts: what a caller asks for, what it gets back, and the two ports.

``CardEngine`` is what the Faust agent and the CLI call; ``CardRater`` is the learned scorer,
fine-tuned on user ratings elsewhere, that an engine may consult to re-rank its candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from schemas.events import Card


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
