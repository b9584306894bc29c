"""The learning loop end to end on the real stack: ratings → threshold → one training (real
MiniLM fine-tuning, real MLflow on sqlite) → announcement → hot swap → 10 → 50 → 100 %."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from agents.rollout import ROUTING_ACTIONS, bucket
from schemas.events import ModelVersion, RetrainRequest, UploadOptions
from streams import kafka

pytestmark = pytest.mark.integration

SQUAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "squad2_dev_subset.json"
WAIT = 240.0


def read_all(client, topic: str, event_type):  # type: ignore[no-untyped-def]
    consumer = kafka.consumer(client.bootstrap)
    kafka.assign_from_start(consumer, [topic])
    events, idle = [], time.monotonic()
    while time.monotonic() - idle < 1.5:
        message = consumer.poll(0.2)
        if message is None or message.error():
            continue
        idle = time.monotonic()
        events.append(client.codec.decode(message.value(), event_type))
    consumer.close()
    return events


def wait_for(client, topic, event_type, predicate, timeout: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [e for e in read_all(client, topic, event_type) if predicate(e)]
        if found:
            return found
        time.sleep(2)
    raise AssertionError(f"nothing on {topic} matched within {timeout:.0f} s")


def upload_and_wait(client, texts: list[str], ids: list[str]):  # type: ignore[no-untyped-def]
    with client.watcher() as watch:
        for text, upload_id in zip(texts, ids, strict=True):
            client.upload_bytes(text.encode(), "p.txt", "text/plain",
                                UploadOptions(num_cards=8), upload_id=upload_id)
        outcomes = watch.wait(ids, WAIT)
    assert all(o.status == "ok" for o in outcomes.values()), [o.error for o in outcomes.values()]
    return outcomes


def ids_in(lo: int, hi: int, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        candidate = uuid.uuid4().hex
        if lo <= bucket(candidate) < hi:
            found.append(candidate)
    return found


def rate(client, outcomes, rating_of) -> int:  # type: ignore[no-untyped-def]
    from schemas.events import Feedback

    events = [
        Feedback(feedback_id=uuid.uuid4().hex, card_id=card.card_id, upload_id=o.upload_id,
                 rating=rating_of(card), user_id="sim")
        for o in outcomes.values() for card in o.flashcards.cards
    ]
    client.send_many(events, key_of=lambda e: e.card_id)
    return len(events)


def test_ratings_train_announce_and_roll_out_a_better_scorer(stack, client, stack_settings):
    from retrainer.simulation import SimulatedUsers

    paragraphs = [p["context"] for p in json.loads(SQUAD.read_text())["paragraphs"]]
    requests_topic = stack_settings.topic(RetrainRequest.topic)
    models_topic = stack_settings.topic(ModelVersion.topic)

    # 1. cards for eight documents, rated by simulated users: many ratings, mediocre mean
    first = upload_and_wait(client, paragraphs[:8], [uuid.uuid4().hex for _ in range(8)])
    users = SimulatedUsers(seed=11)
    sent = rate(client, first, lambda card: users.rate(card, card.source_sentence or ""))
    assert sent >= stack_settings.feedback_threshold

    # 2. the threshold asks for one training; the retrainer announces a blessed challenger
    requests = wait_for(client, requests_topic, RetrainRequest,
                        lambda r: r.trigger == "threshold", 60)
    assert requests[0].feedback_count >= stack_settings.feedback_threshold
    assert requests[0].mean_quality is not None and requests[0].mean_quality < 0.8
    announced = wait_for(client, models_topic, ModelVersion,
                         lambda e: e.action in ("announced", "rejected"), 420)[0]
    assert announced.action == "announced", announced.reason
    assert announced.rollout_percent == 10 and announced.alias == "challenger"
    assert announced.run_id and announced.uri.startswith("models:/")

    # 3. the worker hot-swapped it: uploads in the first 10 buckets get the challenger
    time.sleep(3)
    challenger_ids, champion_ids = ids_in(0, 10, 2), ids_in(60, 100, 2)
    second = upload_and_wait(client, paragraphs[8:12], challenger_ids + champion_ids)
    versions = {uid: o.flashcards.model_version for uid, o in second.items()}
    assert {versions[uid] for uid in challenger_ids} == {announced.version}
    assert {versions[uid] for uid in champion_ids} == {"baseline"}

    # 4. live ratings that hold up move it 10 → 50 → 100 %
    for _ in range(2):
        rate(client, second, lambda card: 5)
        time.sleep(3)
    steps = wait_for(client, models_topic, ModelVersion, lambda e: e.action == "promoted", 60)
    history = [(e.action, e.rollout_percent) for e in read_all(client, models_topic, ModelVersion)
               if e.version == announced.version and e.action in ROUTING_ACTIONS]
    assert history == [("announced", 10), ("rollout", 50), ("promoted", 100)]
    assert steps[0].reason

    # 5. exactly one training happened, and the registry agrees (the retrainer applies steps)
    assert len(read_all(client, requests_topic, RetrainRequest)) == 1
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(stack_settings.run_dir)}
    deadline = time.monotonic() + 60
    while True:
        listing = subprocess.run(
            [sys.executable, "-m", "cardstream.cli", "models", "list", "--json"],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert listing.returncode == 0, listing.stderr
        row = json.loads(listing.stdout)["versions"][0]
        if "champion" in row["aliases"] or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert row["version"] == announced.version and row["aliases"] == ["champion"]
    assert row["tags"]["rollout_percent"] == "100"
    assert row["live_ratings"] > 0
