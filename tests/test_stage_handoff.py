"""The stages' side of the hand-off, at their seam (a list-collecting or failing ``emit``):
large text by claim-check, no cards is an error, undeliverable results stop the worker, and
undecodable events are dead-lettered under the upload id in their key."""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import pytest
from prometheus_client import CollectorRegistry

from agents.deadletter import Source, Undeliverable
from agents.generation.types import GenerationResult
from agents.metrics import PipelineMetrics
from agents.pipeline.generate_stage import GenerateStage
from agents.pipeline.ocr_stage import OcrStage
from schemas.events import DeadLetter, Flashcards, Text, Upload
from streams.blobs import LocalBlobStore
from streams.serde import AvroCodec
from streams.store import CardStore

TEXT = ("The mitochondrion is the powerhouse of the cell. It produces ATP through cellular "
        "respiration. Its inner membrane is folded into cristae. ") * 40


class Collect:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str | None, bytes]] = []

    async def __call__(self, topic: str, key: str | None, value: bytes) -> None:
        self.sent.append((topic, key, value))


def base(emit: Any) -> dict[str, Any]:
    return {"codec": AvroCodec(), "emit": emit, "metrics": PipelineMetrics(CollectorRegistry()),
            "dead_letter_topic": "dead-letters"}


def upload(data: bytes, upload_id: str = "u1") -> Upload:
    return Upload(upload_id=upload_id, filename="notes.txt", content_type="text/plain",
                  size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data)


def source(codec: AvroCodec, event: Any, topic: str, key: bytes | None = b"u1") -> Source:
    return Source(topic, 0, 7, key, codec.encode(event))


def ocr_stage(tmp_path: Path, emit: Any, inline_limit: int = 256 * 1024) -> OcrStage:
    return OcrStage(pool=lambda: ThreadPoolExecutor(1), blobs=LocalBlobStore(tmp_path),
                    texts_topic="texts", inline_limit=inline_limit, **base(emit))


def test_a_text_over_the_inline_limit_travels_by_claim_check(tmp_path: Path) -> None:
    emit = Collect()
    stage = ocr_stage(tmp_path, emit, inline_limit=1024)
    codec = stage.codec
    asyncio.run(stage.handle(source(codec, upload(TEXT.encode()), "uploads")))
    [(topic, key, value)] = emit.sent
    text = codec.decode(value, Text)
    assert topic == "texts" and key == "u1"
    assert text.text == "" and text.text_uri and len(value) < 2048
    # the generate stage reads it back and makes cards from the whole text
    cards = Collect()
    generate = GenerateStage(engine=Engine(), executor=ThreadPoolExecutor(1),
                             flashcards_topic="flashcards", store=CardStore(tmp_path / "c.db"),
                             blobs=LocalBlobStore(tmp_path), **base(cards))
    asyncio.run(generate.handle(Source("texts", 0, 1, b"u1", value)))
    [(topic, _, value)] = cards.sent
    assert topic == "flashcards" and codec.decode(value, Flashcards).cards
    assert Engine.seen == [TEXT.strip()]


class Engine:
    """The real rule engine, recording what text it was given (or returning no cards)."""

    seen: ClassVar[list[str]] = []

    def __init__(self, empty: bool = False) -> None:
        from agents.generation import build_engine
        from agents.generation.types import LlmSettings

        self.real = build_engine(None, LlmSettings())
        self.empty = empty

    def generate(self, request: Any, rater: Any = None) -> GenerationResult:
        Engine.seen.append(request.text)
        if self.empty:
            return GenerationResult(cards=[], language="ar", engine="rules",
                                    notes=["the text offers no sentences to ask about"])
        result: GenerationResult = self.real.generate(request, rater)
        return result


def test_no_cards_is_an_error_with_the_reason(tmp_path: Path) -> None:
    emit = Collect()
    codec = AvroCodec()
    stage = GenerateStage(engine=Engine(empty=True), executor=ThreadPoolExecutor(1),
                          flashcards_topic="flashcards", store=CardStore(tmp_path / "c.db"),
                          **base(emit))
    text = Text(upload_id="u1", filename="a.txt", content_type="text/plain", text="Lorem.",
                language="eng", source="text")
    asyncio.run(stage.handle(source(codec, text, "texts")))
    [(topic, key, value)] = emit.sent
    letter = codec.decode(value, DeadLetter)
    assert (topic, key, letter.upload_id) == ("dead-letters", "u1", "u1")
    assert letter.reason == "no cards could be made from a.txt: the text offers no sentences to " \
                            "ask about"


def test_undecodable_bytes_are_dead_lettered_under_the_key(tmp_path: Path) -> None:
    emit = Collect()
    stage = ocr_stage(tmp_path, emit)
    asyncio.run(stage.handle(Source("uploads", 1, 3, b"upload-42", b"\x00garbage")))
    [(topic, key, value)] = emit.sent
    letter = stage.codec.decode(value, DeadLetter)
    assert (topic, key, letter.upload_id) == ("dead-letters", "upload-42", "upload-42")
    assert letter.original == b"\x00garbage" and letter.original_key == b"upload-42"


def test_when_neither_result_nor_dead_letter_gets_through_the_stage_raises(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import agents.deadletter as deadletter

    attempts = []

    async def broker_gone(topic: str, key: str | None, value: bytes) -> None:
        attempts.append(topic)
        raise TimeoutError("no broker")  # retriable: retried, then given up

    real = deadletter.deliver
    monkeypatch.setattr(deadletter, "deliver",
                        lambda send, what, within_s=30.0: real(send, what, within_s=0.3))
    import agents.pipeline.base as stage_base
    monkeypatch.setattr(stage_base, "deliver",
                        lambda send, what, within_s=30.0: real(send, what, within_s=0.3))
    stage = ocr_stage(tmp_path, broker_gone)
    with pytest.raises(Undeliverable):
        asyncio.run(stage.handle(source(stage.codec, upload(b"A short text. " * 5), "uploads")))
    assert attempts.count("texts") > 1  # the result was retried
    assert "dead-letters" not in attempts  # a result the broker never took is no dead letter
