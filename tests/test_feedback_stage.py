"""The feedback stage and the model router on values: a real card store (sqlite), a real
rollout policy, and a list standing in for Kafka at the emit seam."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client import CollectorRegistry

from agents.deadletter import Source
from agents.exceptions import ModelLoadError
from agents.metrics import PipelineMetrics
from agents.models import ModelRouter
from agents.pipeline.feedback_stage import LOOP_KEY, FeedbackStage
from agents.rollout import BASELINE, RolloutPolicy
from schemas.events import Card, DeadLetter, Feedback, ModelVersion, RetrainRequest
from streams.serde import AvroCodec
from streams.store import CardStore


class Rater:
    name, version = "fake", "1"

    def predict(self, sources, cards):  # type: ignore[no-untyped-def]
        return [0.5 for _ in cards]


def announced(version: str) -> ModelVersion:
    return ModelVersion(name="cardstream-quality-scorer", version=version,
                        uri=f"models:/cardstream-quality-scorer/{version}", action="announced")


@pytest.fixture()
def world(tmp_path):  # type: ignore[no-untyped-def]
    codec = AvroCodec()
    store = CardStore(tmp_path / "cards.db")
    cards = [Card(card_id=f"c{i}", type="qa", question=f"q{i}?", answer=f"a{i}")
             for i in range(4)]
    store.save_cards("u-base", "doc.txt", "the document", cards[:2], BASELINE)
    store.save_cards("u-new", "doc.txt", "the document", cards[2:], "2")
    registry = CollectorRegistry()
    loads: list[str] = []

    def loader(uri: str) -> Rater:
        loads.append(uri)
        if uri.endswith("/broken"):
            raise ModelLoadError("weights missing")
        return Rater()

    router = ModelRouter(RolloutPolicy(min_samples=5, margin=0.05), loader, registry)
    sent: list[tuple[str, bytes]] = []

    async def emit(topic: str, key: str | None, value: bytes) -> None:
        sent.append((topic, value))

    stage = FeedbackStage(
        store=store, table={}, router=router, executor=ThreadPoolExecutor(1),
        retrain_topic="retrain-requests", models_topic="model-versions",
        feedback_threshold=10, quality_threshold=0.8, codec=codec, emit=emit,
        metrics=PipelineMetrics(registry), dead_letter_topic="dead-letters",
    )
    yield stage, sent, codec, router, loads
    store.close()


OFFSETS = itertools.count()  # the feedback topic's next offset, as Kafka numbers them


def sources(codec: AvroCodec, ratings: list[tuple[str, int]]) -> list[Source]:
    return [
        Source("feedback", 0, next(OFFSETS), card.encode(), codec.encode(
            Feedback(feedback_id=uuid.uuid4().hex, card_id=card, rating=rating)))
        for card, rating in ratings
    ]


def of_topic(sent, codec, topic, event_type):  # type: ignore[no-untyped-def]
    return [codec.decode(value, event_type) for t, value in sent if t == topic]


def test_invalid_and_unknown_feedback_is_dead_lettered(world):
    stage, sent, codec, _, _ = world
    bad = Feedback(feedback_id="f", card_id="c0", rating=9)
    batch = sources(codec, [("nope", 4), ("c0", 5)])
    batch.append(Source("feedback", 0, 7, b"c0", codec.encode(bad)))
    batch.append(Source("feedback", 0, 8, None, b"not avro"))
    asyncio.run(stage.handle_batch(batch))
    letters = of_topic(sent, codec, "dead-letters", DeadLetter)
    reasons = sorted(letter.reason for letter in letters)
    assert len(letters) == 3
    assert any("unknown card nope" in r for r in reasons)
    assert any("rating must be 1..5" in r for r in reasons)
    assert {letter.error_type for letter in letters} >= {"InvalidFeedback", "SerializationError"}
    assert stage.table[BASELINE]["count"] == 1  # the one good rating counted


def test_ratings_aggregate_per_model_version_from_the_card_store(world):
    stage, _, codec, _, _ = world
    asyncio.run(stage.handle_batch(sources(codec, [("c0", 5), ("c1", 1), ("c2", 3)])))
    assert stage.table[BASELINE]["count"] == 2
    assert stage.table[BASELINE]["sum_quality"] == pytest.approx(1.0)  # (5-1)/4 + (1-1)/4
    assert stage.table["2"]["count"] == 1
    assert sum(n for n, _ in stage.table["2"]["windows"].values()) == 1


def test_every_accepted_rating_is_stored_with_its_cards_version_once(world):
    stage, _, codec, _, _ = world
    batch = sources(codec, [("c0", 5), ("c2", 1), ("nope", 3)])
    asyncio.run(stage.handle_batch(batch))
    asyncio.run(stage.handle_batch(batch))  # redelivered after a crash (at-least-once)
    rated = stage.store.rated_cards()
    assert sorted((r.card.card_id, r.model_version, r.rating) for r in rated) == [
        ("c0", BASELINE, 5), ("c2", "2", 1)]
    assert rated[0].document == "the document"  # joinable with the card's source for training


def test_a_replayed_batch_is_counted_once(world):
    """A crash between a batch's table writes and its recorded position replays the batch."""
    stage, _, codec, _, _ = world
    first = sources(codec, [("c0", 5), ("c2", 1)])
    asyncio.run(stage.handle_batch(first))
    second = sources(codec, [("c1", 4), ("c3", 2)])
    asyncio.run(stage.handle_batch([*first, *second]))  # the reader restarts at the first
    assert stage.table[BASELINE]["count"] == 2  # c0 and c1
    assert stage.table["2"]["count"] == 2  # c2 and c3
    assert stage.table[BASELINE]["sum_quality"] == pytest.approx(1.0 + 0.75)
    asyncio.run(stage.handle_batch(second))
    assert stage.table[BASELINE]["count"] + stage.table["2"]["count"] == 4
    assert len(stage.store.rated_cards()) == 4


def test_crossing_the_threshold_asks_for_exactly_one_training(world):
    stage, sent, codec, router, _ = world
    low = [("c0", 2)] * 6 + [("c1", 3)] * 6  # 12 ratings, mean quality 0.375 < 0.8
    asyncio.run(stage.handle_batch(sources(codec, low)))
    asyncio.run(stage.handle_batch(sources(codec, low)))  # more evidence while it trains
    requests = of_topic(sent, codec, "retrain-requests", RetrainRequest)
    assert len(requests) == 1
    assert requests[0].trigger == "threshold" and requests[0].feedback_count == 12
    assert requests[0].mean_quality == pytest.approx(0.375)
    # an answer to another request does not free it; the answer to this one (a version, or a
    # rejection), matched by request id, does
    router.apply(ModelVersion(name="m", version="-", uri="", action="rejected",
                              request_id="someone-else"))
    asyncio.run(stage.handle_batch(sources(codec, low)))
    assert len(of_topic(sent, codec, "retrain-requests", RetrainRequest)) == 1
    router.apply(ModelVersion(name="m", version="-", uri="", action="insufficient_data",
                              request_id=requests[0].request_id))
    asyncio.run(stage.handle_batch(sources(codec, low)))
    assert len(of_topic(sent, codec, "retrain-requests", RetrainRequest)) == 2
    assert stage.table[LOOP_KEY]["pending_since"] is not None


def test_good_ratings_do_not_trigger_training(world):
    stage, sent, codec, _, _ = world
    asyncio.run(stage.handle_batch(sources(codec, [("c0", 5), ("c1", 4)] * 10)))
    assert of_topic(sent, codec, "retrain-requests", RetrainRequest) == []


def test_a_version_that_fails_to_load_keeps_the_previous_one(world):
    _, _, _, router, loads = world
    reports: list[ModelVersion] = []
    router.report = reports.append
    router.apply(announced("broken"))
    # the topic says "broken" is the challenger, but what serves is what is labelled: its
    # uploads are scored and labelled by the champion (here the heuristic, baseline)
    assert loads and router.versions() == (BASELINE, "broken", 10)
    assert all(router.choose(f"u{i}")[1:] == (BASELINE, None) for i in range(50))
    assert router.load_failures._value.get() == 1
    assert [(r.action, r.version) for r in reports] == [("load_failed", "broken")]
    assert router.metrics.serving.labels("challenger", "broken")._value.get() == 0
    router.apply(announced("2"))
    assert router.versions() == (BASELINE, "2", 10)
    assert [(r.action, r.version, r.alias) for r in reports][-1] == ("loaded", "2", "challenger")
    assert router.metrics.serving.labels("challenger", "2")._value.get() == 1


def test_rollout_advances_on_good_live_feedback_and_emits_each_step(world):
    stage, sent, codec, router, _ = world
    router.apply(announced("2"))
    # challenger cards (c2, c3, version 2) rated as well as the champion's: non-inferior
    # (identical ratings: no variance, so each step needs only min_samples per side)
    good = [("c0", 5), ("c1", 5), ("c2", 5), ("c3", 5)] * 3
    for _ in range(4):
        asyncio.run(stage.handle_batch(sources(codec, good)))
    steps = of_topic(sent, codec, "model-versions", ModelVersion)
    assert [(s.action, s.rollout_percent) for s in steps] == [("rollout", 50), ("promoted", 100)]
    assert router.versions() == ("2", None, 0)
    # hearing our own decisions back from the topic changes nothing
    for step in steps:
        router.apply(step)
    assert router.versions() == ("2", None, 0)


def test_a_worse_challenger_is_rolled_back_and_never_reaches_100(world):
    stage, sent, codec, router, _ = world
    router.apply(announced("2"))
    worse = [("c0", 5), ("c1", 5), ("c2", 1), ("c3", 2)] * 3
    asyncio.run(stage.handle_batch(sources(codec, worse)))
    steps = of_topic(sent, codec, "model-versions", ModelVersion)
    assert [s.action for s in steps] == ["rolled_back"]
    assert steps[0].rollout_percent == 0 and "worse" in steps[0].reason
    assert router.versions() == (BASELINE, None, 0)
    assert router.choose("any-upload")[2] is None  # the heuristic ranking serves again


def test_no_threshold_training_while_a_challenger_is_judged(world):
    stage, sent, codec, router, _ = world
    router.apply(announced("2"))  # version 2 (cards c2, c3) serves 10 %
    # poor ratings for both, but too few of the challenger's for a rollout decision
    low = [("c0", 2)] * 8 + [("c1", 3)] * 8 + [("c2", 2)] * 4
    asyncio.run(stage.handle_batch(sources(codec, low)))
    assert of_topic(sent, codec, "retrain-requests", RetrainRequest) == []
    # rolled back by hand: the champion's 16 ratings (not the challenger's 4) now trigger
    router.apply(ModelVersion(name="m", version="2", uri="", action="rolled_back"))
    asyncio.run(stage.handle_batch(sources(codec, [("c0", 2)])))
    (request,) = of_topic(sent, codec, "retrain-requests", RetrainRequest)
    assert request.feedback_count == 17 and request.model_version == BASELINE
