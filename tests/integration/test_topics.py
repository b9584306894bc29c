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
