"""The worker process: Faust agents feeding the stages, the OCR process pool, metrics.

Built by ``build_worker`` from already-made clients (the composition root is
``cardstream.bootstrap``); nothing here reads the environment or lives at module scope.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import fcntl
import logging
import multiprocessing
import os
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn

from faust.types import TP
from prometheus_client import CollectorRegistry

from agents.deadletter import Source, Undeliverable
from agents.liveness import CHECK_S, Progress, Watchdog, broker_view
from agents.metrics import PipelineMetrics
from agents.models import ModelRouter
from agents.pipeline.budget import memory_budget
from agents.pipeline.feedback_stage import FeedbackStage
from agents.pipeline.generate_stage import GenerateStage
from schemas.events import (
    DeadLetter,
    Feedback,
    Flashcards,
    ModelVersion,
    RetrainRequest,
    Text,
    Upload,
)
from streams.batch_reader import BatchReader, batch_consumer
from streams.blobs import BlobStore
from streams.faust_app import acked_table, make_app, raw_topic
from streams.processes import pool_child
from streams.security import KafkaSecurity
from streams.serde import AvroCodec
from streams.settings import Settings
from streams.store import CardStore

log = logging.getLogger(__name__)


def feedback_lag_group(settings: Settings) -> str:
    """The consumer group the feedback reader commits its position to, for lag tools."""
    return f"{settings.app_id}-feedback-reader"


@dataclasses.dataclass
class WorkerDeps:
    settings: Settings
    bootstrap: str
    security: KafkaSecurity
    codec: AvroCodec
    blobs: BlobStore
    store: CardStore
    registry: CollectorRegistry
    engine: Any  # agents.generation CardEngine
    router: ModelRouter
    ocr_metrics: Any = None  # agents.ocr.metrics.OcrMetrics; made on the registry when None
    trackers: dict[str, Any] = dataclasses.field(default_factory=dict)


def source_of(message: Any) -> Source:
    return Source(message.topic, message.partition, message.offset, message.key,
                  message.value or b"")


def feedback_lag(consumer: Any, records: list[Any]) -> int:
    """Messages behind the end of the topic after this batch, over its partitions."""
    from aiokafka import TopicPartition

    last: dict[TopicPartition, int] = {}
    for record in records:
        last[TopicPartition(record.topic, record.partition)] = record.offset
    return sum(max(0, (consumer.highwater(tp) or 0) - offset - 1) for tp, offset in last.items())


def ocr_pool(workers: int) -> Executor:
    from agents.ocr import worker_init

    # spawn, not fork: the worker process holds Kafka client threads that must not be copied;
    # the children end with the worker, however it ends (streams.processes.pool_child)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=pool_child, initargs=(os.getpid(), worker_init),
    )
    roomy_call_queue(pool)
    return pool


CALL_QUEUE_PIPE_BYTES = 1 << 20  # Linux's default /proc/sys/fs/pipe-max-size


def roomy_call_queue(pool: ProcessPoolExecutor, size: int = CALL_QUEUE_PIPE_BYTES) -> int | None:
    """Let the pipe that carries page jobs to the pool processes hold whole jobs; its new size
    (None where it cannot be changed).

    A job carries its upload's bytes (a clean full page: a 230 KB PNG), and a pipe holds 64 KB
    by default, so the pages queued for the pool sat mostly in the worker: a process that
    finished a page read the first 64 KB of its next one and then waited, chunk by chunk, for
    the worker's queue feeder thread to write the rest, a thread that needs the worker's GIL
    and a core while both cores read pages (strace of a pool process: three blocked reads per
    page boundary). With room for the queued jobs the next page is already in the pipe when a
    process asks for it. The bytes were held in the worker's feeder buffer anyway; a bigger
    pipe only lets the kernel hold them instead (at most ``size`` per pool)."""
    writer = getattr(getattr(pool, "_call_queue", None), "_writer", None)  # no public accessor
    if writer is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return None
    try:
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    except (OSError, ValueError):
        limit = size
    try:
        return fcntl.fcntl(writer.fileno(), fcntl.F_SETPIPE_SZ, min(size, limit))
    except OSError:  # over the user's pipe memory limit: the default pipe still works
        return None


EXIT_UNDELIVERABLE = 75  # EX_TEMPFAIL: the supervisor restarts the worker
EXIT_START_FAILED = 1
EXIT_STALLED = 75  # like EXIT_UNDELIVERABLE: restarted, and it starts from the committed offsets
GATE_TIMEOUT_S = 30.0  # a gate that never opens must not keep a stage from ever starting


def in_background(build: Callable[[], Any], name: str,
                  after: threading.Event | None = None) -> concurrent.futures.Future[Any]:
    """``build()`` on a daemon thread, once ``after`` is set; the future holds its result.

    For what a stage needs only at its first event (the OCR engine's imports: pandas through
    pytesseract, SciPy, wordfreq; 1-4 s of CPU). ``after`` is set when the worker asks to join
    its group: from there the main thread mostly waits (Tansu holds a join for half the session
    timeout, 3 s), while before it every Python thread would take the GIL from the start path.
    A build that fails stops the worker as a failed start would (the supervisor restarts it),
    since the stage could never take an event."""
    built = concurrent.futures.Future[Any]()
    # running from the start, so it cannot be cancelled: an agent awaiting it through
    # asyncio.wrap_future and cancelled at shutdown would otherwise cancel it for every agent
    built.set_running_or_notify_cancel()

    def run() -> None:
        try:
            if after is not None:
                after.wait(GATE_TIMEOUT_S)
            built.set_result(build())
        except BaseException as exc:
            built.set_exception(exc)
            log.critical("cannot start: %s failed", name, exc_info=exc)
            logging.shutdown()
            os._exit(EXIT_START_FAILED)

    threading.Thread(target=run, name=name, daemon=True).start()
    return built


def stop_uncommitted(exc: BaseException) -> NoReturn:
    """Neither an event's result nor its dead letter reached the broker: stop at once, so that
    no commit (periodic or at shutdown) can move past it; it is redelivered after a restart."""
    log.critical("stopping without committing: %s", exc)
    logging.shutdown()
    os._exit(EXIT_UNDELIVERABLE)


@dataclasses.dataclass
class Slots:
    """How many events an agent holds now, of the most it may hold (its concurrency): when
    every agent is full, a record fetched sooner could not start sooner (FetchPace.saturated)."""

    limit: int
    taken: int = 0

    def full(self) -> bool:
        return self.taken >= self.limit


async def handed_off(stream: Any, handle: Callable[[Source], Awaitable[None]],
                     progress: Progress | None = None, slots: Slots | None = None) -> None:
    """Feed a stage, acknowledging each event only once ``handle`` returned, i.e. once its
    result or dead letter is acknowledged by the broker.

    Faust acks the event in hand when the agent task is cancelled (shutdown, rebalance) or its
    handler raises (faust-streaming#189, #315); on a ``noack`` stream it acks nothing, so an
    event cut short stays unacknowledged, its offset uncommitted, and it is redelivered."""
    manual = stream.noack()
    async for event in manual.events():
        if progress is not None:
            progress.begin()
        if slots is not None:
            slots.taken += 1
        try:
            await handle(source_of(event.message))
        except Undeliverable as exc:
            stop_uncommitted(exc)
        finally:
            if slots is not None:
                slots.taken -= 1
        await manual.ack(event)
        if progress is not None:
            progress.end()


class Worker:
    def __init__(self, deps: WorkerDeps, datadir: Path,
                 loads_after: threading.Event | None = None) -> None:
        s = deps.settings
        self.deps = deps
        self.slots: dict[str, Slots] = {}  # per stream agent, filled by _wire
        self.app = make_app(s.app_id, deps.bootstrap, datadir, s.session_timeout_s,
                            saturated=self.saturated, broker_credentials=deps.security.faust())
        self.generate_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="generate")
        self.store_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self.metrics = PipelineMetrics(deps.registry)
        self.enabled = {name.strip() for name in s.agents.split(",")}
        self.progress = Progress()  # what agents.liveness watches
        app = self.app

        async def emit(topic: str, key: str | None, value: bytes) -> None:
            await app.producer.send_and_wait(
                topic, key.encode() if key else None, value, partition=None, timestamp=None,
                headers=deps.codec.headers(value),  # type: ignore[arg-type]
            )

        self.emit = emit
        base: dict[str, Any] = {"codec": deps.codec, "emit": emit, "metrics": self.metrics,
                "dead_letter_topic": s.topic(DeadLetter.topic)}
        blob_limits: dict[str, Any] = {"blob_max_bytes": s.blob_max_bytes,
                                       "blob_timeout_s": s.blob_timeout_s}
        # one memory setting sizes the OCR side: processes, uploads in flight, pixel limits
        self.budget = budget = memory_budget(s.worker_memory_mb, s.ocr_workers, s.blob_max_bytes,
                                             s.max_upload_pixels)
        log.info("memory budget %s", budget.describe())
        self.ocr: concurrent.futures.Future[Any] | None = None  # the OcrStage, being built
        if "ocr" in self.enabled:
            self.ocr = in_background(lambda: self._ocr_stage(base, blob_limits), "ocr-loader",
                                     after=loads_after)
        self.generate = GenerateStage(
            engine=deps.engine,
            executor=self.generate_executor,
            flashcards_topic=s.topic(Flashcards.topic),
            store=deps.store,
            models=deps.router,
            tracker=deps.trackers.get("generate"),
            blobs=deps.blobs,
            max_text_chars=s.max_text_chars,
            **blob_limits,
            **base,
        )
        self.feedback = self._feedback_stage(base) if "feedback" in self.enabled else None
        self._wire()

    def saturated(self) -> bool:
        """Every stream agent holds all the events it may: its consumer need not hurry."""
        return bool(self.slots) and all(slots.full() for slots in self.slots.values())

    def _ocr_stage(self, base: dict[str, Any], blob_limits: dict[str, Any]) -> Any:
        from agents.ocr.metrics import OcrMetrics
        from agents.pipeline.ocr_stage import OcrStage

        s, deps, budget = self.deps.settings, self.deps, self.budget
        return OcrStage(
            pool=lambda: ocr_pool(budget.ocr_processes), blobs=deps.blobs,
            texts_topic=s.topic(Text.topic), preprocess=s.ocr_preprocess,
            ocr_metrics=deps.ocr_metrics or OcrMetrics(deps.registry),
            tracker=deps.trackers.get("ocr"), inline_limit=s.inline_limit_bytes,
            max_upload_pixels=budget.max_upload_pixels, max_page_pixels=budget.max_page_pixels,
            **blob_limits, **base,
        )

    def _feedback_stage(self, base: dict[str, Any]) -> FeedbackStage:
        """The feedback tables, the stage writing them, and the batch reader feeding it.

        Only workers running the feedback agent declare the tables, so Faust makes one of them
        the tables' owner, and that one reads the topic (see streams.batch_reader)."""
        s, deps = self.deps.settings, self.deps
        # per model version: counts, mean quality, flags, hourly windows, and the trigger state;
        # written per batch, outside any Faust event, hence use_partitioner (one partition)
        self.feedback_table = acked_table(self.app, "feedback-stats", partitions=1,
                                          key_type=str, use_partitioner=True)
        # where the reader is in the feedback topic, recorded after the table writes it covers
        self.feedback_offsets = acked_table(self.app, "feedback-offsets", partitions=1,
                                            key_type=str, use_partitioner=True)
        stage = FeedbackStage(
            store=deps.store,
            table=self.feedback_table,
            router=deps.router,
            executor=self.store_executor,
            retrain_topic=s.topic(RetrainRequest.topic),
            models_topic=s.topic(ModelVersion.topic),
            feedback_threshold=s.feedback_threshold,
            quality_threshold=s.quality_threshold,
            **base,
        )

        made: list[Any] = []  # the reader's consumer, for its high watermarks

        def consumer() -> Any:
            made[:] = [batch_consumer(deps.bootstrap, group_id=s.app_id,
                                      **deps.security.aiokafka())]
            return made[0]

        async def handle(records: list[Any]) -> None:
            await stage.handle_batch([source_of(record) for record in records])
            if made and records:
                self.metrics.feedback_lag.set(feedback_lag(made[0], records))

        BatchReader(
            self.app, s.topic(Feedback.topic), handle=handle, tables=[self.feedback_table],
            offsets=self.feedback_offsets, max_records=s.feedback_batch, consumer=consumer,
            lag_consumer=lambda: batch_consumer(deps.bootstrap, group_id=feedback_lag_group(s),
                                                **deps.security.aiokafka()),
        ).install()
        return stage

    def _wire(self) -> None:
        s, app, enabled = self.deps.settings, self.app, self.enabled
        ocr, generate = self.ocr, self.generate

        if ocr is not None:
            uploads = raw_topic(app, s.topic(Upload.topic), s.partitions)

            # Several uploads in flight keep every Tesseract process busy; offsets are
            # committed only up to the oldest unacknowledged event: a crash redelivers, never
            # skips. No event is taken before the stage is built.
            in_flight = self.slots["ocr"] = Slots(self.budget.uploads_in_flight)

            @app.agent(uploads, name="ocr", concurrency=self.budget.uploads_in_flight)
            async def ocr_agent(stream: Any) -> None:
                stage = await asyncio.wrap_future(ocr)
                await handed_off(stream, stage.handle, self.progress, in_flight)

        if "generate" in enabled:
            texts = raw_topic(app, s.topic(Text.topic), s.partitions)
            generating = self.slots["generate"] = Slots(1)

            @app.agent(texts, name="generate", concurrency=1)
            async def generate_agent(stream: Any) -> None:
                await handed_off(stream, generate.handle, self.progress, generating)

        self._watch([s.topic(Upload.topic), s.topic(Text.topic)])

    def _watch(self, topics: list[str]) -> None:
        """The liveness watchdog (agents.liveness) over the topics the agents consume."""
        app, deps = self.app, self.deps
        watchdog = Watchdog(self.progress, set(topics),
                            lambda tps: broker_view(deps.bootstrap, deps.settings.app_id, tps,
                                                    **deps.security.confluent()))

        @app.timer(CHECK_S)
        async def liveness() -> None:
            try:
                assigned = [(tp.topic, tp.partition) for tp in app.consumer.assignment()]
            except Exception:  # the consumer is not started yet
                return
            loop = asyncio.get_running_loop()
            verdict, targets, waiting = await loop.run_in_executor(None, watchdog.verdict,
                                                                   assigned)
            if verdict == "seek":
                log.error("stalled: %s waiting and nothing handled for %.0f s; seeking back to "
                          "%s", waiting, watchdog.stall_s, targets)
                for (topic, partition), offset in targets.items():
                    await app.consumer.seek(TP(topic, partition), offset)
            elif verdict == "exit":
                log.critical("stalled again: %s waiting; exiting to be restarted", waiting)
                logging.shutdown()
                os._exit(EXIT_STALLED)

    def close(self) -> None:
        if self.ocr is not None and self.ocr.done() and self.ocr.exception() is None:
            self.ocr.result().pool.shutdown(wait=False, cancel_futures=True)
        self.generate_executor.shutdown(wait=False, cancel_futures=True)
        self.store_executor.shutdown(wait=False, cancel_futures=True)
        for tracker in self.deps.trackers.values():
            tracker.close()
