"""The user's API: upload documents, wait for their cards, follow cards, send feedback.

    client = CardstreamClient(bootstrap, codec, blobs, inline_limit)
    with client.watcher() as watch:            # starts reading before anything is produced
        upload = client.upload_file(Path("page.png"), UploadOptions(num_cards=5))
        outcome = watch.wait([upload.upload_id], timeout=120)[upload.upload_id]
"""

from __future__ import annotations

import hashlib
import mimetypes
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from confluent_kafka import Consumer, Message, TopicPartition

from schemas.events import (
    DeadLetter,
    Event,
    Feedback,
    Flashcards,
    Text,
    Upload,
    UploadOptions,
)
from streams import kafka
from streams.blobs import BlobStore
from streams.security import PLAINTEXT, KafkaSecurity
from streams.serde import AvroCodec

# A client lives for one verb. librdkafka's idempotent producer spends a fixed 0.5 s getting its
# producer id before the first send (its first attempt always finds no broker up yet and retries
# on a 500 ms timer), which was half of `upload`'s and `feedback`'s time. One request in flight
# keeps the order of a client's sends on retries, as idempotence would; what is given up is that
# a retry after a lost acknowledgement can send an event twice, which every consumer already
# takes (delivery is at-least-once), and the copy carries the same upload or feedback id.
ONE_SHOT = {"enable.idempotence": False, "max.in.flight.requests.per.connection": 1}

# how long cards that arrive before their upload's text wait for it (see Watcher.wait)
TEXT_GRACE = 5.0
# How long a watcher's fetches may wait on the broker. Tansu answers a fetch only when its wait
# is over, however soon a record arrives (it re-reads the log at most once more per wait under
# 250 ms), so a fetch wait is a polling interval: what a hop to the waiting user costs, and each
# fetch is broker CPU taken from the OCR processes on the same cores (measured, OCR-only stack,
# 3 topics x 4 partitions: a watcher fetching every 20 ms cost the broker 0.057 of a core, every
# 100 ms 0.019). The user waits for cards, which come only after their upload's text, so the
# watcher has two consumers: texts and dead letters at a relaxed pace (a text is a progress
# note, seen at most this late), and cards at a quick one, fetching only while an upload whose
# text came still waits for its cards (librdkafka's default 500 ms had put 0-125 ms on every
# `upload --wait`).
PROGRESS_FETCH_WAIT_MS = 100
CARDS_FETCH_WAIT_MS = 20
# While the texts still awaited would take RELAXED_AHEAD_S or more to come at the pace this
# call's texts have come so far (a batch of pages: about one every 0.65 s on two OCR processes),
# the texts consumer rests RELAXED_REST_S after a poll that found nothing, its partitions paused
# (librdkafka fetches nothing for a paused partition). The last texts, which end the wait, are
# fetched at the usual pace, and so is everything while cards are fetched. On resuming, each
# partition is sought to the record after the last one handed out (Watcher._resume_at), so a
# record fetched while the pause began and thrown away with the fetch queue is fetched again
# whatever librdkafka's own idea of the position is. A watcher fetching every 100 ms through a
# batch was 58 % of the broker's requests (bench.ocr_throughput's 20 full pages, per client
# connection).
RELAXED_REST_S = 0.4
RELAXED_AHEAD_S = 2.0

TEXT_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}


def guess_content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_TYPES:
        return TEXT_TYPES[suffix]
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass
class Outcome:
    """What became of one upload: cards, or the stage and reason it failed."""

    upload_id: str
    status: str = "pending"  # pending | ok | error
    flashcards: Flashcards | None = None
    text: Text | None = None
    error: DeadLetter | None = None
    seconds: float = 0.0
    events: list[str] = field(default_factory=list)


class Watcher:
    """Reads texts, flashcards and dead-letters from their current end, keyed by upload id."""

    def __init__(self, client: CardstreamClient) -> None:
        self._client = client
        self._topics: dict[str, type[Text] | type[Flashcards] | type[DeadLetter]] = {
            client.topic(Text.topic): Text,
            client.topic(Flashcards.topic): Flashcards,
            client.topic(DeadLetter.topic): DeadLetter,
        }
        def consumer(fetch_wait_ms: int) -> Consumer:
            config: dict[str, Any] = {**client.kafka_config, "fetch.wait.max.ms": fetch_wait_ms}
            return kafka.consumer(client.bootstrap, **config)

        self._progress = consumer(PROGRESS_FETCH_WAIT_MS)
        self._cards = consumer(CARDS_FETCH_WAIT_MS)
        ends = kafka.end_offsets(self._progress, list(self._topics))
        cards = [tp for tp in ends if self._topics[tp.topic] is Flashcards]
        progress = [tp for tp in ends if self._topics[tp.topic] is not Flashcards]
        self._progress.assign(progress)
        # where each texts/dead-letters partition resumes after a rest: past what was handed out
        self._resume_at = {(tp.topic, tp.partition): tp.offset for tp in progress}
        self._cards.assign(cards)
        self._cards.pause(cards)  # nothing to fetch until a text came (see CARDS_FETCH_WAIT_MS)
        self._fetching_cards = False
        self._texts: set[str] = set()  # uploads whose text this watcher read, in any call
        self._started = time.monotonic()

    def _fetch_cards(self, wanted: bool) -> None:
        """Let the cards consumer fetch (``wanted``) or stop it; it keeps its position."""
        if wanted != self._fetching_cards:
            partitions = self._cards.assignment()
            (self._cards.resume if wanted else self._cards.pause)(partitions)
            self._fetching_cards = wanted

    def _poll_progress(self, timeout: float) -> Message | None:
        """The next texts/dead-letters record, its partition's resume point moved past it."""
        message = self._progress.poll(timeout)
        if message is not None and not message.error():
            self._resume_at[(message.topic() or "", message.partition() or 0)] = \
                (message.offset() or 0) + 1
        return message

    def _rest_if_early(self, pending: int, arrived: list[float]) -> None:
        """Rest the texts consumer RELAXED_REST_S when the ``pending`` uploads' texts are still
        far off at the pace of this call's texts (``arrived``, monotonic seconds)."""
        if pending == 0 or len(arrived) < 2:
            return
        gap = (arrived[-1] - arrived[0]) / (len(arrived) - 1)
        if pending * gap < RELAXED_AHEAD_S:
            return
        partitions = self._progress.assignment()
        self._progress.pause(partitions)
        try:
            time.sleep(RELAXED_REST_S)
        finally:
            self._progress.resume(partitions)
            for (topic, partition), offset in self._resume_at.items():
                self._progress.seek(TopicPartition(topic, partition, offset))

    def _next(self) -> Message | None:
        """The next record of either consumer, waiting at most a fetch of the quicker one."""
        if self._fetching_cards:
            return self._cards.poll(CARDS_FETCH_WAIT_MS / 1000) or self._poll_progress(0)
        return self._poll_progress(0.2)

    def wait(self, upload_ids: list[str], timeout: float,
             on_progress: Callable[[Outcome, str], None] | None = None) -> dict[str, Outcome]:
        """Each upload's outcome, reported in causal order: its text, then its cards or error.

        Texts and flashcards are different topics, fetched independently, so an upload's cards
        can arrive before its text although the text was written first. Cards that come first
        are held until their text arrives (it is already on the broker) or TEXT_GRACE passes.
        """
        outcomes = {uid: Outcome(uid) for uid in upload_ids}
        held: dict[str, float] = {}  # upload id -> when its early cards stop waiting for text
        deadline = time.monotonic() + timeout
        arrived: list[float] = []  # when this call's texts came

        def report(outcome: Outcome, stage: str) -> None:
            outcome.events.append(stage)
            if stage == "text":
                arrived.append(time.monotonic())
            if on_progress:
                on_progress(outcome, stage)

        try:
            while any(o.status == "pending" for o in outcomes.values()) or held:
                now = time.monotonic()
                for uid in [u for u, until in held.items() if now > until or now > deadline]:
                    del held[uid]
                    report(outcomes[uid], "cards")
                if now > deadline:
                    break
                # cards are on their way only for an upload whose text came (in this call, or
                # in an earlier one that timed out)
                self._fetch_cards(any(o.status == "pending" and o.upload_id in self._texts
                                      for o in outcomes.values()))
                message = self._next()
                if message is None and not self._fetching_cards:
                    self._rest_if_early(sum(o.status == "pending" and o.text is None
                                            for o in outcomes.values()), arrived)
                if message is None or message.error():
                    continue
                self._take(message, outcomes, held, report)
        finally:
            self._fetch_cards(False)
        return outcomes

    def _take(self, message: Message, outcomes: dict[str, Outcome], held: dict[str, float],
              report: Callable[[Outcome, str], None]) -> None:
        event_type = self._topics[message.topic() or ""]
        event: Text | Flashcards | DeadLetter = self._client.codec.decode(
            message.value(), event_type
        )
        if isinstance(event, Text):
            self._texts.add(event.upload_id)  # its cards may be waited for in a later call
        outcome = outcomes.get(getattr(event, "upload_id", None) or "")
        if outcome is None:
            return
        elapsed = time.monotonic() - self._started
        if isinstance(event, Text):
            if outcome.text is not None or outcome.status == "error":
                return  # a redelivered copy, or a text after its failure was reported
            outcome.text = event
            report(outcome, "text")
            if held.pop(outcome.upload_id, None) is not None:
                report(outcome, "cards")
        elif outcome.status != "pending":
            return
        elif isinstance(event, Flashcards):
            outcome.flashcards, outcome.status, outcome.seconds = event, "ok", elapsed
            if outcome.text is None:
                held[outcome.upload_id] = time.monotonic() + TEXT_GRACE
            else:
                report(outcome, "cards")
        else:
            assert isinstance(event, DeadLetter)
            outcome.error, outcome.status, outcome.seconds = event, "error", elapsed
            report(outcome, "error")

    def wait_for_text(self, upload_ids: list[str], timeout: float) -> dict[str, float]:
        """Seconds until each upload's text event (OCR-only workers, benchmarks)."""
        wanted, seen = set(upload_ids), dict[str, float]()
        deadline = time.monotonic() + timeout
        arrived: list[float] = []
        while wanted - seen.keys() and time.monotonic() < deadline:
            message = self._poll_progress(0.2)
            if message is None:
                self._rest_if_early(len(wanted - seen.keys()), arrived)
            if message is None or message.error() or self._topics.get(message.topic() or "") \
                    is not Text:
                continue
            text = self._client.codec.decode(message.value(), Text)
            self._texts.add(text.upload_id)
            if text.upload_id in wanted:
                if text.upload_id not in seen:
                    arrived.append(time.monotonic())
                seen[text.upload_id] = time.monotonic() - self._started
        return seen

    def close(self) -> None:
        self._progress.close()
        self._cards.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class CardstreamClient:
    def __init__(self, bootstrap: str, codec: AvroCodec, blobs: BlobStore,
                 inline_limit: int = 256 * 1024, topic_prefix: str = "",
                 security: KafkaSecurity = PLAINTEXT) -> None:
        self.bootstrap = bootstrap
        self.codec = codec
        self.blobs = blobs
        self.inline_limit = inline_limit
        self.topic_prefix = topic_prefix
        self.kafka_config = security.confluent()  # TLS/SASL for every client this one makes
        self._producer = kafka.producer(bootstrap, **self.kafka_config, **ONE_SHOT)

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"

    def watcher(self) -> Watcher:
        return Watcher(self)

    def send(self, event: Event, key: str) -> None:
        value = self.codec.encode(event)
        kafka.produce_sync(self._producer, self.topic(event.topic), key, value,
                           headers=self.codec.headers(value))

    def upload_bytes(self, data: bytes, filename: str, content_type: str | None = None,
                     options: UploadOptions | None = None, user_id: str | None = None,
                     upload_id: str | None = None) -> Upload:
        digest = hashlib.sha256(data).hexdigest()
        inline = len(data) <= self.inline_limit
        blob_uri = None if inline else self.blobs.put(data)[0]
        upload = Upload(
            upload_id=upload_id or uuid.uuid4().hex,
            filename=filename,
            content_type=content_type or guess_content_type(filename),
            size_bytes=len(data),
            sha256=digest,
            data=data if inline else None,
            blob_uri=blob_uri,
            options=options or UploadOptions(),
            user_id=user_id,
        )
        self.send(upload, upload.upload_id)
        return upload

    def upload_file(self, path: Path, options: UploadOptions | None = None,
                    user_id: str | None = None) -> Upload:
        return self.upload_bytes(path.read_bytes(), path.name, None, options, user_id)

    def upload_text(self, text: str, options: UploadOptions | None = None,
                    filename: str = "text.txt", user_id: str | None = None) -> Upload:
        return self.upload_bytes(text.encode("utf-8"), filename, "text/plain", options, user_id)

    def feedback(self, card_id: str, rating: int, flags: list[str] | None = None,
                 corrected_question: str | None = None, corrected_answer: str | None = None,
                 user_id: str | None = None, upload_id: str | None = None,
                 model_version: str | None = None) -> Feedback:
        event = Feedback(
            feedback_id=uuid.uuid4().hex,
            card_id=card_id,
            upload_id=upload_id,
            model_version=model_version,
            rating=rating,
            flags=flags or [],
            corrected_question=corrected_question,
            corrected_answer=corrected_answer,
            user_id=user_id,
        )
        self.send(event, card_id)
        return event

    def send_many(self, events: list[Event], key_of: Callable[[Event], str]) -> None:
        """Produce a batch and wait once for all acknowledgements (bulk feedback, benchmarks)."""
        for event in events:
            value = self.codec.encode(event)
            self._producer.produce(self.topic(event.topic), key=key_of(event), value=value,
                                   headers=self.codec.headers(value))
            self._producer.poll(0)
        self._producer.flush(60)

    def flashcards(self, follow: bool = False, idle_timeout: float = 2.0) -> Iterator[Flashcards]:
        """Every flashcards event from the start; with ``follow``, keep waiting for new ones."""
        consumer = kafka.consumer(self.bootstrap, **self.kafka_config)
        try:
            kafka.assign_from_start(consumer, [self.topic(Flashcards.topic)])
            idle_since = time.monotonic()
            while follow or time.monotonic() - idle_since < idle_timeout:
                message = consumer.poll(0.2)
                if message is None or message.error():
                    continue
                idle_since = time.monotonic()
                yield self.codec.decode(message.value(), Flashcards)
        finally:
            consumer.close()

    def close(self) -> None:
        self._producer.flush(10)
