"""One message the retrainer cannot decode is dead-lettered and committed; the retrainer goes
on (real broker, the real Retrainer loop; no training is triggered)."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

pytestmark = pytest.mark.integration


def test_an_undecodable_request_is_dead_lettered_and_committed(tmp_path: Path) -> None:
    from cardstream.retrainer_main import Retrainer
    from schemas.events import DeadLetter, RetrainRequest
    from streams import kafka
    from streams.broker import EmbeddedBroker
    from streams.serde import AvroCodec
    from streams.settings import Settings
    from streams.store import CardStore
    from streams.topics import create_topics, topic_specs

    tag = uuid.uuid4().hex[:8]
    with EmbeddedBroker() as broker:
        settings = Settings(run_dir=tmp_path, topic_prefix=f"r{tag}-", app_id=f"r-{tag}",
                            bootstrap_servers=broker.bootstrap)
        create_topics(broker.bootstrap, topic_specs(settings))
        producer = kafka.producer(broker.bootstrap)
        kafka.produce_sync(producer, settings.topic(RetrainRequest.topic), b"req-1",
                           b"garbage, not avro")
        retrainer = Retrainer(settings, broker.bootstrap, f"sqlite:///{tmp_path}/mlflow.db",
                              CardStore(tmp_path / "cards.db"), CollectorRegistry())
        loop = threading.Thread(target=retrainer.run, daemon=True)
        loop.start()

        letters = kafka.consumer(broker.bootstrap)
        kafka.assign_from_start(letters, [settings.topic(DeadLetter.topic)])
        letter = None
        deadline = time.monotonic() + 120
        while letter is None and time.monotonic() < deadline:
            message = letters.poll(0.5)
            if message is not None and not message.error():
                letter = AvroCodec().decode(message.value(), DeadLetter)
        letters.close()
        # the retrainer is still running, and the bad message's offset is committed
        assert loop.is_alive()
        committed = None
        while committed != 1 and time.monotonic() < deadline:
            time.sleep(0.5)
            group = kafka.consumer(broker.bootstrap, group_id=f"{settings.app_id}-retrainer")
            from confluent_kafka import TopicPartition

            [position] = group.committed(
                [TopicPartition(settings.topic(RetrainRequest.topic), 0)], timeout=10)
            committed = position.offset
            group.close()
        retrainer.stopping = True
        loop.join(30)
        retrainer.close()
    assert letter is not None
    assert letter.stage == "retrainer" and letter.original == b"garbage, not avro"
    assert letter.original_key == b"req-1" and "not an Avro event" in letter.reason
    assert committed == 1
