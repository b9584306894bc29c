"""Cleaning, aggregation and splitting of feedback into a training set: values only."""

from __future__ import annotations

import pytest

from retrainer.dataset import DataConfig, TrainingExample, build_dataset
from retrainer.exceptions import DataError, RetrainerError
from schemas.events import Card, Feedback

SMALL = DataConfig(validation_fraction=0.3, min_train=1, min_validation=1)


def card(n: int, question: str | None = None, answer: str = "Rollo") -> Card:
    return Card(card_id=f"card-{n}", type="qa", question=question or f"Question {n}?",
                answer=answer)


def example(n: int, rating: int, upload: str | None = None, **extra) -> TrainingExample:
    fields = {"source": f"Source sentence {n}.", "card": card(n), "rating": rating,
              "upload_id": upload or f"upload-{n % 10}"} | extra
    return TrainingExample(**fields)


def base(n: int = 40) -> list[TrainingExample]:
    return [example(i, 1 + i % 5, feedback_id=f"f{i}", user_id="u0") for i in range(n)]


def test_clean_data_is_kept_and_split_by_upload():
    data = build_dataset(base(), SMALL)
    assert data.stats.records == data.stats.kept == data.stats.cards == 40
    assert data.stats.dropped == {"out_of_range": 0, "empty": 0, "duplicate": 0,
                                  "contradictory": 0}
    train_groups = {item.group for item in data.train}
    validation_groups = {item.group for item in data.validation}
    assert train_groups and validation_groups and not train_groups & validation_groups
    assert data.stats.rating_histogram == {1: 8, 2: 8, 3: 8, 4: 8, 5: 8}
    # deterministic: the same feedback in another order gives the same split and hash
    again = build_dataset(list(reversed(base())), SMALL)
    assert {i.key for i in again.validation} == {i.key for i in data.validation}
    assert again.stats.data_hash == data.stats.data_hash


def test_split_is_stable_when_data_grows():
    small = build_dataset(base(40), SMALL)
    more = [example(i, 3, upload=f"upload-new-{i}") for i in range(40, 80)]
    grown = build_dataset(base(40) + more, SMALL)
    held_out = {item.group for item in small.validation}
    assert held_out <= {item.group for item in grown.validation}


def test_dirty_records_are_dropped_per_reason():
    dirty = [
        *base(),
        example(100, 0), example(101, 6), example(102, True),  # out of range (bool is not a rating)
        TrainingExample(source="", card=card(103), rating=4),  # empty source
        TrainingExample(source="S.", card=card(104, question="  "), rating=4),  # empty question
        example(1, 1 + 1 % 5, feedback_id="f1", user_id="u0"),  # redelivered feedback
        example(2, 5, feedback_id="f2-again", user_id="u0"),  # the same user rates card 2 again
    ]
    data = build_dataset(dirty, SMALL)
    assert data.stats.dropped == {"out_of_range": 3, "empty": 2, "duplicate": 2,
                                  "contradictory": 0}
    (card_2,) = [item for item in data.train + data.validation if item.card.card_id == "card-2"]
    assert (card_2.rating, card_2.n_ratings) == (5, 1)  # the later rating replaced the earlier


def test_ratings_are_averaged_and_contradictions_dropped():
    agreed = [example(200, r, user_id=f"u{i}") for i, r in enumerate((4, 5, 5, 4))]
    split_vote = [example(201, r, user_id=f"u{i}") for i, r in enumerate((1, 5, 1, 5, 4))]
    few = [example(202, r, user_id=f"u{i}") for i, r in enumerate((1, 5))]  # too few to judge
    data = build_dataset(base() + agreed + split_vote + few, SMALL)
    items = {item.card.card_id: item for item in data.train + data.validation}
    assert items["card-200"].rating == 4.5 and items["card-200"].n_ratings == 4
    assert "card-201" not in items
    assert items["card-202"].rating == 3.0
    assert data.stats.dropped["contradictory"] == 5


def test_same_card_from_two_uploads_is_one_example():
    twin = TrainingExample(source="Source sentence 3.", card=card(3).model_copy(
        update={"card_id": "other-upload-card-3"}), rating=5, upload_id="upload-3")
    data = build_dataset([*base(), twin], SMALL)
    (item,) = [i for i in data.train + data.validation if "card-3" in i.card_ids]
    assert set(item.card_ids) == {"card-3", "other-upload-card-3"} and item.n_ratings == 2


def test_corrections_become_high_rated_examples_in_the_same_split():
    fixed = example(300, 1, upload="upload-fix", corrected_answer="Rollo the Walker")
    data = build_dataset([*base(), fixed], SMALL)
    everything = data.train + data.validation
    original = next(i for i in everything if i.card.card_id == "card-300" and not i.corrected)
    correction = next(i for i in everything if i.corrected)
    assert (original.rating, correction.rating) == (1, 5)
    assert correction.card.answer == "Rollo the Walker"
    assert correction.group == original.group
    assert data.stats.corrections == 1
    assert {row["id"] for row in data.lineage["train"] + data.lineage["validation"]} == {
        i.key for i in everything
    }


def test_from_feedback_carries_ids():
    feedback = Feedback(feedback_id="f", card_id="card-1", upload_id="u", rating=4, user_id="x",
                        model_version="3", corrected_answer="Rollo")
    ex = TrainingExample.from_feedback(feedback, card(1), "Source.")
    assert (ex.feedback_id, ex.upload_id, ex.user_id, ex.model_version, ex.rating) == (
        "f", "u", "x", "3", 4
    )


def test_too_little_data_is_a_retrainer_error():
    with pytest.raises(DataError, match="too little clean data") as info:
        build_dataset([example(1, 9), example(2, 3)])
    assert isinstance(info.value, RetrainerError)
