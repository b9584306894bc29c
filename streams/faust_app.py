"""A Faust app factory: one app per worker process, built from settings, never at import time."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import faust
from faust.types import FutureMessage

FETCH_MAX_WAIT_MS = 100


def _shorten_fetch_wait() -> None:
    """Faust hard-codes aiokafka's fetch_max_wait_ms=1500. Tansu parks an empty fetch for that
    long even when data arrives meanwhile, so every idle hop of the pipeline cost up to 1.5 s;
    100 ms keeps an idle worker cheap and a busy one prompt. Patched once per process."""
    from faust.transport.drivers import aiokafka as driver

    thread_cls = driver.AIOKafkaConsumerThread
    if getattr(thread_cls, "_cardstream_patched", False):
        return
    original = thread_cls._create_worker_consumer

    def create(self: Any, *args: Any, **kwargs: Any) -> Any:
        consumer = original(self, *args, **kwargs)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer

    thread_cls._create_worker_consumer = create  # type: ignore[method-assign]
    thread_cls._cardstream_patched = True  # type: ignore[attr-defined]


def make_app(app_id: str, bootstrap: str, datadir: Path, session_timeout_s: float = 6.0,
             **overrides: Any) -> faust.App:
    """At-least-once (Tansu's transactions are too weak for exactly-once), in-memory table store
    rebuilt from changelogs, no Faust web server (our metrics endpoint is separate)."""
    conf: dict[str, Any] = {
        "broker": f"kafka://{bootstrap}",
        "store": "memory://",
        "processing_guarantee": "at_least_once",
        "web_enabled": False,
        "autodiscover": False,
        "datadir": str(datadir),
        "broker_session_timeout": session_timeout_s,
        "broker_heartbeat_interval": min(1.0, session_timeout_s / 3),
        "consumer_auto_offset_reset": "earliest",
        "producer_acks": -1,
        # Faust's default waits 20 minutes for an acknowledgement; a result send gives up
        # sooner and is retried by agents.deadletter.deliver, then stops the worker
        "producer_request_timeout": 15.0,
        "topic_allow_declare": True,  # only Faust's own changelog topics; ours are created first
        "stream_wait_empty": False,
        "broker_commit_interval": 1.0,
        # bigger fetches and buffers: feedback is many tiny events, aggregated in batches
        "broker_max_poll_records": 5000,
        "stream_buffer_maxsize": 16384,
    }
    conf.update(overrides)
    _shorten_fetch_wait()
    return faust.App(app_id, **conf)


def raw_topic(app: faust.App, name: str, partitions: int | None = None) -> Any:
    """Topics carry our Avro bytes; decoding is ours, so bad bytes can be dead-lettered."""
    return app.topic(name, key_serializer="raw", value_serializer="raw", partitions=partitions)


class AckedTable(faust.Table):
    """A table whose changelog writes can be awaited.

    Faust sends a table's changelog records in the background and tells nobody when the broker
    has them; ``await table.acked()`` waits for every write made so far. A reader that keeps its
    offsets in a table needs that: an offset may be recorded only once the table writes of the
    events before it are durable, or a crash would restore a table that never saw them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unacked: list[FutureMessage] = []

    def send_changelog(self, *args: Any, **kwargs: Any) -> FutureMessage:
        sent: FutureMessage = super().send_changelog(*args, **kwargs)
        self._unacked.append(sent)
        return sent

    async def acked(self) -> None:
        """Return when every changelog write so far is acknowledged; raise if one failed."""
        unacked, self._unacked = self._unacked, []
        if unacked:
            await asyncio.gather(*unacked)


def acked_table(app: faust.App, name: str, **options: Any) -> AckedTable:
    """``app.Table(name, ...)``, as an :class:`AckedTable`."""
    table = AckedTable(app, name=name, beacon=app.tables.beacon, **options)
    app.tables.add(table)
    return table
