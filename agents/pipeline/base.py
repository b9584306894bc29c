"""What every stage shares: timing, metrics, and routing a failure to the dead-letter topic."""

from __future__ import annotations

import logging
import time

from agents.deadletter import Source, dead_letter
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

    def __init__(self, codec: AvroCodec, emit: Emit, metrics: PipelineMetrics,
                 dead_letter_topic: str) -> None:
        self.codec = codec
        self.emit = emit
        self.metrics = metrics
        self.dead_letter_topic = dead_letter_topic

    async def fail(self, exc: BaseException, source: Source, *, upload_id: str | None = None,
                   card_id: str | None = None) -> DeadLetter:
        """Dead-letter the event; if even that fails, raise so the offset is not committed."""
        internal = not isinstance(exc, EXPECTED)
        if internal:
            log.exception("%s: unexpected error on %s[%d]@%d", self.name, source.topic,
                          source.partition, source.offset, exc_info=exc)
        else:
            log.warning("%s: %s (%s)", self.name, exc, upload_id or card_id or "-")
        letter = dead_letter(self.name, exc, source, upload_id=upload_id, card_id=card_id,
                             internal=internal)
        await self.emit(self.dead_letter_topic, upload_id or card_id, self.codec.encode(letter))
        self.metrics.dead_lettered(self.name, type(exc).__name__)
        return letter

    def succeeded(self, started: float) -> None:
        self.metrics.events.labels(self.name, "ok").inc()
        self.metrics.stage_seconds.labels(self.name).observe(time.perf_counter() - started)
