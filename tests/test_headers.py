"""Event headers name the schema and the framing, for consumers that don't know our code."""

from __future__ import annotations

import struct

from schemas.avro import schema_for
from schemas.events import Feedback
from streams.serde import AvroCodec, avro_fingerprint, codec_from_settings


def test_single_object_headers_name_the_schema_and_its_fingerprint() -> None:
    codec = AvroCodec()
    data = codec.encode(Feedback(feedback_id="f", card_id="c", rating=3))
    headers = dict(codec.headers(data))
    assert headers["content-type"] == b"application/avro"
    assert headers["avro-encoding"] == b"single-object"
    assert headers["schema-fingerprint"] == avro_fingerprint(schema_for(Feedback)).hex().encode()
    assert headers["schema"].decode().endswith("Feedback")


def test_confluent_framed_headers_carry_the_registry_id() -> None:
    codec = codec_from_settings("mock://headers")
    data = codec.encode(Feedback(feedback_id="f", card_id="c", rating=3))
    headers = dict(codec.headers(data))
    assert headers["avro-encoding"] == b"confluent"
    assert int(headers["schema-id"]) == struct.unpack(">I", data[1:5])[0]
    assert headers["schema"] == b"cardstream.Feedback"
