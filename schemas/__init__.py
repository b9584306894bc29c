"""Event contracts: pydantic models (the source of truth) and the Avro schemas derived from them."""

from schemas.events import (
    EVENT_TYPES,
    Card,
    DeadLetter,
    Feedback,
    Flashcards,
    ModelVersion,
    PageStat,
    RetrainRequest,
    Text,
    Upload,
    UploadOptions,
)

__all__ = [
    "EVENT_TYPES",
    "Card",
    "DeadLetter",
    "Feedback",
    "Flashcards",
    "ModelVersion",
    "PageStat",
    "RetrainRequest",
    "Text",
    "Upload",
    "UploadOptions",
]
