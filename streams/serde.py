"""Avro encoding of events, in one of two framings.

* Confluent wire format (``0x00`` + 4-byte schema id + Avro body) when a schema registry is
  configured, so Kafka-UI and other Confluent tools can decode the topics.
* Avro single-object encoding (``0xC3 0x01`` + 8-byte CRC-64-AVRO fingerprint + body) otherwise:
  self-describing without any registry.

Decoders accept both framings whatever the encoder uses, and resolve the writer's schema against
the reader's (Avro schema resolution), so old and new versions of a service can talk.
"""

from __future__ import annotations

import io
import json
import struct
from typing import Any, Protocol, TypeVar

import fastavro
from fastavro.schema import fingerprint, to_parsing_canonical_form
from pydantic import ValidationError

from schemas.avro import schema_for
from schemas.events import Event
from streams.exceptions import SerializationError

E = TypeVar("E", bound=Event)

SINGLE_OBJECT_MAGIC = b"\xc3\x01"
CONFLUENT_MAGIC = 0


class SchemaRegistry(Protocol):
    """The part of confluent-kafka's SchemaRegistryClient that the codec uses."""

    def register_schema(self, subject_name: str, schema: Any) -> int: ...
    def get_schema(self, schema_id: int) -> Any: ...


def avro_fingerprint(schema: dict[str, Any]) -> bytes:
    canonical = to_parsing_canonical_form(fastavro.parse_schema(schema))
    return int(fingerprint(canonical, "CRC-64-AVRO"), 16).to_bytes(8, "little")


def _full_name(schema: dict[str, Any]) -> str:
    namespace = schema.get("namespace")
    return f"{namespace}.{schema['name']}" if namespace else str(schema["name"])


class AvroCodec:
    """Encodes and decodes events; one instance per process, shared by every topic."""

    def __init__(self, registry: SchemaRegistry | None = None, subject_prefix: str = "") -> None:
        self._registry = registry
        self._subject_prefix = subject_prefix
        self._parsed: dict[type[Event], Any] = {}
        self._fingerprints: dict[type[Event], bytes] = {}
        self._by_fingerprint: dict[bytes, Any] = {}
        self._by_registry_id: dict[int, Any] = {}
        self._registry_ids: dict[type[Event], int] = {}
        # the schema's full name by its framing, for the headers a stock consumer reads
        self._names: dict[bytes | int, str] = {}

    # --- schemas ------------------------------------------------------------------------
    def reader_schema(self, event_type: type[Event]) -> Any:
        parsed = self._parsed.get(event_type)
        if parsed is None:
            schema = schema_for(event_type)
            parsed = fastavro.parse_schema(schema)
            fingerprint = avro_fingerprint(schema)
            self._fingerprints[event_type] = fingerprint
            self._by_fingerprint[fingerprint] = parsed
            self._names[fingerprint] = _full_name(schema)
            # last: a thread that finds the type parsed must find its fingerprint too (two
            # watchers sharing a client once decoded a Text before its fingerprint was known)
            self._parsed[event_type] = parsed
        return parsed

    def register_writer_schema(self, schema: dict[str, Any]) -> None:
        """Teach the decoder another version of a schema (single-object framing)."""
        self._by_fingerprint[avro_fingerprint(schema)] = fastavro.parse_schema(schema)

    def _registry_id(self, event_type: type[Event]) -> int:
        schema_id = self._registry_ids.get(event_type)
        if schema_id is None:
            from confluent_kafka.schema_registry import Schema

            assert self._registry is not None
            subject = f"{self._subject_prefix}{event_type.topic}-value"
            text = json.dumps(schema_for(event_type))
            try:
                schema_id = self._registry.register_schema(subject, Schema(text, "AVRO"))
            except Exception as exc:  # the client raises its own error tree and requests' errors
                raise SerializationError(f"cannot register {subject}: {exc}") from exc
            self._registry_ids[event_type] = schema_id
            self._by_registry_id[schema_id] = self.reader_schema(event_type)
            self._names[schema_id] = _full_name(schema_for(event_type))
        return schema_id

    def _writer_from_registry(self, schema_id: int) -> Any:
        parsed = self._by_registry_id.get(schema_id)
        if parsed is None:
            if self._registry is None:
                raise SerializationError(
                    f"Confluent-framed message (schema id {schema_id}) but no schema registry "
                    "is configured (set SCHEMA_REGISTRY_URL)"
                )
            try:
                schema = self._registry.get_schema(schema_id)
                parsed = fastavro.parse_schema(json.loads(schema.schema_str))
            except Exception as exc:
                raise SerializationError(f"unknown schema id {schema_id}: {exc}") from exc
            self._by_registry_id[schema_id] = parsed
        return parsed

    # --- framing ------------------------------------------------------------------------
    def encode(self, event: Event) -> bytes:
        event_type = type(event)
        schema = self.reader_schema(event_type)
        buf = io.BytesIO()
        if self._registry is not None:
            buf.write(struct.pack(">bI", CONFLUENT_MAGIC, self._registry_id(event_type)))
        else:
            buf.write(SINGLE_OBJECT_MAGIC)
            buf.write(self._fingerprints[event_type])
        try:
            fastavro.schemaless_writer(buf, schema, event.model_dump())
        except (ValueError, TypeError) as exc:
            raise SerializationError(f"cannot encode {event_type.__name__}: {exc}") from exc
        return buf.getvalue()

    def headers(self, data: bytes) -> list[tuple[str, str | bytes | None]]:
        """Headers naming what ``data`` (from :meth:`encode`) is, so a generic consumer (kcat,
        Kafka-UI, a script) can tell the schema without knowing our framing:
        ``content-type: application/avro``, ``avro-encoding`` (``single-object`` or
        ``confluent``), ``schema`` (the record's full name) and ``schema-fingerprint``
        (CRC-64-AVRO, hex, as in the single-object frame) or ``schema-id`` (the registry's)."""
        found: list[tuple[str, str | bytes | None]] = [("content-type", b"application/avro")]
        if data[:2] == SINGLE_OBJECT_MAGIC:
            fp = bytes(data[2:10])
            found += [("avro-encoding", b"single-object"),
                      ("schema-fingerprint", fp.hex().encode())]
            name = self._names.get(fp)
        else:
            schema_id = struct.unpack(">I", data[1:5])[0]
            found += [("avro-encoding", b"confluent"), ("schema-id", str(schema_id).encode())]
            name = self._names.get(schema_id)
        if name:
            found.append(("schema", name.encode()))
        return found

    def decode(self, data: bytes | None, event_type: type[E]) -> E:
        if not data:
            raise SerializationError("empty message")
        reader = self.reader_schema(event_type)
        if data[:2] == SINGLE_OBJECT_MAGIC:
            writer = self._by_fingerprint.get(bytes(data[2:10]))
            if writer is None:
                raise SerializationError(
                    f"unknown schema fingerprint {bytes(data[2:10]).hex()} for {event_type.topic}"
                )
            body = data[10:]
        elif data[0] == CONFLUENT_MAGIC and len(data) >= 5:
            (schema_id,) = struct.unpack(">I", data[1:5])
            writer = self._writer_from_registry(schema_id)
            body = data[5:]
        else:
            raise SerializationError(
                f"not an Avro event (first bytes {bytes(data[:4]).hex()}); expected "
                "single-object or Confluent framing"
            )
        try:
            record = fastavro.schemaless_reader(io.BytesIO(body), writer, reader)
            return event_type.model_validate(record)
        except ValidationError as exc:  # one line a client can read: which field, what is wrong
            problems = "; ".join(
                f"{'.'.join(str(part) for part in error['loc']) or 'event'}: {error['msg']}"
                for error in exc.errors()[:3]
            )
            raise SerializationError(f"invalid {event_type.__name__}: {problems}") from exc
        except Exception as exc:  # fastavro raises many types on bad bytes
            raise SerializationError(f"invalid {event_type.__name__}: {exc}") from exc


def codec_from_settings(registry_url: str | None, auth: str | None = None) -> AvroCodec:
    """Build the codec; with a registry URL, the Confluent framing via confluent-kafka's client."""
    if not registry_url:
        return AvroCodec()
    from confluent_kafka.schema_registry import SchemaRegistryClient

    conf: dict[str, Any] = {"url": registry_url}
    if auth:
        conf["basic.auth.user.info"] = auth
    return AvroCodec(SchemaRegistryClient.new_client(conf))
