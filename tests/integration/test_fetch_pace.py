"""A paced fetcher (streams.faust_app.FetchPace) asks Tansu for short fetch waits while records
flow and long ones when idle: a real aiokafka consumer against the real embedded broker, the
waits read from the fetch requests it sends. It also checks that the aiokafka internals the
pacing wraps are still there (re-check on an aiokafka upgrade)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.protocol.fetch import FetchRequest
from confluent_kafka.admin import AdminClient, NewTopic

from streams.broker import EmbeddedBroker
from streams.faust_app import FetchPace, pace_fetcher

pytestmark = pytest.mark.integration

IDLE, BUSY, BUSY_FOR = 100, 10, 3.0


def test_the_pace_is_short_for_a_while_after_records_and_long_otherwise() -> None:
    now = [0.0]
    pace = FetchPace(IDLE, BUSY, BUSY_FOR, clock=lambda: now[0])
    assert pace.wait_ms() == IDLE
    pace.records_came()
    now[0] += BUSY_FOR - 0.1
    assert pace.wait_ms() == BUSY
    now[0] += 0.2
    assert pace.wait_ms() == IDLE


async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60  # generous: only the outcome is checked, never the time
    while not condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.01)


async def _drive(bootstrap: str, topic: str) -> None:
    now = [0.0]
    pace = FetchPace(IDLE, BUSY, BUSY_FOR, clock=lambda: now[0])
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, fetch_max_wait_ms=IDLE,
                                auto_offset_reset="earliest")
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await consumer.start()
    await producer.start()
    try:
        fetcher = consumer._fetcher
        asked: list[int] = []  # the wait of each fetch request, as it is sent
        send = fetcher._client.send

        async def spy(node_id: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(request, FetchRequest):
                asked.append(request._max_wait_ms)
            return await send(node_id, request, *args, **kwargs)

        fetcher._client.send = spy
        pace_fetcher(fetcher, pace)
        consumer.assign([TopicPartition(topic, 0)])

        await _until(lambda: len(asked) >= 2, "no fetches while idle")
        assert set(asked) == {IDLE}  # nothing came yet: the long wait

        got: list[bytes] = []

        async def read() -> None:  # as Faust does: the fetcher fetches ahead of what is read
            while True:
                got.append((await consumer.getone()).value)

        reader = asyncio.ensure_future(read())
        await producer.send_and_wait(topic, b"an upload")
        await _until(lambda: got == [b"an upload"], "the record was not fetched")
        after_records = len(asked)
        await _until(lambda: len(asked) >= after_records + 2, "no fetches after a record")
        assert asked[after_records:after_records + 2] == [BUSY, BUSY]

        now[0] += BUSY_FOR + 0.5  # nothing more came for longer than BUSY_FOR
        quiet = len(asked)
        await _until(lambda: len(asked) >= quiet + 2, "no fetches once quiet")
        assert asked[quiet + 1] == IDLE  # asked[quiet] may have been built before the clock moved
        reader.cancel()
    finally:
        await producer.stop()
        await consumer.stop()


def test_a_paced_fetcher_asks_the_broker_for_the_pace_s_wait() -> None:
    with EmbeddedBroker() as broker:
        admin = AdminClient({"bootstrap.servers": broker.bootstrap})
        for future in admin.create_topics([NewTopic("paced", 1, -1)]).values():
            future.result(30)
        asyncio.run(_drive(broker.bootstrap, "paced"))
