"""Against an external cluster, `up` reports the cluster's loss once and its return once, and
recreates the topics a fresh cluster lacks (a real Tansu stopped and started on the same port);
an embedded broker's death is the one thing that stops the stack."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def test_cluster_loss_is_reported_once_and_its_return_recreates_the_topics(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from confluent_kafka.admin import AdminClient

    from cardstream.stack import Stack
    from streams.broker import EmbeddedBroker
    from streams.ports import free_port
    from streams.runinfo import RunInfo
    from streams.settings import Settings

    port = free_port()
    bootstrap = f"127.0.0.1:{port}"
    settings = Settings(run_dir=tmp_path, bootstrap_servers=bootstrap,
                        topic_prefix=f"w{uuid.uuid4().hex[:6]}-")
    stack = Stack(settings)
    stack.info = RunInfo(bootstrap=bootstrap, embedded=False, tracking_uri="", blob_dir="")
    caplog.set_level(logging.WARNING, "cardstream.stack")

    def topics() -> set[str]:
        admin = AdminClient({"bootstrap.servers": bootstrap})
        return {t for t in admin.list_topics(timeout=10).topics if t.startswith(
            settings.topic_prefix)}

    with EmbeddedBroker(port=port):
        stack._watch_cluster()
    for _ in range(3):  # gone, and still gone: one report
        stack._watch_cluster()
    lost = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(lost) == 1 and bootstrap in lost[0].getMessage()
    assert stack.supervise() is None  # losing an external cluster does not stop the stack

    with EmbeddedBroker(port=port):  # a fresh, empty cluster on the same address
        stack._watch_cluster()
        stack._watch_cluster()
        back = [r for r in caplog.records if "is back" in r.getMessage()]
        assert len(back) == 1 and "created the missing topics" in back[0].getMessage()
        assert settings.topic("uploads") in topics()


def test_the_embedded_brokers_death_stops_the_stack_with_a_message(tmp_path: Path) -> None:
    from cardstream.stack import Stack
    from streams.broker import EmbeddedBroker
    from streams.settings import Settings

    stack = Stack(Settings(run_dir=tmp_path))
    stack.broker = EmbeddedBroker().start()
    assert stack.supervise() is None
    assert stack.broker._process is not None
    stack.broker._process.kill()
    stack.broker._process.wait()
    message = stack.supervise()
    assert message is not None and "embedded Kafka broker (Tansu) died" in message
    stack.broker.stop()
