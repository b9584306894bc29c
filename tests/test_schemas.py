"""Contracts: the committed Avro schemas match the models, every event round-trips, and old and
new schema versions read each other's bytes."""

from __future__ import annotations

import copy
import json

import fastavro
import pytest

from schemas import EVENT_TYPES, Card, DeadLetter, Flashcards, PageStat, Text, Upload, UploadOptions
from schemas.avro import load_committed, render, schema_for
from streams.exceptions import SerializationError
from streams.serde import AvroCodec, codec_from_settings

UPLOAD = Upload(upload_id="u1", filename="page.png", content_type="image/png", size_bytes=3,
                sha256="ab" * 32, data=b"\x89PN", options=UploadOptions(num_cards=4,
                question_types=["qa", "cloze"], language="es", subject="history"))
FLASHCARDS = Flashcards(
    upload_id="u1", cards=[
        Card(card_id="c1", type="mcq", question="Capital of France?", answer="Paris",
             choices=["Paris", "Lyon", "Nice"], quality_score=0.9, quality={"clarity": 1.0},
             source_sentence="Paris is the capital of France.", tags=["geo"]),
    ], requested=4, notes=["only 1 of 4 cards"], model_version="3",
)
TEXT = Text(upload_id="u1", filename="p.png", content_type="image/png", text="Hola",
            language="spa", source="ocr", avg_confidence=91.5, words_total=2, words_kept=1,
            pages=[PageStat(page=1, source="ocr", avg_confidence=91.5, words_total=2,
                            words_kept=1, seconds=0.8)])


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda e: e.topic)
def test_committed_avsc_matches_the_models(event_type):
    assert load_committed(event_type) == json.loads(render(event_type)), (
        f"schemas/avro/{event_type.topic}.avsc is stale: run `python -m schemas.avro`"
    )
    fastavro.parse_schema(load_committed(event_type))


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda e: e.topic)
def test_every_optional_field_has_a_default(event_type):
    """Evolvable: a reader can always fill a field that an older writer did not have."""
    schema = schema_for(event_type)
    for field in schema["fields"]:
        model_field = event_type.model_fields[field["name"]]
        if not model_field.is_required():
            assert "default" in field or field["type"] == {
                "type": "long", "logicalType": "timestamp-millis"}, field["name"]


@pytest.mark.parametrize("event", [UPLOAD, FLASHCARDS, TEXT], ids=lambda e: e.topic)
def test_round_trip_in_both_framings(event):
    for codec in (AvroCodec(), codec_from_settings("mock://test")):
        data = codec.encode(event)
        assert codec.decode(data, type(event)) == event


def test_framings_are_told_apart_by_their_magic():
    single = AvroCodec().encode(UPLOAD)
    confluent = codec_from_settings("mock://test").encode(UPLOAD)
    assert single[:2] == b"\xc3\x01"
    assert confluent[0] == 0
    # a decoder with a registry still reads single-object bytes
    assert codec_from_settings("mock://other").decode(single, Upload) == UPLOAD


def test_confluent_bytes_without_a_registry_say_what_is_missing():
    confluent = codec_from_settings("mock://test").encode(UPLOAD)
    with pytest.raises(SerializationError, match="SCHEMA_REGISTRY_URL"):
        AvroCodec().decode(confluent, Upload)


@pytest.mark.parametrize("garbage", [b"", b"hello world", b"\xc3\x01" + b"\x00" * 8 + b"x",
                                     b"\xc3\x01" + b"\x01" * 12])
def test_garbage_is_a_serialization_error(garbage):
    with pytest.raises(SerializationError):
        AvroCodec().decode(garbage, Upload)


def test_a_model_rejects_an_upload_with_two_payloads():
    with pytest.raises(ValueError, match="exactly one"):
        Upload(upload_id="u", filename="f", content_type="t", size_bytes=1, sha256="x",
               data=b"x", blob_uri="file:///x")


def _evolved_upload_schema() -> dict:
    """A v2 writer: one new field with a default, as the rules allow."""
    schema = copy.deepcopy(schema_for(Upload))
    schema["fields"].append({"name": "priority", "type": "long", "default": 0,
                             "doc": "v2: scheduling priority"})
    return schema


def test_new_writer_old_reader():
    v2 = _evolved_upload_schema()
    record = {**UPLOAD.model_dump(), "priority": 7}
    import io

    from streams.serde import SINGLE_OBJECT_MAGIC, avro_fingerprint

    buf = io.BytesIO()
    buf.write(SINGLE_OBJECT_MAGIC + avro_fingerprint(v2))
    fastavro.schemaless_writer(buf, fastavro.parse_schema(v2), record)
    old_reader = AvroCodec()
    old_reader.register_writer_schema(v2)  # learned from the registry / the schema catalogue
    assert old_reader.decode(buf.getvalue(), Upload) == UPLOAD  # the new field is skipped


def test_old_writer_new_reader():
    import io

    v2 = fastavro.parse_schema(_evolved_upload_schema())
    v1_bytes = AvroCodec().encode(UPLOAD)[10:]
    record = fastavro.schemaless_reader(io.BytesIO(v1_bytes), AvroCodec().reader_schema(Upload), v2)
    assert record["priority"] == 0  # the default fills what the old writer never wrote
    assert record["upload_id"] == "u1"


def test_dead_letter_keeps_the_original_bytes_exactly():
    original = bytes(range(256))
    letter = DeadLetter(stage="ocr", reason="bad", error_type="CorruptInput",
                        source_topic="uploads", original=original, original_key=b"k")
    codec = AvroCodec()
    assert codec.decode(codec.encode(letter), DeadLetter).original == original
