"""The watchdog's view of the broker (agents.liveness.broker_view) on the real embedded Tansu."""

from __future__ import annotations

import uuid

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from agents.liveness import broker_view, lagging
from streams.broker import EmbeddedBroker

pytestmark = pytest.mark.integration


def test_committed_offsets_and_ends_as_a_stock_client_reads_them() -> None:
    tag = uuid.uuid4().hex[:8]
    topic, group = f"live-{tag}", f"g-{tag}"
    with EmbeddedBroker() as broker:
        config: dict[str, str | int | float | bool] = {"bootstrap.servers": broker.bootstrap}
        admin = AdminClient(config)
        for future in admin.create_topics([NewTopic(topic, 2, 1)]).values():
            future.result(30)
        producer = Producer(config)
        for n in range(3):  # a batch each, like uploads: Tansu's end offset counts batches
            producer.produce(topic, f"r{n}".encode(), partition=0)
            producer.flush(30)
        committer = Consumer({**config, "group.id": group})
        committer.commit(offsets=[TopicPartition(topic, 0, 1)], asynchronous=False)
        committer.close()

        committed, ends = broker_view(broker.bootstrap, group, [(topic, 0), (topic, 1)])
        assert committed == {(topic, 0): 1, (topic, 1): None}
        assert ends == {(topic, 0): (0, 3), (topic, 1): (0, 0)}
        assert lagging(committed, ends) == {(topic, 0): 2}
