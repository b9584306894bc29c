"""The failure policy, written down once.

| what failed                              | policy                                             |
|------------------------------------------|----------------------------------------------------|
| bytes that are not a valid event         | dead-letter at stage ``decode``; go on             |
| bad input (InputError: corrupt, too big, | dead-letter with the reason; the client sees the    |
| unsupported, empty, invalid feedback)    | upload end in ``error``; go on                      |
| a missing Tesseract language pack        | dead-letter naming the apt package; go on           |
| transient I/O (blob store, delivery)     | retry 3 times with backoff, then dead-letter        |
| anything else (a bug)                    | log the traceback, dead-letter as ``internal``; go on |
| the dead-letter itself cannot be sent    | re-raise: the worker stops without committing, so   |
|                                          | the event is redelivered (at-least-once)            |
| the card store cannot take a feedback    | the worker stops without recording the batch as    |
| batch (disk full, locked database)       | read; a restart replays it (streams.batch_reader)   |

Faust acks an event whose handler raised (faust-streaming#189, #315), so every handler catches
everything and routes it here; nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from schemas.events import DeadLetter
from streams.exceptions import BlobError, DeliveryError

T = TypeVar("T")

RETRIABLE: tuple[type[BaseException], ...] = (BlobError, DeliveryError, TimeoutError)


@dataclass(frozen=True)
class Source:
    """Where an event came from, and its exact bytes."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes


def reason_of(exc: BaseException) -> str:
    """One clear line: the message, or the class name when there is none."""
    text = " ".join(str(exc).split())
    return text[:500] if text else type(exc).__name__


def dead_letter(stage: str, exc: BaseException, source: Source, *, upload_id: str | None = None,
                card_id: str | None = None, internal: bool = False) -> DeadLetter:
    reason = reason_of(exc)
    return DeadLetter(
        stage=stage,
        reason=f"internal error: {reason}" if internal else reason,
        error_type=type(exc).__name__,
        source_topic=source.topic,
        source_partition=source.partition,
        source_offset=source.offset,
        upload_id=upload_id,
        card_id=card_id,
        original_key=source.key,
        original=source.value,
    )


async def with_retries(call: Callable[[], Awaitable[T]], attempts: int = 3,
                       backoff_s: float = 0.2) -> T:
    """Retry only errors that can pass on their own; anything else raises at once."""
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RETRIABLE:
            if attempt == attempts:
                raise
            await asyncio.sleep(backoff_s * 2 ** (attempt - 1))
    raise AssertionError("unreachable")
