"""The worker process: Faust agents feeding the stages, the OCR process pool, metrics.

Built by ``build_worker`` from already-made clients (the composition root is
``cardstream.bootstrap``); nothing here reads the environment or lives at module scope.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry

from agents.deadletter import Source
from agents.metrics import PipelineMetrics
from agents.models import ModelRouter
from agents.ocr import worker_init
from agents.pipeline.feedback_stage import FeedbackStage
from agents.pipeline.generate_stage import GenerateStage
from agents.pipeline.ocr_stage import OcrStage
from schemas.events import (
    DeadLetter,
    Feedback,
    Flashcards,
    ModelVersion,
    RetrainRequest,
    Text,
    Upload,
)
from streams.blobs import LocalBlobStore
from streams.faust_app import make_app, raw_topic
from streams.serde import AvroCodec
from streams.settings import Settings
from streams.store import CardStore

log = logging.getLogger(__name__)


@dataclasses.dataclass
class WorkerDeps:
    settings: Settings
    bootstrap: str
    codec: AvroCodec
    blobs: LocalBlobStore
    store: CardStore
    registry: CollectorRegistry
    engine: Any  # agents.generation CardEngine
    router: ModelRouter
    ocr_metrics: Any = None
    trackers: dict[str, Any] = dataclasses.field(default_factory=dict)


def source_of(message: Any) -> Source:
    return Source(message.topic, message.partition, message.offset, message.key,
                  message.value or b"")


def ocr_pool(workers: int) -> Executor:
    # spawn, not fork: the worker process holds Kafka client threads that must not be copied
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=worker_init,
    )


class Worker:
    def __init__(self, deps: WorkerDeps, datadir: Path) -> None:
        s = deps.settings
        self.deps = deps
        self.app = make_app(s.app_id, deps.bootstrap, datadir, s.session_timeout_s)
        self.pool = ocr_pool(s.ocr_workers)
        self.generate_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="generate")
        self.store_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self.metrics = PipelineMetrics(deps.registry)
        app = self.app

        async def emit(topic: str, key: str | None, value: bytes) -> None:
            await app.producer.send_and_wait(
                topic, key.encode() if key else None, value, partition=None, timestamp=None,
                headers=None,
            )

        self.emit = emit
        base = {"codec": deps.codec, "emit": emit, "metrics": self.metrics,
                "dead_letter_topic": s.topic(DeadLetter.topic)}
        self.ocr = OcrStage(
            pool=self.pool, blobs=deps.blobs, texts_topic=s.topic(Text.topic),
            preprocess=s.ocr_preprocess, ocr_metrics=deps.ocr_metrics,
            tracker=deps.trackers.get("ocr"), **base,
        )
        self.generate = GenerateStage(
            engine=deps.engine,
            executor=self.generate_executor,
            flashcards_topic=s.topic(Flashcards.topic),
            store=deps.store,
            models=deps.router,
            tracker=deps.trackers.get("generate"),
            **base,
        )
        # per model version: counts, mean quality, flags, hourly windows, and the trigger state
        self.feedback_table = self.app.Table(
            "feedback-stats",
            default=None,
            partitions=1,
            key_type=str,
            # batches are written outside any single event's context; one partition anyway
            use_partitioner=True,
        )
        self.feedback = FeedbackStage(
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
        self._wire()

    def _wire(self) -> None:
        s, app = self.deps.settings, self.app
        enabled = {name.strip() for name in s.agents.split(",")}
        ocr, generate, feedback = self.ocr, self.generate, self.feedback

        if "ocr" in enabled:
            uploads = raw_topic(app, s.topic(Upload.topic), s.partitions)

            # Several uploads in flight keep every Tesseract process busy; offsets are
            # committed only up to the oldest unfinished event: a crash redelivers, never skips.
            @app.agent(uploads, name="ocr", concurrency=max(2, 2 * s.ocr_workers))
            async def ocr_agent(stream: Any) -> None:
                async for event in stream.events():
                    await ocr.handle(source_of(event.message))

        if "generate" in enabled:
            texts = raw_topic(app, s.topic(Text.topic), s.partitions)

            @app.agent(texts, name="generate", concurrency=1)
            async def generate_agent(stream: Any) -> None:
                async for event in stream.events():
                    await generate.handle(source_of(event.message))

        if "feedback" in enabled:
            feedback_topic = raw_topic(app, s.topic(Feedback.topic), 1)

            @app.agent(feedback_topic, name="feedback", concurrency=1)
            async def feedback_agent(stream: Any) -> None:
                async for events in stream.take_events(s.feedback_batch, within=0.05):
                    await feedback.handle_batch([source_of(e.message) for e in events])

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.generate_executor.shutdown(wait=False, cancel_futures=True)
        self.store_executor.shutdown(wait=False, cancel_futures=True)
        for tracker in self.deps.trackers.values():
            tracker.close()
