"""The events that flow between cardstream's agents.

These pydantic models are the one source of truth for every contract. The Avro schemas in
``schemas/avro/`` are generated from them (``python -m schemas.avro``) and a test fails when the
committed files drift from the models. Every field added later needs a default, so that old
readers and old writers keep working (Avro schema resolution).

Enumerations are strings validated here rather than Avro enums: adding a symbol to an Avro enum
breaks every old reader, adding a value to a validated string does not.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CardType = Literal["qa", "mcq", "cloze", "tf"]
Difficulty = Literal["beginner", "intermediate", "advanced"]
CARD_TYPES: tuple[str, ...] = ("qa", "mcq", "cloze", "tf")
DIFFICULTIES: tuple[str, ...] = ("beginner", "intermediate", "advanced")
FEEDBACK_FLAGS: tuple[str, ...] = ("incorrect", "unclear", "duplicate", "too_easy", "too_hard")


def utcnow() -> datetime:
    # Avro timestamp-millis keeps milliseconds; truncating here makes round trips exact.
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Event(BaseModel):
    """Base of every event: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    topic: ClassVar[str]


class UploadOptions(BaseModel):
    """What the user asked for; travels with the document through every stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    num_cards: int = Field(10, ge=1, le=200, description="How many cards to make.")
    difficulty: Difficulty = Field(
        "intermediate", description="beginner | intermediate | advanced"
    )
    question_types: list[CardType] = Field(
        default_factory=lambda: list(CARD_TYPES),  # type: ignore[arg-type]
        description="Any of qa, mcq, cloze, tf.",
    )
    language: str | None = Field(
        None,
        description="Document language: ISO 639-1 (en, es), Tesseract codes (eng, eng+spa), "
        "or null to detect it.",
    )
    subject: str | None = Field(
        None, description="programming | mathematics | sciences | history | languages | free text"
    )
    min_confidence: float = Field(
        70.0, ge=0, le=100, description="OCR words below this Tesseract confidence are dropped."
    )
    title: str | None = Field(
        None, description="The document's title; null: read from the file name."
    )

    @field_validator("question_types")
    @classmethod
    def _some_types(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("question_types must name at least one type")
        return list(dict.fromkeys(value))


class Upload(Event):
    """A document a user wants flashcards from. Small payloads travel inline, large ones by
    claim-check: the bytes go to the blob store and the event carries their URI."""

    topic: ClassVar[str] = "uploads"

    upload_id: str = Field(description="Unique id chosen by the client; the key on every topic.")
    submitted_at: datetime = Field(default_factory=utcnow, description="When the client sent it.")
    filename: str = Field(description="The original file name.")
    content_type: str = Field(description="MIME type as declared by the client.")
    size_bytes: int = Field(ge=0, description="Size of the document in bytes.")
    sha256: str = Field(description="Hex SHA-256 of the document bytes, checked on read.")
    data: bytes | None = Field(None, description="The document, when small enough to go inline.")
    blob_uri: str | None = Field(None, description="Where the document is, when not inline.")
    options: UploadOptions = Field(default_factory=UploadOptions, description="Card options.")
    user_id: str | None = Field(None, description="Who uploaded it, when known.")

    @model_validator(mode="after")
    def _one_payload(self) -> Upload:
        if (self.data is None) == (self.blob_uri is None):
            raise ValueError("an upload carries exactly one of data or blob_uri")
        return self


# Below this coverage (percent of a page's text read, PageStat.coverage) the client warns on
# the upload that text was lost.
COVERAGE_WARNING = 80.0


class PageStat(BaseModel):
    """How one page was read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page: int = Field(description="1-based page number.")
    source: Literal["ocr", "text-layer", "text"] = Field(description="ocr | text-layer | text")
    avg_confidence: float | None = Field(None, description="Mean confidence of kept words.")
    words_total: int = Field(0, description="Words Tesseract found.")
    words_kept: int = Field(0, description="Words at or above min_confidence.")
    seconds: float = Field(0.0, description="Time spent on this page.")
    coverage: float | None = Field(
        None,
        description="How much of the page's text was read, 0-100: the share of glyph-like ink "
        "inside kept words, or the worst text line's share when whole lines went unread. "
        "None when not OCR or no text was seen.",
    )


class Text(Event):
    """The text of an upload, from OCR, a PDF text layer or the upload itself."""

    topic: ClassVar[str] = "texts"

    upload_id: str = Field(description="The upload this text came from.")
    produced_at: datetime = Field(default_factory=utcnow, description="When the text was made.")
    filename: str = Field(description="The original file name.")
    content_type: str = Field(description="MIME type of the upload.")
    text: str = Field(description="The document's text; empty when it travels by text_uri.")
    language: str = Field(description="Tesseract language(s) used, e.g. eng or eng+spa.")
    source: Literal["ocr", "text-layer", "text", "mixed"] = Field(
        description="ocr | text-layer | text | mixed"
    )
    avg_confidence: float | None = Field(None, description="Mean confidence of kept words.")
    words_total: int = Field(0, description="Words Tesseract found on all pages.")
    words_kept: int = Field(0, description="Words kept after the confidence filter.")
    pages: list[PageStat] = Field(default_factory=list, description="Per-page statistics.")
    coverage: float | None = Field(
        None,
        description="The lowest page coverage of the OCR pages (see PageStat.coverage), 0-100; "
        "below the threshold (80 by default) the client warns that text was lost.",
    )
    processing_ms: float = Field(0.0, description="Time the OCR stage took.")
    options: UploadOptions = Field(default_factory=UploadOptions, description="Card options.")
    submitted_at: datetime | None = Field(None, description="When the upload was sent.")
    text_uri: str | None = Field(
        None, description="Where the text is, when too large to travel inline (claim-check)."
    )
    text_sha256: str | None = Field(None, description="Hex SHA-256 of the UTF-8 text at text_uri.")


class Card(BaseModel):
    """One flashcard. ``card_id`` is derived from the upload and the content, so generating the
    same card again gives the same id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    card_id: str = Field(description="Stable id: a hash of upload id, type and content.")
    type: CardType = Field(description="qa | mcq | cloze | tf")
    question: str = Field(description="The prompt side.")
    answer: str = Field(description="The answer side; for tf, 'True' or 'False'.")
    choices: list[str] = Field(default_factory=list, description="MCQ options, answer among them.")
    difficulty: Difficulty = Field("intermediate", description="The difficulty it was made for.")
    quality_score: float = Field(0.0, ge=0, le=1, description="Overall quality, 0..1.")
    quality: dict[str, float] = Field(default_factory=dict, description="Score per dimension.")
    source_sentence: str | None = Field(None, description="The sentence the card was made from.")
    language: str | None = Field(None, description="ISO 639-1 language of the card.")
    tags: list[str] = Field(default_factory=list, description="Subject and topic tags.")


class Flashcards(Event):
    """The cards made from one upload."""

    topic: ClassVar[str] = "flashcards"

    upload_id: str = Field(description="The upload the cards are for.")
    produced_at: datetime = Field(default_factory=utcnow, description="When the cards were made.")
    filename: str = Field("", description="The original file name.")
    cards: list[Card] = Field(default_factory=list, description="The selected cards.")
    requested: int = Field(0, description="How many cards were asked for.")
    engine: str = Field("rules", description="Which engine made them.")
    model_name: str | None = Field(None, description="The model (registry name) behind them.")
    model_version: str | None = Field(None, description="The model version behind them.")
    language: str | None = Field(None, description="Detected language of the text.")
    subject: str | None = Field(None, description="Subject used for templates.")
    notes: list[str] = Field(default_factory=list, description="Shortfalls and fallbacks.")
    processing_ms: float = Field(0.0, description="Time the generation stage took.")
    submitted_at: datetime | None = Field(None, description="When the upload was sent.")


class Feedback(Event):
    """A user's verdict on one card."""

    topic: ClassVar[str] = "feedback"

    feedback_id: str = Field(description="Unique id of this feedback.")
    card_id: str = Field(description="The card rated.")
    upload_id: str | None = Field(None, description="The upload the card came from.")
    model_name: str | None = Field(None, description="The model that made the card.")
    model_version: str | None = Field(None, description="The model version that made the card.")
    rating: int = Field(description="1 (useless) .. 5 (excellent); range checked by the agent.")
    flags: list[str] = Field(default_factory=list, description="incorrect, unclear, ...")
    corrected_question: str | None = Field(None, description="The user's better question.")
    corrected_answer: str | None = Field(None, description="The user's better answer.")
    user_id: str | None = Field(None, description="Who rated it.")
    submitted_at: datetime = Field(default_factory=utcnow, description="When it was rated.")

    @property
    def quality(self) -> float:
        """The rating mapped onto 0..1 (1 → 0.0, 5 → 1.0)."""
        return (self.rating - 1) / 4


def stars(quality: float) -> float:
    """An internal 0..1 quality back on the 1-5 star scale users rate on."""
    return 1 + 4 * quality


class ModelVersion(Event):
    """One change of the quality scorer, and the audit record of it: who, what, when and why.

    Routing changes (announced, rollout, promoted, rolled_back) and the answers to training
    requests (announced, rejected, failed, insufficient_data) are applied by
    ``agents.rollout.RolloutPolicy.apply``; ``training`` says a training started, and
    ``loaded`` / ``load_failed`` are what a worker reports after acting on an announcement."""

    topic: ClassVar[str] = "model-versions"

    name: str = Field(description="Registered model name.")
    version: str = Field(description="Registry version ('-' when no version was made).")
    run_id: str | None = Field(None, description="The MLflow run that trained it.")
    uri: str = Field(description="Where to load it from, e.g. models:/name/3.")
    action: Literal[
        "announced", "rollout", "promoted", "rolled_back", "rejected", "failed",
        "insufficient_data", "training", "loaded", "load_failed",
    ] = Field(
        "announced",
        description="announced | rollout | promoted | rolled_back | rejected | failed | "
        "insufficient_data | training | loaded | load_failed",
    )
    alias: str | None = Field(None, description="champion | challenger")
    rollout_percent: int = Field(0, ge=0, le=100, description="Share of uploads it serves.")
    metrics: dict[str, float] = Field(default_factory=dict, description="Validation metrics.")
    reason: str = Field("", description="Why this happened.")
    announced_at: datetime = Field(default_factory=utcnow, description="When it happened.")
    actor: str = Field(
        "system",
        description="Who made the change: cli:<user>@<host>, rollout (a worker's live "
        "decision), retrainer, worker:<host>:<pid>.",
    )
    request_id: str | None = Field(
        None, description="The retrain request this answers or belongs to, when any."
    )
    champion: str | None = Field(
        None, description="The champion serving after this change (baseline: the heuristic)."
    )


class RetrainRequest(Event):
    """Why a training was asked for."""

    topic: ClassVar[str] = "retrain-requests"

    request_id: str = Field(description="Unique id of the request.")
    trigger: Literal["threshold", "schedule", "manual"] = Field(
        description="threshold | schedule | manual"
    )
    reason: str = Field(description="Human-readable cause.")
    feedback_count: int = Field(0, description="Feedback since the last training.")
    mean_quality: float | None = Field(None, description="Their mean quality, 0..1.")
    model_version: str | None = Field(None, description="The version the feedback was about.")
    requested_at: datetime = Field(default_factory=utcnow, description="When it was asked for.")


class DeadLetter(Event):
    """An event that could not be processed, with the reason and its original bytes."""

    topic: ClassVar[str] = "dead-letters"

    stage: str = Field(description="decode | ocr | generate | feedback | ...")
    reason: str = Field(description="One clear line saying what was wrong.")
    error_type: str = Field(description="The exception class.")
    source_topic: str = Field(description="Where the event came from.")
    source_partition: int = Field(-1, description="Its partition.")
    source_offset: int = Field(-1, description="Its offset.")
    upload_id: str | None = Field(None, description="The upload concerned, when known.")
    card_id: str | None = Field(None, description="The card concerned, when known.")
    original_key: bytes | None = Field(None, description="The original message key.")
    original: bytes = Field(description="The original message value, byte for byte.")
    failed_at: datetime = Field(default_factory=utcnow, description="When it failed.")


EVENT_TYPES: tuple[type[Event], ...] = (
    Upload,
    Text,
    Flashcards,
    Feedback,
    ModelVersion,
    RetrainRequest,
    DeadLetter,
)
