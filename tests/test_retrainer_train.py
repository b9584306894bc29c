"""The training loop and search on a tiny set, the lr schedule and the metrics."""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from agents.scoring.model import QualityModel, ScorerConfig
from retrainer.config import RetrainConfig, SearchConfig, TrainConfig
from retrainer.dataset import DataConfig, Item, build_dataset
from retrainer.metrics import evaluate, ranks, selected_rating
from retrainer.simulation import SimulatedUsers, simulated_examples
from retrainer.train import get_lr, search

SQUAD = Path(__file__).resolve().parents[1].parent / "shared/data/squad2_dev_subset.json"


@pytest.fixture(scope="module")
def data():
    paragraphs = json.loads(SQUAD.read_text())["paragraphs"][10:16]
    docs = [(f"u{i}", ". ".join(p["context"].split(". ")[:3])) for i, p in enumerate(paragraphs)]
    examples = simulated_examples(docs, SimulatedUsers(seed=3, noise=0.0))
    return build_dataset(examples, DataConfig(validation_fraction=0.3, min_train=8,
                                              min_validation=4))


def test_lr_warms_up_then_decays_to_the_floor():
    cfg = TrainConfig(learning_rate=1e-4, warmup_fraction=0.1, min_lr_fraction=0.1)
    lrs = [get_lr(it, 100, cfg) for it in range(101)]
    assert lrs[0] == pytest.approx(1e-5) and lrs[9] == pytest.approx(1e-4)
    assert all(a >= b for a, b in itertools.pairwise(lrs[10:]))
    assert lrs[100] == pytest.approx(1e-5)


def test_search_picks_the_learning_rate_that_learns(data):
    threads = torch.get_num_threads()
    # without card features: their closed-form start already fits this noise-free set, and
    # this test is about the search
    config = RetrainConfig(search=SearchConfig(learning_rates=(0.0, 3e-4), max_epochs=1),
                           train=TrainConfig(num_threads=1, head_lr_multiplier=20.0),
                           scorer=ScorerConfig(features=""))
    result = search(data.train, data.validation, config)
    assert torch.get_num_threads() == threads  # the search gives the threads back
    frozen, learning = result.trials
    # lr 0 never improves on the untrained head: early stopping keeps epoch 0
    assert frozen.best_epoch == 0 and frozen.history[1]["val_loss"] == pytest.approx(
        frozen.history[0]["val_loss"], abs=1e-6)
    assert learning.best_val_loss < frozen.best_val_loss
    assert result.best is learning and result.best.best_epoch == 1
    assert [row["epoch"] for row in learning.history] == [0, 1]
    assert math.isnan(learning.history[0]["train_loss"]) and learning.history[1]["train_loss"] > 0


def test_the_wide_start_learns_the_taste_from_few_ratings(data):
    """The ridge start alone, before any gradient step, beats predicting the mean rating."""
    prior = sum(i.quality for i in data.train) / len(data.train)
    torch.manual_seed(0)
    model = QualityModel.from_encoder(ScorerConfig(prior=prior))
    before = model.predict([i.source for i in data.validation], [i.card for i in data.validation])
    model.fit_wide([i.source for i in data.train], [i.card for i in data.train],
                   [i.quality for i in data.train])
    after = model.predict([i.source for i in data.validation], [i.card for i in data.validation])
    truth = [i.quality for i in data.validation]
    mse = [sum((p - t) ** 2 for p, t in zip(ps, truth, strict=True)) / len(truth)
           for ps in (before, after)]
    assert len(data.train) < 100
    assert mse[1] < 0.5 * mse[0]


def test_time_budget_stops_the_search(data):
    config = RetrainConfig(search=SearchConfig(learning_rates=(1e-4, 3e-4), max_seconds=0.0))
    result = search(data.train, data.validation, replace(config, train=TrainConfig(epochs=1)))
    (only,) = result.trials  # the second trial never starts
    assert only.steps == 0 and only.best_epoch == 0  # and the first stops at its first check


def item(group: str, key: str, rating: float) -> Item:
    from schemas.events import Card

    card = Card(card_id=key, type="qa", question="Q?", answer="A")
    return Item(key=key, source="S.", card=card, rating=rating, n_ratings=1, group=group)


def test_metrics():
    items = [item("a", "1", 5), item("a", "2", 1), item("a", "3", 3), item("b", "4", 4),
             item("b", "5", 2)]
    perfect = [i.quality for i in items]
    m = evaluate(items, perfect, top_k=1)
    assert m["mse"] == 0 and m["pearson"] == pytest.approx(1) and m["spearman"] == pytest.approx(1)
    assert m["selected_rating"] == 4.5  # 5 from upload a, 4 from upload b
    assert selected_rating(items, [0.0, 1.0, 0.5, 0.0, 1.0], top_k=1) == 1.5
    assert evaluate(items, [0.5] * 5)["pearson"] == 0.0
    np.testing.assert_array_equal(ranks(np.array([3.0, 1.0, 3.0])), [1.5, 0.0, 1.5])
    with pytest.raises(ValueError):
        evaluate(items, [0.5])
