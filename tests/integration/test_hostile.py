"""Hostile and malformed uploads on the real stack: each ends in ``error`` with a clear one-line
reason that the waiting client sees, and the worker keeps serving good uploads."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from pathlib import Path

import pytest
from PIL import Image

from schemas.events import Upload, UploadOptions
from streams import kafka

pytestmark = pytest.mark.integration

WAIT = 240.0
GOOD_TEXT = ("Mitochondria are the organelles that produce most of the cell's ATP through "
             "cellular respiration. The inner membrane of the mitochondrion is folded into "
             "cristae, which increase its surface area.")


def send_raw(client, key: str, value: bytes | None) -> None:  # type: ignore[no-untyped-def]
    kafka.produce_sync(client._producer, client.topic("uploads"), key, value)


def upload_event(client, upload_id: str, **fields) -> bytes:  # type: ignore[no-untyped-def]
    """An Upload as a producer that skipped every client-side check would write it."""
    values = {"upload_id": upload_id, "filename": "x.txt", "content_type": "text/plain",
              "size_bytes": 0, "sha256": "", "data": None, "blob_uri": None,
              "options": UploadOptions(), "user_id": None}
    values.update(fields)
    return client.codec.encode(Upload.model_construct(**values))


def outcomes_of(client, sends: dict[str, object]):  # type: ignore[no-untyped-def]
    """Send every prepared message (callables) and wait for all their outcomes."""
    with client.watcher() as watch:
        for send in sends.values():
            send()  # type: ignore[operator]
        return watch.wait(list(sends), WAIT)


def assert_clear_error(outcome, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert outcome.status == "error", (outcome.status, outcome.flashcards)
    reason = outcome.error.reason
    assert "\n" not in reason and "Traceback" not in reason
    assert not reason.startswith("internal error"), reason
    for fragment in fragments:
        assert fragment in reason, reason


def test_blob_uris_outside_the_store_and_fifos_are_refused_and_good_uploads_go_on(client):
    passwd = Path("/etc/passwd").read_bytes()
    fifo_sha = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
    fifo = client.blobs.path_of(fifo_sha)
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    ids = {name: uuid.uuid4().hex for name in ("passwd", "passwd_sha", "fifo", "good")}
    sends = {
        ids["passwd"]: lambda: send_raw(client, ids["passwd"], upload_event(
            client, ids["passwd"], blob_uri="file:///etc/passwd", size_bytes=len(passwd))),
        ids["passwd_sha"]: lambda: send_raw(client, ids["passwd_sha"], upload_event(
            client, ids["passwd_sha"], blob_uri="file:///etc/passwd",
            sha256=hashlib.sha256(passwd).hexdigest(), size_bytes=len(passwd))),
        ids["fifo"]: lambda: send_raw(client, ids["fifo"], upload_event(
            client, ids["fifo"], blob_uri=fifo.as_uri(), sha256=fifo_sha, size_bytes=10)),
        ids["good"]: lambda: client.upload_bytes(GOOD_TEXT.encode(), "good.txt", "text/plain",
                                                 UploadOptions(num_cards=2),
                                                 upload_id=ids["good"]),
    }
    outcomes = outcomes_of(client, sends)
    assert_clear_error(outcomes[ids["passwd"]], "SHA-256")
    assert_clear_error(outcomes[ids["passwd_sha"]], "not in this blob store")
    assert_clear_error(outcomes[ids["fifo"]], "not a regular file")
    assert outcomes[ids["good"]].status == "ok"
    for outcome in outcomes.values():  # nothing of /etc/passwd was ever published as text
        assert outcome.text is None or "root:" not in outcome.text.text


def test_undecodable_upload_events_reach_their_client_by_key(client):
    ids = {name: uuid.uuid4().hex for name in ("range", "garbage", "null", "fingerprint")}
    data = b"some text for cards"
    too_many = UploadOptions.model_construct(num_cards=100_000, difficulty="intermediate",
                                             question_types=["qa"], language=None, subject=None,
                                             min_confidence=70.0)
    valid = upload_event(client, ids["fingerprint"], data=data,
                         sha256=hashlib.sha256(data).hexdigest())
    sends = {
        ids["range"]: lambda: send_raw(client, ids["range"], upload_event(
            client, ids["range"], data=data, sha256=hashlib.sha256(data).hexdigest(),
            options=too_many)),
        # random bytes, but never a framing marker: one CI run in 256 drew a leading 0x00 and got
        # the (also clear) "Confluent-framed message ... no schema registry" error instead
        ids["garbage"]: lambda: send_raw(client, ids["garbage"], b"\xff" + os.urandom(63)),
        ids["null"]: lambda: send_raw(client, ids["null"], None),
        ids["fingerprint"]: lambda: send_raw(client, ids["fingerprint"],
                                             valid[:2] + b"\x00" * 8 + valid[10:]),
    }
    outcomes = outcomes_of(client, sends)
    assert_clear_error(outcomes[ids["range"]], "num_cards")
    assert_clear_error(outcomes[ids["garbage"]], "not an Avro event")
    assert_clear_error(outcomes[ids["null"]], "empty message")
    assert_clear_error(outcomes[ids["fingerprint"]], "unknown schema fingerprint")
    for upload_id, outcome in outcomes.items():
        assert outcome.error.upload_id == upload_id


def tiff_frames(count: int, size: tuple[int, int]) -> bytes:
    frames = [Image.new("1", size, 1) for _ in range(count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", compression="group4", save_all=True,
                   append_images=frames[1:])
    return buffer.getvalue()


def test_named_input_errors_instead_of_internal_ones(client):
    page = io.BytesIO()
    Image.new("L", (600, 400), 255).save(page, format="TIFF")
    truncated = page.getvalue()[:100]
    bomb = tiff_frames(50, (3000, 3000))
    uploads = {
        "truncated": lambda: client.upload_bytes(truncated, "cut.tiff", "image/tiff"),
        "bomb": lambda: client.upload_bytes(bomb, "frames.tiff", "image/tiff"),
        "huge_text": lambda: client.upload_text("Word " * 220_000),  # 1.1 MB: by claim-check
        "lang": lambda: client.upload_text(GOOD_TEXT, UploadOptions(language="xx")),
    }
    with client.watcher() as watch:
        ids = {name: make().upload_id for name, make in uploads.items()}
        outcomes = watch.wait(list(ids.values()), WAIT)
    got = {name: outcomes[upload_id] for name, upload_id in ids.items()}
    assert_clear_error(got["truncated"], "corrupt or truncated")
    assert_clear_error(got["bomb"], "per-upload budget")
    # by claim-check and read in sections (not Kafka's size error), then refused for what it is
    # and told why (types.NO_SENTENCE: its sections' reason, no longer "no usable sentences")
    assert_clear_error(got["huge_text"], "no cards could be made",
                       "no sentence of this text states a fact")
    assert_clear_error(got["lang"], "unknown language 'xx'")
    assert "install" not in got["lang"].error.reason


def test_italian_and_portuguese_text_need_no_tesseract_pack(client):
    texts = {
        "it": "La fotosintesi è il processo con cui le piante producono glucosio. La clorofilla "
              "assorbe la luce del sole nelle foglie. L'ossigeno viene rilasciato nell'aria.",
        "pt": "A fotossíntese é o processo pelo qual as plantas produzem glicose. A clorofila "
              "absorve a luz do sol nas folhas. O oxigênio é liberado para o ar.",
    }
    with client.watcher() as watch:
        ids = {lang: client.upload_text(text, UploadOptions(num_cards=2, language=lang)).upload_id
               for lang, text in texts.items()}
        outcomes = watch.wait(list(ids.values()), WAIT)
    for upload_id in ids.values():
        outcome = outcomes[upload_id]
        assert outcome.status == "ok", outcome.error
        assert outcome.flashcards.cards
