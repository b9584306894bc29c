"""TLS and SASL for every Kafka client, from one settings object.

cardstream talks to Kafka through three libraries, each with its own spelling of the same
options: confluent-kafka (client, CLI, retrainer, admin), aiokafka (the feedback batch reader)
and Faust (the worker's agents, on aiokafka). :class:`KafkaSecurity` is built once in a
composition root and hands each library its dialect. The password stays a ``SecretStr`` until
the moment a client is configured, and ``repr`` never shows it, so logging a config is safe.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import SecretStr

from streams.exceptions import ConfigError

Protocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
Mechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]


@dataclass(frozen=True)
class KafkaSecurity:
    protocol: Protocol = "PLAINTEXT"
    ca_file: Path | None = None  # trust these CAs (else the system's)
    cert_file: Path | None = None  # client certificate, for brokers that ask for one
    key_file: Path | None = None
    mechanism: Mechanism = "SCRAM-SHA-512"
    username: str | None = None
    password: SecretStr | None = None

    def __post_init__(self) -> None:
        if self.sasl and not (self.username and self.password):
            raise ConfigError(f"{self.protocol} needs a SASL username and password")
        if (self.cert_file is None) != (self.key_file is None):
            raise ConfigError("a client certificate needs both its file and its key file")

    @property
    def tls(self) -> bool:
        return self.protocol in ("SSL", "SASL_SSL")

    @property
    def sasl(self) -> bool:
        return self.protocol in ("SASL_PLAINTEXT", "SASL_SSL")

    def _password(self) -> str:
        assert self.password is not None
        return self.password.get_secret_value()

    def confluent(self) -> dict[str, Any]:
        """librdkafka properties for Producer, Consumer and AdminClient."""
        conf: dict[str, Any] = {"security.protocol": self.protocol}
        if self.tls:
            if self.ca_file:
                conf["ssl.ca.location"] = str(self.ca_file)
            if self.cert_file and self.key_file:
                conf["ssl.certificate.location"] = str(self.cert_file)
                conf["ssl.key.location"] = str(self.key_file)
        if self.sasl:
            conf.update({"sasl.mechanism": self.mechanism, "sasl.username": self.username,
                         "sasl.password": self._password()})
        return conf

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.tls:
            return None
        context = ssl.create_default_context(
            cafile=str(self.ca_file) if self.ca_file else None
        )
        if self.cert_file and self.key_file:
            context.load_cert_chain(str(self.cert_file), str(self.key_file))
        return context

    def aiokafka(self) -> dict[str, Any]:
        """Keyword arguments for aiokafka's consumers and producers."""
        conf: dict[str, Any] = {"security_protocol": self.protocol}
        if self.tls:
            conf["ssl_context"] = self.ssl_context()
        if self.sasl:
            conf.update({"sasl_mechanism": self.mechanism, "sasl_plain_username": self.username,
                         "sasl_plain_password": self._password()})
        return conf

    def faust(self) -> Any:
        """Faust's ``broker_credentials`` (None for plaintext)."""
        import faust

        if self.sasl:
            return faust.SASLCredentials(username=self.username, password=self._password(),
                                         ssl_context=self.ssl_context(),
                                         mechanism=self.mechanism)
        if self.tls:
            return faust.SSLCredentials(self.ssl_context())
        return None


PLAINTEXT = KafkaSecurity()


def security_from(settings: Any) -> KafkaSecurity:
    """The settings' ``kafka_*`` fields as a KafkaSecurity."""
    return KafkaSecurity(
        protocol=settings.kafka_security_protocol,
        ca_file=settings.kafka_ssl_ca_file,
        cert_file=settings.kafka_ssl_cert_file,
        key_file=settings.kafka_ssl_key_file,
        mechanism=settings.kafka_sasl_mechanism,
        username=settings.kafka_sasl_username,
        password=settings.kafka_sasl_password,
    )
