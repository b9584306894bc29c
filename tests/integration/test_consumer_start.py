"""Where a worker's consumer starts after its tables are restored, on the real embedded broker.

Faust drops what was fetched during recovery and seeks every partition "to committed". A
partition nobody had committed yet must go back to its start then, or its first records (an
upload sent while the worker was down) are skipped until the next restart."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from streams.broker import EmbeddedBroker
from streams.faust_app import seek_to_committed_or_start

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def broker():
    with EmbeddedBroker() as running:
        yield running


def make_topics(bootstrap: str, *names: str) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(n, 1, 1) for n in names]).values():
        future.result(30)


async def fetch_all(consumer: AIOKafkaConsumer, want: int) -> list[tuple[str, int]]:
    got: list[tuple[str, int]] = []
    for _ in range(50):
        batches = await consumer.getmany(timeout_ms=200)
        got += [(r.topic, r.offset) for records in batches.values() for r in records]
        if len(got) >= want:
            break
    return sorted(got)


def test_a_partition_without_a_commit_goes_back_to_its_start(broker: EmbeddedBroker) -> None:
    tag = uuid.uuid4().hex[:8]
    fresh, committed, changelog = f"fresh-{tag}", f"done-{tag}", f"log-{tag}"
    make_topics(broker.bootstrap, fresh, committed, changelog)
    tps = [TopicPartition(t, 0) for t in (fresh, committed, changelog)]

    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap)
        await producer.start()
        for topic in (fresh, committed, changelog):
            for n in range(2):
                await producer.send_and_wait(topic, f"{topic}-{n}".encode())
        await producer.stop()

        consumer = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap, group_id=f"g-{tag}",
                                    enable_auto_commit=False, auto_offset_reset="earliest")
        await consumer.start()
        try:
            consumer.assign(tps)
            # recovery: everything fetched, the stream's records dropped, one offset committed
            assert len(await fetch_all(consumer, 6)) == 6
            await consumer.commit({tps[1]: 1})

            # aiokafka alone leaves the never-committed partition where the fetcher got to
            await consumer.seek_to_committed()
            assert await consumer.position(tps[0]) == 2

            offsets = await seek_to_committed_or_start(consumer, skip_topics={changelog})
            assert offsets[tps[0]] is None and offsets[tps[1]] == 1
            assert [await consumer.position(tp) for tp in tps] == [0, 1, 2]
            assert await fetch_all(consumer, 3) == [(committed, 1), (fresh, 0), (fresh, 1)]
        finally:
            await consumer.stop()

    asyncio.run(run())
