"""confluent-kafka clients with cardstream's delivery guarantees.

Producers: ``acks=all`` and idempotence on, so a retried send never duplicates or reorders.
Consumers: no auto-commit; callers commit after processing (at-least-once).
"""

from __future__ import annotations

import uuid
from typing import Any

from confluent_kafka import (
    Consumer,
    KafkaError,
    KafkaException,
    Message,
    Producer,
    TopicPartition,
)

from streams.exceptions import BrokerError, DeliveryError


def producer(bootstrap: str, **extra: Any) -> Producer:
    return Producer({
        "bootstrap.servers": bootstrap,
        "acks": "all",
        "enable.idempotence": True,
        "linger.ms": 5,
        # no compression: most payloads are images, already compressed, and the Faust side
        # (aiokafka) would need an extra lz4 library to read them
        "partitioner": "murmur2_random",  # the Java client's partitioner, as aiokafka uses
        "log_level": 2,  # librdkafka retries a lost broker for us; don't spam the terminal
        "message.max.bytes": 1_000_000,
        **extra,
    })


def consumer(bootstrap: str, group_id: str | None = None, **extra: Any) -> Consumer:
    return Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group_id or f"cardstream-client-{uuid.uuid4().hex[:12]}",
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "session.timeout.ms": 6000,
        "log_level": 2,
        **extra,
    })


def produce_sync(prod: Producer, topic: str, key: bytes | str | None, value: bytes,
                 timeout: float = 30.0,
                 headers: list[tuple[str, str | bytes | None]] | None = None) -> None:
    """Produce one message and wait for the broker's acknowledgement."""
    errors: list[KafkaError] = []

    def on_delivery(err: KafkaError | None, _msg: Message) -> None:
        if err is not None:
            errors.append(err)

    prod.produce(topic, key=key, value=value, on_delivery=on_delivery, headers=headers)
    remaining = prod.flush(timeout)
    if remaining:
        raise DeliveryError(f"{remaining} message(s) to {topic} not acknowledged in {timeout} s")
    if errors:
        raise DeliveryError(f"delivery to {topic} failed: {errors[0].str()}")


def _partitions(cons: Consumer, topics: list[str], timeout: float,
                required: bool) -> list[tuple[str, int]]:
    try:
        metadata = cons.list_topics(timeout=timeout)
    except KafkaException as exc:
        raise BrokerError(f"cannot read topic metadata: {exc}") from exc
    found = []
    for topic in topics:
        if topic not in metadata.topics:
            if required:
                raise BrokerError(f"topic {topic} does not exist; is `cardstream up` running?")
            continue
        found += [(topic, partition) for partition in metadata.topics[topic].partitions]
    return found


def end_offsets(cons: Consumer, topics: list[str], timeout: float = 10.0) -> list[TopicPartition]:
    """Every partition of ``topics`` at its current end offset."""
    ends = []
    for topic, partition in _partitions(cons, topics, timeout, required=True):
        try:
            _low, high = cons.get_watermark_offsets(TopicPartition(topic, partition),
                                                    timeout=timeout)
        except KafkaException as exc:
            raise BrokerError(f"cannot read the end of {topic}[{partition}]: {exc}") from exc
        ends.append(TopicPartition(topic, partition, high))
    return ends


def assign_at_end(cons: Consumer, topics: list[str], timeout: float = 10.0) -> None:
    """Assign every partition of ``topics`` at its current end offset.

    Clients that wait for results start reading *before* they produce, without joining a
    consumer group (a group join costs seconds on every CLI call).
    """
    cons.assign(end_offsets(cons, topics, timeout))


def assign_from_start(cons: Consumer, topics: list[str], timeout: float = 10.0) -> None:
    cons.assign([
        TopicPartition(topic, partition, 0)
        for topic, partition in _partitions(cons, topics, timeout, required=False)
    ])
