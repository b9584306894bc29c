"""The topics, their partition counts, and creating them.

Everything keyed by ``upload_id`` (uploads, texts, flashcards) shares one partition count so the
stages stay co-partitioned. Feedback has one partition: it is aggregated per model version, a
handful of keys, and one partition sustains well over the 10,000 events/s we need; a single
owner also keeps the rollout decisions in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.events import (
    DeadLetter,
    Feedback,
    Flashcards,
    ModelVersion,
    RetrainRequest,
    Text,
    Upload,
)
from streams.exceptions import BrokerError
from streams.settings import Settings


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    config: tuple[tuple[str, str], ...] = ()


# Each topic's life fits its use. ``model-versions`` rebuilds every worker's routing state on
# replay, so it is kept forever, and NOT compacted: a rollout step ("rollout", 50 %) only means
# something after its version's "announced" event (which carries the model's URI), and both
# share the version as key, so compaction would keep the step and drop the announcement.
# ``flashcards`` is kept forever and compacted by upload: each event is an upload's full set of
# cards, and a regeneration replaces it. Work queues and dead letters expire. Tansu records these
# configs but neither compacts nor expires; Kafka (compose) does both.
FOREVER = "-1"
WEEK_MS = str(7 * 24 * 3600 * 1000)
MONTH_MS = str(30 * 24 * 3600 * 1000)
KEPT = (("cleanup.policy", "delete"), ("retention.ms", FOREVER), ("retention.bytes", FOREVER))
KEPT_COMPACTED = (("cleanup.policy", "compact"), ("retention.ms", FOREVER),
                  ("retention.bytes", FOREVER))


def topic_specs(settings: Settings) -> list[TopicSpec]:
    n = settings.partitions
    specs = [
        TopicSpec(Upload.topic, n, (("retention.ms", WEEK_MS),)),
        TopicSpec(Text.topic, n, (("retention.ms", WEEK_MS),)),
        TopicSpec(Flashcards.topic, n, KEPT_COMPACTED),
        TopicSpec(Feedback.topic, 1, (("retention.ms", MONTH_MS),)),  # the store keeps ratings
        TopicSpec(ModelVersion.topic, 1, KEPT),
        TopicSpec(RetrainRequest.topic, 1, (("retention.ms", MONTH_MS),)),
        TopicSpec(DeadLetter.topic, n, (("retention.ms", MONTH_MS),)),
    ]
    return [TopicSpec(settings.topic(s.name), s.partitions, s.config) for s in specs]


def create_topics(bootstrap: str, specs: list[TopicSpec], timeout: float = 15.0,
                  config: dict[str, Any] | None = None) -> list[str]:
    """Create missing topics with explicit partition counts; returns the names created.

    Creating explicitly matters: auto-created topics get the broker's default partition count,
    which breaks co-partitioning and Faust's table changelogs.
    """
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient, NewTopic
    from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

    admin = AdminClient({"bootstrap.servers": bootstrap, **(config or {})})  # + TLS/SASL
    try:
        # a broker just started on a loaded machine can miss the first request's deadline
        # (librdkafka "ApiVersionRequest timed out", which failed an `up` at load 16)
        for attempt in Retrying(stop=stop_after_attempt(3), reraise=True,
                                retry=retry_if_exception_type(KafkaException)):
            with attempt:
                existing = set(admin.list_topics(timeout=timeout).topics)
    except KafkaException as exc:
        raise BrokerError(f"cannot list topics on {bootstrap}: {exc}") from exc
    align_configs(admin, [s for s in specs if s.name in existing], timeout)
    wanted = [s for s in specs if s.name not in existing]
    if not wanted:
        return []
    futures = admin.create_topics(
        [
            NewTopic(s.name, num_partitions=s.partitions, replication_factor=-1,
                     config=dict(s.config))
            for s in wanted
        ],
        request_timeout=timeout,
    )
    created = []
    for name, future in futures.items():
        try:
            future.result(timeout)
            created.append(name)
        except KafkaException as exc:
            if "TOPIC_ALREADY_EXISTS" not in str(exc):
                raise BrokerError(f"cannot create topic {name}: {exc}") from exc
    return created


def align_configs(admin: Any, specs: list[TopicSpec], timeout: float) -> list[str]:
    """Give topics that already exist the configs their spec has now (IncrementalAlterConfigs:
    only the keys that differ are set, others' settings stay). A folder or cluster made before a
    spec changed would otherwise keep its old retention forever. Returns the names altered."""
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AlterConfigOpType, ConfigEntry, ConfigResource

    changes: list[Any] = []
    if not specs:
        return []
    described = admin.describe_configs(
        [ConfigResource("topic", s.name) for s in specs], request_timeout=timeout)
    current: dict[str, dict[str, str | None]] = {}
    for resource, future in described.items():
        try:
            current[resource.name] = {k: v.value for k, v in future.result(timeout).items()}
        except KafkaException as exc:
            raise BrokerError(f"cannot read the configs of topic {resource.name}: {exc}") from exc
    for spec in specs:
        differ = [(k, v) for k, v in spec.config if current.get(spec.name, {}).get(k) != v]
        if differ:
            changes.append(ConfigResource("topic", spec.name, incremental_configs=[
                ConfigEntry(k, v, incremental_operation=AlterConfigOpType.SET)
                for k, v in differ]))
    if not changes:
        return []
    altered = []
    for resource, future in admin.incremental_alter_configs(
            changes, request_timeout=timeout).items():
        try:
            future.result(timeout)
            altered.append(resource.name)
        except KafkaException as exc:
            raise BrokerError(f"cannot set the configs of topic {resource.name}: {exc}") from exc
    return altered


def wait_for_topics(bootstrap: str, names: list[str], timeout: float,
                    config: dict[str, Any] | None = None) -> None:
    """Until every topic exists: a worker may start before its topics are created (the embedded
    stack starts both side by side; compose runs a topic-init job), and must not let its
    client auto-create one with the broker's default partition count."""
    import time

    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient

    from streams.broker import reachable

    deadline = time.monotonic() + timeout
    # librdkafka backs off after a refused connection (100 ms, doubling, with jitter): a client
    # made before the broker listens would lose that much after it does. Plain TCP first.
    while not reachable(bootstrap, timeout=0.5) and time.monotonic() < deadline:
        time.sleep(0.02)
    admin = AdminClient({"bootstrap.servers": bootstrap, **(config or {})})  # + TLS/SASL
    missing = list(names)
    while time.monotonic() < deadline:
        try:
            existing = set(admin.list_topics(timeout=2).topics)
        except KafkaException:
            existing = set()  # the broker is not listening yet
        missing = [n for n in names if n not in existing]
        if not missing:
            return
        time.sleep(0.05)
    raise BrokerError(f"topics {', '.join(missing)} not on {bootstrap} within {timeout:.0f} s")
