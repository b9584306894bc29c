"""Tansu's S3 engine reports a stale high watermark: ListOffsets(latest) stays at the offset
after the first record the broker process wrote, however many follow (README, "Lag on Tansu").
Readers that stop at the watermark therefore stop early; `models list/promote/rollback` read
`model-versions` past it, to where a fetch finds nothing more. Real SeaweedFS, real Tansu."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardstream import bootstrap, modelops
from schemas.events import ModelVersion
from streams import kafka
from streams.broker import EmbeddedBroker
from streams.objectstore import EmbeddedObjectStore
from streams.settings import Settings
from streams.topics import create_topics, topic_specs

pytestmark = pytest.mark.integration


def test_model_versions_are_read_past_a_stale_watermark(tmp_path: Path):
    with EmbeddedObjectStore(tmp_path / "s3") as s3, \
            EmbeddedBroker(s3=s3.endpoint, workdir=tmp_path) as broker:
        settings = Settings(bootstrap_servers=broker.bootstrap, run_dir=tmp_path / "run")
        create_topics(broker.bootstrap, topic_specs(settings))
        codec = bootstrap.codec(settings)
        producer = kafka.producer(broker.bootstrap)
        sent = [ModelVersion(name="m", version=str(v), uri=f"models:/m/{v}", action="announced",
                             rollout_percent=10) for v in range(1, 7)]
        for event in sent:  # one flush each: separate produce requests, as the verbs make
            value = codec.encode(event)
            kafka.produce_sync(producer, settings.topic(ModelVersion.topic), event.version,
                               value)
        read = modelops.read_model_events(settings)
        assert [event.version for event in read] == [event.version for event in sent]
