"""From feedback records to a clean, aggregated, leakage-free training and validation set.

Cleaning, in order, each drop counted under its reason (counts are of records):

* ``out_of_range`` - a rating that is not an integer 1..5;
* ``empty`` - no question, answer or source text to learn from;
* ``duplicate`` - a feedback id seen before (Kafka delivers at least once), or a second rating
  of the same card by the same user (the later one replaces the earlier);
* ``contradictory`` - a card with at least ``contradiction_min_ratings`` ratings of which at
  least ``contradiction_share`` are low (<= 2) *and* at least as many are high (>= 4): users
  disagree about it, and the mean of a split vote teaches the model nothing but noise.

Ratings of one card are averaged; a card is identified by its content (type, question, answer,
source), so the same card made from two uploads of one document is one example. A correction
becomes an extra example rated ``correction_rating``, in the same split as the card it fixes.

The split is by upload (or by source text when the upload is unknown): every card of a document
lands on the same side, and a document's side is a stable hash, so it does not move between
retrainings and a champion is never validated on documents it was trained on.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from retrainer.exceptions import DataError
from schemas.events import Card, Feedback

REASONS = ("out_of_range", "empty", "duplicate", "contradictory")


@dataclass(frozen=True)
class TrainingExample:
    """One user's rating of one card, with the text the card was made from."""

    source: str
    card: Card
    rating: int
    corrected_question: str | None = None
    corrected_answer: str | None = None
    model_version: str | None = None
    feedback_id: str | None = None
    upload_id: str | None = None
    user_id: str | None = None

    @classmethod
    def from_feedback(cls, feedback: Feedback, card: Card, source: str) -> TrainingExample:
        return cls(
            source=source, card=card, rating=feedback.rating,
            corrected_question=feedback.corrected_question,
            corrected_answer=feedback.corrected_answer, model_version=feedback.model_version,
            feedback_id=feedback.feedback_id, upload_id=feedback.upload_id,
            user_id=feedback.user_id,
        )


@dataclass(frozen=True)
class DataConfig:
    validation_fraction: float = 0.2
    contradiction_min_ratings: int = 4
    contradiction_share: float = 0.3
    correction_rating: int = 5  # a user's own fix is what they wanted to see
    min_train: int = 16
    min_validation: int = 8


@dataclass(frozen=True)
class Item:
    """One training example after aggregation."""

    key: str  # content hash: the example id in lineage artifacts
    source: str
    card: Card
    rating: float  # mean of its ratings, 1..5
    n_ratings: int
    group: str  # the split unit: upload id, or a hash of the source
    corrected: bool = False
    card_ids: tuple[str, ...] = ()
    feedback_ids: tuple[str, ...] = ()

    @property
    def quality(self) -> float:
        return (self.rating - 1) / 4


@dataclass(frozen=True)
class DataStats:
    records: int
    kept: int
    cards: int
    corrections: int
    train: int
    validation: int
    train_groups: int
    validation_groups: int
    mean_rating: float
    rating_histogram: dict[int, int]
    dropped: dict[str, int]
    by_model_version: dict[str, int]
    data_hash: str

    def as_metrics(self) -> dict[str, float]:
        metrics = {
            f"data_{name}": float(getattr(self, name))
            for name in ("records", "kept", "cards", "corrections", "train", "validation",
                         "train_groups", "validation_groups", "mean_rating")
        }
        metrics |= {f"data_rating_{r}": float(n) for r, n in self.rating_histogram.items()}
        metrics |= {f"data_dropped_{reason}": float(n) for reason, n in self.dropped.items()}
        return metrics


@dataclass(frozen=True)
class TrainingSet:
    train: list[Item]
    validation: list[Item]
    stats: DataStats
    lineage: dict[str, Any] = field(default_factory=dict)


def build_dataset(examples: list[TrainingExample], config: DataConfig | None = None) -> TrainingSet:
    config = config or DataConfig()
    dropped = dict.fromkeys(REASONS, 0)
    latest: dict[tuple[str, str], TrainingExample] = {}
    seen_feedback: set[str] = set()
    for index, example in enumerate(examples):
        rating = example.rating
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            dropped["out_of_range"] += 1
            continue
        source = _source(example)
        if not (example.card.question.strip() and example.card.answer.strip() and source):
            dropped["empty"] += 1
            continue
        if example.feedback_id is not None:
            if example.feedback_id in seen_feedback:
                dropped["duplicate"] += 1
                continue
            seen_feedback.add(example.feedback_id)
        who = example.user_id or f"anonymous-{index}"  # anonymous ratings are never duplicates
        slot = (who, _content_key(example.card, source))
        if slot in latest:
            dropped["duplicate"] += 1
        latest[slot] = example
    kept = list(latest.values())

    by_card: dict[str, list[TrainingExample]] = {}
    for example in kept:
        by_card.setdefault(_content_key(example.card, _source(example)), []).append(example)
    items: dict[str, Item] = {}
    for key, ratings in by_card.items():
        values = [example.rating for example in ratings]
        if _contradictory(values, config):
            dropped["contradictory"] += len(values)
            continue
        items[key] = _item(key, ratings, [float(v) for v in values])
    corrections = _corrections(by_card, items, config)
    survivors = [e for key, group in by_card.items() if key in items for e in group]

    train, validation = _split(list(items.values()) + corrections, config)
    if len(train) < config.min_train or len(validation) < config.min_validation:
        raise DataError(
            f"too little clean data: {len(train)} train / {len(validation)} validation examples "
            f"(need {config.min_train} / {config.min_validation}); dropped {dropped}"
        )
    histogram = Counter(example.rating for example in survivors)
    everything = train + validation
    stats = DataStats(
        records=len(examples), kept=len(survivors), cards=len(items), corrections=len(corrections),
        train=len(train), validation=len(validation),
        train_groups=len({item.group for item in train}),
        validation_groups=len({item.group for item in validation}),
        mean_rating=sum(item.rating for item in everything) / len(everything),
        rating_histogram={r: histogram.get(r, 0) for r in range(1, 6)}, dropped=dropped,
        by_model_version=dict(Counter(e.model_version or "none" for e in survivors)),
        data_hash=_data_hash(everything),
    )
    lineage = {
        "data_hash": stats.data_hash,
        "train": [_lineage(item) for item in train],
        "validation": [_lineage(item) for item in validation],
    }
    return TrainingSet(train=train, validation=validation, stats=stats, lineage=lineage)


def _source(example: TrainingExample) -> str:
    return (example.source or example.card.source_sentence or "").strip()


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _content_key(card: Card, source: str) -> str:
    text = "\x1f".join((card.type, _norm(card.question), _norm(card.answer), _norm(source)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _group(example: TrainingExample, source: str) -> str:
    if example.upload_id:
        return f"upload:{example.upload_id}"
    return "source:" + hashlib.sha256(_norm(source).encode("utf-8")).hexdigest()[:20]


def _contradictory(values: list[int], config: DataConfig) -> bool:
    if len(values) < config.contradiction_min_ratings:
        return False
    low = sum(v <= 2 for v in values) / len(values)
    high = sum(v >= 4 for v in values) / len(values)
    return low >= config.contradiction_share and high >= config.contradiction_share


def _item(key: str, examples: list[TrainingExample], values: list[float],
          card: Card | None = None, corrected: bool = False) -> Item:
    first = examples[0]
    source = _source(first)
    return Item(
        key=key, source=source, card=card or first.card, rating=sum(values) / len(values),
        n_ratings=len(values), group=_group(first, source), corrected=corrected,
        card_ids=tuple(sorted({e.card.card_id for e in examples})),
        feedback_ids=tuple(sorted(e.feedback_id for e in examples if e.feedback_id)),
    )


def _corrections(by_card: dict[str, list[TrainingExample]], items: dict[str, Item],
                 config: DataConfig) -> list[Item]:
    """A fixed card per distinct correction, only of cards that survived cleaning."""
    fixed: dict[str, tuple[Card, list[TrainingExample]]] = {}
    for key, examples in by_card.items():
        if key not in items:
            continue
        for example in examples:
            question = (example.corrected_question or "").strip() or example.card.question
            answer = (example.corrected_answer or "").strip() or example.card.answer
            if (question, answer) == (example.card.question, example.card.answer):
                continue
            card = example.card.model_copy(update={"question": question, "answer": answer})
            fixed_key = _content_key(card, _source(example))
            if fixed_key in items:
                continue  # the correction is a card we already have ratings for
            fixed.setdefault(fixed_key, (card, []))[1].append(example)
    return [
        _item(key, examples, [float(config.correction_rating)] * len(examples), card, True)
        for key, (card, examples) in fixed.items()
    ]


def _split(items: list[Item], config: DataConfig) -> tuple[list[Item], list[Item]]:
    groups = sorted({item.group for item in items}, key=_bucket)
    cut = config.validation_fraction * 100
    held_out = {group for group in groups if _bucket(group) < cut}
    if len(groups) >= 2 and (not held_out or len(held_out) == len(groups)):
        # too few documents for the hash to split them: hold out the lowest buckets instead
        held_out = set(groups[: max(1, math.ceil(config.validation_fraction * len(groups)))])
    train = [item for item in items if item.group not in held_out]
    validation = [item for item in items if item.group in held_out]
    return train, validation


def _bucket(group: str) -> float:
    digest = hashlib.sha256(group.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 10_000 / 100


def _data_hash(items: list[Item]) -> str:
    rows = sorted(
        (item.key, item.group, item.source, item.card.model_dump_json(), item.rating)
        for item in items
    )
    return hashlib.sha256(json.dumps(rows).encode("utf-8")).hexdigest()


def _lineage(item: Item) -> dict[str, Any]:
    return {
        "id": item.key, "group": item.group, "rating": item.rating, "n_ratings": item.n_ratings,
        "corrected": item.corrected, "card_ids": list(item.card_ids),
        "feedback_ids": list(item.feedback_ids),
    }
