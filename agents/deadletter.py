"""The failure policy, written down once.

| what failed                              | policy                                              |
|------------------------------------------|-----------------------------------------------------|
| bytes that are not a valid event (not    | dead-letter at the stage, keyed and labelled with   |
| Avro, null, unknown fingerprint, options | the upload id taken from the message key, so        |
| out of range)                            | ``upload --wait`` sees it; go on                    |
| bad input (InputError: corrupt, too big, | dead-letter with the reason; the client sees the    |
| unsupported, empty, no cards, invalid    | upload end in ``error``; go on                      |
| feedback), a refused blob reference      |                                                     |
| a missing Tesseract language pack        | dead-letter naming the apt package; go on           |
| transient I/O (blob store)               | retry 3 times with backoff, then dead-letter        |
| a result send (next event) failing with  | retried with backoff (tenacity) for up to ~30 s; a  |
| a retriable Kafka error                  | non-retriable one dead-letters the event            |
| anything else (a bug)                    | log the traceback, dead-letter as ``internal``; go on |
| the result *and* its dead letter cannot  | the worker stops at once without acknowledging the  |
| be sent (broker gone)                    | event, so its offset is never committed; the        |
|                                          | supervisor restarts it and it is redelivered        |
| the card store cannot take a feedback    | the worker stops without recording the batch as     |
| batch (disk full, locked database)       | read; a restart replays it (streams.batch_reader)   |
| the worker stops (SIGTERM, Ctrl-C,       | events are acknowledged by hand only after their    |
| rebalance, task cancelled)               | outputs are acknowledged by the broker; an event    |
|                                          | cut short is not acknowledged, so it is redelivered |
| the retrainer cannot decode a request    | dead-letter it and commit; go on                    |

Faust acks an event whose handler raised, and the event in hand when an agent task is cancelled
(faust-streaming#189, #315), so the agents iterate ``stream.noack()`` and ack each event
themselves once ``handle`` returned, and every handler routes failures here; nothing is dropped
silently and nothing is committed before its outputs are durable. Redelivery is safe: card ids
are derived from the upload and the content, so a redelivered upload yields the same cards.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
)

from schemas.events import DeadLetter
from streams.exceptions import BlobError, BlobRefused, DeliveryError

T = TypeVar("T")


class Undeliverable(DeliveryError):
    """The broker did not take a message after every retry: the worker must stop uncommitted."""


def transient(exc: BaseException) -> bool:
    """Errors that can pass on their own: blob reads, broker timeouts, retriable Kafka errors."""
    if isinstance(exc, BlobRefused):
        return False
    if isinstance(exc, BlobError | TimeoutError):
        return True
    return bool(getattr(exc, "retriable", False))  # aiokafka marks its retriable errors


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


def key_text(source: Source) -> str | None:
    """The message key as text: the upload id on upload and text topics, even when the value
    cannot be decoded, so the dead letter still reaches the client waiting for it."""
    if not source.key:
        return None
    try:
        key = source.key.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return key if key.isprintable() and len(key) <= 200 else None


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
    async for attempt in AsyncRetrying(
        retry=retry_if_exception(transient), stop=stop_after_attempt(attempts),
        wait=wait_exponential(multiplier=backoff_s, max=backoff_s * 8), reraise=True,
    ):
        with attempt:
            return await call()
    raise AssertionError("unreachable")


async def deliver(send: Callable[[], Awaitable[T]], what: str, within_s: float = 30.0) -> T:
    """Send a result, retrying retriable Kafka errors for up to ``within_s``; then Undeliverable.

    A non-retriable error (a message over the broker's size limit) is the event's own fault and
    leaves as DeliveryError, to be dead-lettered."""
    try:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(transient), stop=stop_after_delay(within_s),
            wait=wait_exponential(multiplier=0.1, max=2.0), reraise=True,
        ):
            with attempt:
                return await send()
    except DeliveryError:
        raise
    except Exception as exc:
        if transient(exc):
            raise Undeliverable(f"{what} not acknowledged within {within_s:.0f} s: "
                                f"{reason_of(exc)}") from exc
        raise DeliveryError(f"{what} refused by the broker: {reason_of(exc)}") from exc
    raise AssertionError("unreachable")
