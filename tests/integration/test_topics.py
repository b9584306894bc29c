"""Topic configs as the running broker reports them (DescribeConfigs on the real Tansu)."""

from __future__ import annotations

from typing import Any

from confluent_kafka.admin import AdminClient, ConfigResource

from schemas.events import DeadLetter, Flashcards, ModelVersion, Upload
from streams.topics import topic_specs


def described(bootstrap: str, topics: list[str]) -> dict[str, dict[str, str]]:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.describe_configs([ConfigResource("topic", t) for t in topics])
    return {resource.name: {k: v.value for k, v in future.result(15).items()}
            for resource, future in futures.items()}


def test_topics_are_created_with_configs_that_fit_their_use(stack: Any,
                                                            stack_settings: Any) -> None:
    t = stack_settings.topic
    configs = described(stack.bootstrap, [s.name for s in topic_specs(stack_settings)])
    # replayed to rebuild routing: kept forever, every event (see streams/topics.py)
    assert configs[t(ModelVersion.topic)]["retention.ms"] == "-1"
    assert configs[t(ModelVersion.topic)]["cleanup.policy"] == "delete"
    # an upload's latest cards: kept forever, compacted by upload
    assert configs[t(Flashcards.topic)]["retention.ms"] == "-1"
    assert configs[t(Flashcards.topic)]["cleanup.policy"] == "compact"
    # work queues and dead letters expire
    assert configs[t(Upload.topic)]["retention.ms"] == str(7 * 24 * 3600 * 1000)
    assert int(configs[t(DeadLetter.topic)]["retention.ms"]) > 0


def test_faust_changelogs_are_compacted(stack: Any, stack_settings: Any) -> None:
    admin = AdminClient({"bootstrap.servers": stack.bootstrap})
    changelogs = [name for name in admin.list_topics(timeout=15).topics
                  if name.startswith(stack_settings.app_id) and name.endswith("-changelog")]
    assert changelogs, "the worker declares its tables' changelogs"
    for name, config in described(stack.bootstrap, changelogs).items():
        assert config.get("cleanup.policy") == "compact", name


def test_events_carry_headers_a_stock_consumer_can_decode_by(stack: Any, stack_settings: Any,
                                                             client: Any) -> None:
    """Read one upload with a plain confluent-kafka consumer and fastavro, guided only by the
    headers and the committed .avsc files, as the README shows."""
    import io
    import json
    import uuid

    import fastavro
    from confluent_kafka import Consumer, TopicPartition

    from schemas.events import UploadOptions
    from tests.conftest import REPO

    upload = client.upload_text("Headers name the schema.", UploadOptions(num_cards=1))
    consumer = Consumer({"bootstrap.servers": stack.bootstrap, "group.id": uuid.uuid4().hex,
                         "enable.auto.commit": False})
    topic = stack_settings.topic(Upload.topic)
    partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
    consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
    found = None
    for _ in range(200):
        message = consumer.poll(0.2)
        if message is not None and not message.error() and message.key() == \
                upload.upload_id.encode():
            found = message
            break
    consumer.close()
    assert found is not None
    headers = {k: v.decode() for k, v in found.headers() or []}
    assert headers["content-type"] == "application/avro"
    assert headers["avro-encoding"] == "single-object"
    schemas = {}
    for path in (REPO / "schemas" / "avro").glob("*.avsc"):
        schema = json.loads(path.read_text())
        name = f"{schema['namespace']}.{schema['name']}" if "namespace" in schema \
            else schema["name"]
        schemas[name] = schema
    schema = schemas[headers["schema"]]
    frame = found.value()
    assert frame[2:10].hex() == headers["schema-fingerprint"]
    record = fastavro.schemaless_reader(io.BytesIO(frame[10:]), fastavro.parse_schema(schema))
    assert record["upload_id"] == upload.upload_id


def test_topics_made_with_older_configs_are_brought_up_to_date(tmp_path: Any) -> None:
    """A run folder (or cluster) from before a spec changed: its topics get today's configs at
    start-up (IncrementalAlterConfigs), keys the spec does not name are left alone."""
    from confluent_kafka.admin import NewTopic

    from streams.broker import EmbeddedBroker
    from streams.settings import Settings
    from streams.topics import create_topics

    settings = Settings(run_dir=tmp_path)
    specs = topic_specs(settings)
    versions = settings.topic(ModelVersion.topic)
    with EmbeddedBroker() as broker:
        admin = AdminClient({"bootstrap.servers": broker.bootstrap})
        old = {"retention.ms": "86400000", "cleanup.policy": "compact",
               "max.message.bytes": "500000"}
        for future in admin.create_topics([NewTopic(versions, 1, -1, config=old)]).values():
            future.result(15)
        created = create_topics(broker.bootstrap, specs)
        assert versions not in created and len(created) == len(specs) - 1
        config = described(broker.bootstrap, [versions])[versions]
        wanted = dict(next(s for s in specs if s.name == versions).config)
        assert {k: config[k] for k in wanted} == wanted
        assert config["max.message.bytes"] == "500000"
