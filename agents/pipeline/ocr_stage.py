"""Upload → Text: fetch the bytes (inline or claim-check), read every page in the process pool."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from agents.deadletter import Source, with_retries
from agents.exceptions import (
    CorruptInput,
    EmptyText,
    InputError,
    MissingLanguagePack,
    PageTimeout,
)
from agents.ocr import (
    OcrConfig,
    OcrResult,
    PreprocessConfig,
    merge,
    plan_pages,
    run_page,
)
from agents.pipeline.base import Stage
from schemas.events import Text, Upload, UploadOptions
from streams.blobs import BlobStore
from streams.exceptions import BlobError

log = logging.getLogger(__name__)

NO_PREPROCESSING = PreprocessConfig(**{
    f.name: False for f in dataclasses.fields(PreprocessConfig) if f.type in ("bool", bool)
})


def ocr_config(options: UploadOptions, preprocess: bool) -> OcrConfig:
    return OcrConfig(
        language=options.language,
        min_confidence=options.min_confidence,
        preprocess=PreprocessConfig() if preprocess else NO_PREPROCESSING,
    )


def ocr_status(exc: BaseException) -> str:
    """The bounded status label of a failed OCR request."""
    if isinstance(exc, InputError):
        return "input_error"
    if isinstance(exc, MissingLanguagePack):
        return "missing_language"
    if isinstance(exc, PageTimeout):
        return "timeout"
    return "error"


class OcrStage(Stage):
    name = "ocr"

    def __init__(self, *, pool: Callable[[], Executor], blobs: BlobStore,
                 texts_topic: str, preprocess: bool = True, ocr_metrics: Any = None,
                 tracker: Any = None, run: Callable[..., Any] = run_page,
                 inline_limit: int = 256 * 1024, blob_max_bytes: int = 50 * 1024 * 1024,
                 blob_timeout_s: float = 30.0, max_upload_pixels: int | None = None,
                 max_page_pixels: int | None = None, **base: Any) -> None:
        super().__init__(**base)
        self.make_pool = pool
        self.pool = pool()
        self.run = run  # the page reader pool processes call; a seam for the crash test
        self._quarantine = asyncio.Lock()  # uploads read again after a crash, one at a time
        self.blobs = blobs
        self.texts_topic = texts_topic
        self.preprocess = preprocess
        self.ocr_metrics = ocr_metrics
        self.tracker = tracker
        self.inline_limit = inline_limit
        self.blob_max_bytes = blob_max_bytes
        self.blob_timeout_s = blob_timeout_s
        self.max_upload_pixels = max_upload_pixels
        self.max_page_pixels = max_page_pixels

    async def payload(self, upload: Upload) -> bytes:
        if upload.data is not None:
            data = upload.data
            if hashlib.sha256(data).hexdigest() != upload.sha256:
                raise CorruptInput("upload bytes do not match their sha256")
            return data
        assert upload.blob_uri is not None
        loop = asyncio.get_running_loop()
        uri, timeout = upload.blob_uri, self.blob_timeout_s

        async def get() -> bytes:
            # the store checks its own deadline between chunks; this one also covers a read
            # stuck inside the kernel (a hung network file system)
            return await asyncio.wait_for(loop.run_in_executor(
                None, lambda: self.blobs.get(uri, upload.sha256, max_bytes=self.blob_max_bytes,
                                             timeout_s=timeout)), timeout + 1)

        try:
            return await with_retries(get)
        except TimeoutError as exc:
            raise BlobError(f"reading blob {uri} took longer than {timeout:.0f} s") from exc

    async def read(self, upload: Upload, data: bytes) -> OcrResult:
        loop = asyncio.get_running_loop()
        config = ocr_config(upload.options, self.preprocess)
        if self.max_upload_pixels is not None:
            config = dataclasses.replace(config, max_upload_pixels=self.max_upload_pixels)
        if self.max_page_pixels is not None:
            config = dataclasses.replace(config, max_pixels=self.max_page_pixels)
        started = time.perf_counter()
        # planning reads headers and splits pages: a thread, not a trip through the pool
        jobs = await loop.run_in_executor(
            None, plan_pages, data, upload.content_type, upload.filename, config
        )
        # pages of one document run in parallel, one single-threaded Tesseract per process
        pool = self.pool
        try:
            pages = await self._read_pages(pool, jobs, config)
        except BrokenProcessPool:
            # Tesseract runs inside the pool processes: a crash (or the kernel's OOM killer)
            # takes one down and breaks the pool for every upload in flight. A fresh pool
            # serves what comes next; each upload that was in flight is read again alone, in
            # a pool of its own, so the one that breaks it again is the culprit and only it is
            # dead-lettered.
            self._replace_pool(pool)
            async with self._quarantine:
                alone = self.make_pool()
                try:
                    pages = await self._read_pages(alone, jobs, config)
                except BrokenProcessPool as exc:
                    raise CorruptInput(
                        f"{upload.filename}: the OCR process crashed reading it"
                    ) from exc
                finally:
                    alone.shutdown(wait=False, cancel_futures=True)
        return merge(pages, jobs[0].language, time.perf_counter() - started)

    async def _read_pages(self, pool: Executor, jobs: list[Any], config: OcrConfig) -> list[Any]:
        loop = asyncio.get_running_loop()
        return list(await asyncio.gather(
            *(loop.run_in_executor(pool, self.run, job, config) for job in jobs)
        ))

    def _replace_pool(self, broken: Executor) -> None:
        if self.pool is broken:  # the first upload to notice replaces it, once
            log.error("the OCR process pool broke (a Tesseract process died); starting anew")
            self.pool = self.make_pool()
            broken.shutdown(wait=False, cancel_futures=True)

    async def handle(self, source: Source) -> None:
        started = time.perf_counter()
        upload_id = None
        try:
            upload = self.codec.decode(source.value, Upload)
            upload_id = upload.upload_id
            result = await self.read(upload, await self.payload(upload))
            if not result.text.strip():
                raise EmptyText(
                    f"no text found in {upload.filename} ({result.words_total} words seen, "
                    f"none at confidence ≥ {upload.options.min_confidence:g})"
                )
            body, text_uri, text_sha256 = await self.claim_check(result.text)
            text = Text(
                upload_id=upload.upload_id,
                filename=upload.filename,
                content_type=upload.content_type,
                text=body,
                text_uri=text_uri,
                text_sha256=text_sha256,
                language=result.language,
                source=result.source,
                avg_confidence=result.avg_confidence,
                words_total=result.words_total,
                words_kept=result.words_kept,
                pages=result.pages,
                coverage=result.coverage,
                processing_ms=result.seconds * 1000,
                options=upload.options,
                submitted_at=upload.submitted_at,
            )
            await self.send(self.texts_topic, upload.upload_id, self.codec.encode(text))
        except Exception as exc:
            await self.fail(exc, source, upload_id=upload_id)
            self._observe(None, ocr_status(exc), started)
            return
        self.succeeded(started)
        self._observe(result, "ok", started, upload)

    async def claim_check(self, text: str) -> tuple[str, str | None, str | None]:
        """A text too large to travel inline goes to the blob store; the event carries its URI."""
        encoded = text.encode("utf-8")
        if len(encoded) <= self.inline_limit:
            return text, None, None
        loop = asyncio.get_running_loop()
        uri, digest = await loop.run_in_executor(None, self.blobs.put, encoded)
        return "", uri, digest

    def _observe(self, result: OcrResult | None, status: str, started: float,
                 upload: Upload | None = None) -> None:
        seconds = time.perf_counter() - started
        if self.ocr_metrics is not None:
            self.ocr_metrics.observe(result, status, seconds)
        if self.tracker is not None and result is not None and upload is not None:
            self.tracker.record(
                {
                    "avg_confidence": result.avg_confidence or 0.0,
                    "words_total": result.words_total,
                    "words_kept": result.words_kept,
                    "pages": len(result.pages),
                    "processing_s": seconds,
                    "file_size_bytes": upload.size_bytes,
                },
                {"content_type": upload.content_type,
                 "min_confidence": str(upload.options.min_confidence),
                 "preprocess": str(self.preprocess)},
            )
