"""What every stage shares: timing, metrics, and routing a failure to the dead-letter topic."""

from __future__ import annotations

import logging
import time

from agents.deadletter import Source, Undeliverable, dead_letter, deliver, key_text
from agents.exceptions import AgentError
from agents.metrics import PipelineMetrics
from agents.pipeline import Emit
from schemas.events import DeadLetter
from streams.exceptions import StreamsError
from streams.serde import AvroCodec

log = logging.getLogger(__name__)

EXPECTED: tuple[type[BaseException], ...] = (AgentError, StreamsError)


class Stage:
    name = "stage"
    key_is = "upload_id"  # what the message key of this stage's input names

    def __init__(self, codec: AvroCodec, emit: Emit, metrics: PipelineMetrics,
                 dead_letter_topic: str) -> None:
        self.codec = codec
        self.emit = emit
        self.metrics = metrics
        self.dead_letter_topic = dead_letter_topic

    async def fail(self, exc: BaseException, source: Source, *, upload_id: str | None = None,
                   card_id: str | None = None) -> DeadLetter:
        """Dead-letter the event; if even that fails, raise Undeliverable so the worker stops
        without acknowledging it (its offset is never committed, it is redelivered)."""
        if isinstance(exc, Undeliverable):
            raise exc  # the broker is gone: a dead letter would not get through either
        # an event that cannot be decoded still names its upload (or card) in its key
        if self.key_is == "upload_id":
            upload_id = upload_id or key_text(source)
        else:
            card_id = card_id or key_text(source)
        internal = not isinstance(exc, EXPECTED)
        if internal:
            log.exception("%s: unexpected error on %s[%d]@%d", self.name, source.topic,
                          source.partition, source.offset, exc_info=exc)
        else:
            log.warning("%s: %s (%s)", self.name, exc, upload_id or card_id or "-")
        letter = dead_letter(self.name, exc, source, upload_id=upload_id, card_id=card_id,
                             internal=internal)
        value = self.codec.encode(letter)
        try:
            await deliver(lambda: self.emit(self.dead_letter_topic, upload_id or card_id, value),
                          "dead letter")
        except Exception as send_exc:
            raise Undeliverable(f"cannot dead-letter {source.topic}[{source.partition}]@"
                                f"{source.offset}: {send_exc}") from send_exc
        self.metrics.dead_lettered(self.name, type(exc).__name__)
        return letter

    async def send(self, topic: str, key: str | None, value: bytes) -> None:
        """Send a result and wait for the broker's acknowledgement, retrying retriable errors."""
        await deliver(lambda: self.emit(topic, key, value), f"result on {topic}")

    def succeeded(self, started: float) -> None:
        self.metrics.events.labels(self.name, "ok").inc()
        self.metrics.stage_seconds.labels(self.name).observe(time.perf_counter() - started)
