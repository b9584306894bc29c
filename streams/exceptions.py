"""Errors of the Kafka plumbing.

    StreamsError            root
    ├── ConfigError         settings that cannot work together
    ├── BrokerError         the embedded broker would not start, or a cluster is unreachable
    ├── SerializationError  bytes that are not a valid event (wrong magic, unknown schema, bad Avro)
    ├── BlobError           a claim-check blob cannot be read now (retried)
    │   └── BlobRefused     a blob reference the store refuses: outside it, not a regular file,
    │                       too large, or not matching its checksum (never retried)
    └── DeliveryError       Kafka did not acknowledge a produced message
"""


class StreamsError(Exception):
    """Root of every error raised by the plumbing."""


class ConfigError(StreamsError):
    """Settings that cannot work together."""


class BrokerError(StreamsError):
    """The broker cannot be started or reached."""


class SerializationError(StreamsError):
    """The bytes are not a valid event."""


class BlobError(StreamsError):
    """A claim-check blob cannot be read."""


class BlobRefused(BlobError):
    """A blob reference that may not or cannot ever be read; retrying cannot help."""


class DeliveryError(StreamsError):
    """A produced message was not acknowledged."""
