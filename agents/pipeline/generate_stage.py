"""Text → Flashcards: pick the model version for this upload, generate in an executor, store."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Executor
from datetime import UTC, datetime
from typing import Any, Protocol

from agents.deadletter import Source, with_retries
from agents.exceptions import EmptyText, InputError
from agents.generation.language import WORDS
from agents.generation.titles import document_title
from agents.generation.types import CardEngine, CardRater, GenerationRequest, GenerationResult
from agents.pipeline import sections
from agents.pipeline.base import Stage
from agents.pipeline.scripts import check_script
from schemas.events import Flashcards, Text
from streams.blobs import BlobStore
from streams.exceptions import BlobRefused
from streams.store import CardStore


class ModelChoice(Protocol):
    """Which learned rater serves an upload (None: the heuristic ranking alone)."""

    def choose(self, upload_id: str) -> tuple[str | None, str | None, CardRater | None]:
        """(model name, version, rater)"""
        ...


class HeuristicOnly:
    def choose(self, upload_id: str) -> tuple[str | None, str | None, CardRater | None]:
        return None, None, None


class GenerateStage(Stage):
    name = "generate"

    def __init__(self, *, engine: CardEngine, executor: Executor, flashcards_topic: str,
                 store: CardStore, models: ModelChoice | None = None, tracker: Any = None,
                 blobs: BlobStore | None = None, blob_max_bytes: int = 50 * 1024 * 1024,
                 blob_timeout_s: float = 30.0, max_text_chars: int = 2_000_000,
                 section_chars: int = sections.SECTION_CHARS, **base: Any) -> None:
        super().__init__(**base)
        self.engine = engine
        self.executor = executor
        self.flashcards_topic = flashcards_topic
        self.store = store
        self.models = models or HeuristicOnly()
        self.tracker = tracker
        self.blobs = blobs
        self.blob_max_bytes = blob_max_bytes
        self.blob_timeout_s = blob_timeout_s
        self.max_text_chars = max_text_chars
        self.section_chars = section_chars

    def _generate(self, text: Text, rater: CardRater | None) -> GenerationResult:
        """The engine on each section of the text (one, unless it is long), best cards kept."""
        label = repr(text.filename) if text.filename else "the upload"
        sections.check_length(text.text, label, self.max_text_chars)
        check_script(text.text, label, ", ".join(WORDS))
        options = text.options
        results, refusals = [], []
        for section in sections.sections(text.text, self.section_chars):
            request = GenerationRequest(
                text=section,
                upload_id=text.upload_id,
                num_cards=options.num_cards,
                difficulty=options.difficulty,
                question_types=tuple(options.question_types),
                language=options.language,
                subject=options.subject,
                title=document_title(options.title, text.filename),
            )
            try:
                results.append(self.engine.generate(request, rater))
            except InputError as exc:  # one section of only code or tables is no failure
                refusals.append(exc)
        if not results:
            raise refusals[0]
        return sections.merge(results, options.num_cards, tuple(options.question_types),
                              self.section_chars)

    async def fetch_text(self, text: Text) -> str:
        if self.blobs is None or not text.text_sha256:
            raise BlobRefused("this text travels by claim-check, but no blob store is set up")
        loop = asyncio.get_running_loop()
        uri, digest, blobs = text.text_uri or "", text.text_sha256, self.blobs
        data = await with_retries(lambda: loop.run_in_executor(
            None, lambda: blobs.get(uri, digest, max_bytes=self.blob_max_bytes,
                                    timeout_s=self.blob_timeout_s)))
        return data.decode("utf-8")

    async def handle(self, source: Source) -> None:
        started = time.perf_counter()
        upload_id = None
        try:
            text = self.codec.decode(source.value, Text)
            upload_id = text.upload_id
            if text.text_uri is not None:
                text = text.model_copy(update={"text": await self.fetch_text(text)})
            model_name, version, rater = self.models.choose(text.upload_id)
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(self.executor, self._generate, text, rater)
            if not result.cards:
                # never "ok" with nothing to study: the client learns why instead
                notes = "; ".join(result.notes) if result.notes else "no usable sentences"
                raise EmptyText(f"no cards could be made from {text.filename}: {notes}")
            # the store first: feedback may arrive the moment the cards are out
            await loop.run_in_executor(
                self.executor, self.store.save_cards, text.upload_id, text.filename, text.text,
                result.cards, version, text.options.subject,
            )
            event = Flashcards(
                upload_id=text.upload_id,
                filename=text.filename,
                cards=result.cards,
                requested=text.options.num_cards,
                engine=result.engine,
                model_name=model_name or result.model_name,
                model_version=version or result.model_version,
                language=result.language,
                subject=text.options.subject,
                notes=result.notes,
                processing_ms=(time.perf_counter() - started) * 1000,
                submitted_at=text.submitted_at,
            )
            await self.send(self.flashcards_topic, text.upload_id, self.codec.encode(event))
        except Exception as exc:
            await self.fail(exc, source, upload_id=upload_id)
            if self.tracker is not None:
                self.tracker.record({"success": 0.0,
                                     "generation_s": time.perf_counter() - started},
                                    {"error_type": type(exc).__name__})
            return
        self.succeeded(started)
        for card in result.cards:
            self.metrics.cards.labels(card.type).inc()
        if text.submitted_at is not None:
            self.metrics.upload_seconds.observe(
                (datetime.now(UTC) - text.submitted_at).total_seconds()
            )
        if self.tracker is not None:
            seconds = time.perf_counter() - started
            self.tracker.record(
                {
                    "input_chars": len(text.text),
                    "cards_requested": text.options.num_cards,
                    "cards_generated": len(result.cards),
                    "generation_s": seconds,
                    "s_per_card": seconds / max(1, len(result.cards)),
                    "success": 1.0,
                },
                {"engine": result.engine, "model_name": str(model_name or result.model_name)},
            )
