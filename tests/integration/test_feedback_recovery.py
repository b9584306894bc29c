"""The feedback reader's recovery, on a real broker and real worker processes: a worker that dies
mid-stream replays what it had not recorded as read, the table comes back from its changelog,
and no rating is skipped or stored twice."""

from __future__ import annotations

import signal
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from agents.rollout import BASELINE
from cardstream import bootstrap
from cardstream.stack import Stack
from schemas.events import Card, Feedback
from streams.broker import EmbeddedBroker
from streams.settings import Settings
from streams.store import CardStore
from tests.integration.helpers import changelog, stored

pytestmark = pytest.mark.integration

WAIT = 120.0


def wait_until(predicate: Any, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {WAIT:.0f} s: {what}")
        time.sleep(0.2)


def ratings(cards: list[Card], count: int, poison_at: int | None = None) -> list[Feedback]:
    return [
        Feedback(feedback_id="poison" if i == poison_at else uuid.uuid4().hex,
                 card_id=cards[i % len(cards)].card_id, rating=1 + i % 5)
        for i in range(count)
    ]


def test_a_worker_that_dies_mid_stream_replays_and_restores_its_table(tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    with EmbeddedBroker(log_path=tmp_path / "tansu.log") as broker:
        settings = Settings(
            bootstrap_servers=broker.bootstrap, run_dir=tmp_path / "run", agents="feedback",
            topic_prefix=f"r{tag}-", app_id=f"recovery-{tag}", feedback_batch=500,
            feedback_threshold=10**9, use_encoder=False,
        )
        db = settings.run_dir / "cards.db"
        cards = [Card(card_id=f"card-{tag}-{i}", type="qa", question=f"q{i}?", answer=f"a{i}")
                 for i in range(8)]
        store = CardStore(db)
        store.save_cards("u", "doc.txt", "the document", cards, BASELINE)
        store.close()
        stats_topic = f"{settings.app_id}-feedback-stats-changelog"
        offsets_topic = f"{settings.app_id}-feedback-offsets-changelog"
        client = bootstrap.client(settings)

        def send(events: list[Feedback]) -> None:
            client.send_many(events, key_of=lambda e: e.card_id)  # type: ignore[arg-type, attr-defined]

        def recorded() -> Any:  # where the reader is in the feedback topic, per partition
            return changelog(broker.bootstrap, offsets_topic).get(settings.topic(Feedback.topic))

        # 1. the card store fails on one rating, as a full disk would: its whole batch fails
        #    before any table write, the worker stops, and that batch is not recorded as read
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TRIGGER full_disk BEFORE INSERT ON feedback "
                         "WHEN NEW.feedback_id = 'poison' BEGIN SELECT RAISE(ABORT, 'disk full'); "
                         "END")
        with Stack(settings, with_retrainer=False) as stack:
            send(ratings(cards, 3000, poison_at=2000))
            worker = stack.processes["worker"]
            assert worker.wait(WAIT) != 0  # it stopped itself on the failure
        before_restart = stored(db)[0]
        assert before_restart < 3000  # the poisoned batch and those after it are not stored
        with sqlite3.connect(db) as conn:
            conn.execute("DROP TRIGGER full_disk")

        # 2. a new worker restores the table from its changelog and replays from the recorded
        #    offset: everything arrives once, in the store and in the table
        with Stack(settings, with_retrainer=False):
            send(ratings(cards, 1000))
            wait_until(lambda: stored(db)[0] == 4000, "all 4,000 ratings stored")
            wait_until(lambda: recorded() == {"0": 4000}, "the offset after the last rating")
            stats = changelog(broker.bootstrap, stats_topic)[BASELINE]
        assert stored(db) == (4000, 4000)
        # the failed batch wrote nothing to the table, and the stopping worker recorded the
        # offsets of every batch before it: each rating is counted exactly once
        assert stats["count"] == 4000
        assert stats["sum_quality"] == pytest.approx(sum(i % 5 for i in range(3000)) / 4
                                                     + sum(i % 5 for i in range(1000)) / 4)

        # 3. killed without warning mid-stream: at-least-once, nothing skipped; a rating whose
        #    table write outlived its unrecorded offset may be counted twice, never stored twice
        with Stack(settings, with_retrainer=False) as stack:
            send(ratings(cards, 20_000))
            wait_until(lambda: stored(db)[0] > 4000, "the worker under way")
            stack.processes["worker"].send_signal(signal.SIGKILL)
            stack.processes["worker"].wait(WAIT)
        with Stack(settings, with_retrainer=False):
            wait_until(lambda: stored(db)[0] == 24_000, "all 24,000 ratings stored")
            wait_until(lambda: recorded() == {"0": 24_000}, "the offset after the last rating")
            stats = changelog(broker.bootstrap, stats_topic)[BASELINE]
        assert stored(db) == (24_000, 24_000)
        assert stats["count"] >= 24_000
        client.close()
