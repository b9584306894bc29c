"""One memory setting bounds the OCR side: three hostile uploads at once (blank pages at the
per-page limit, each making every preprocessing candidate, and pages far over it) through the
OCR stage as the worker builds it for ``CARDSTREAM_WORKER_MEMORY_MB=2048``, with real spawned
Tesseract processes. Their resident memory, sampled throughout, stays within what the budget
leaves them; before the budget, two processes decoded 50 MP pages (~1.8 GB each)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import threading
from pathlib import Path

import pytest
from PIL import Image
from prometheus_client import CollectorRegistry

from agents.deadletter import Source
from agents.metrics import PipelineMetrics
from agents.pipeline import budget as memory
from agents.pipeline.ocr_stage import OcrStage
from agents.worker import ocr_pool
from schemas.events import DeadLetter, Upload
from streams.blobs import LocalBlobStore
from streams.serde import AvroCodec

pytestmark = pytest.mark.integration
MEMORY_MB = 2048


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total / memory.MB


def blank_png(side: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (side, side), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def test_three_hostile_uploads_at_once_stay_within_the_memory_setting(tmp_path: Path) -> None:
    plan = memory.memory_budget(MEMORY_MB, ocr_workers=2, blob_max_bytes=50 * memory.MB)
    assert plan.ocr_processes == 1 and plan.uploads_in_flight == 2
    side = int(plan.max_page_pixels ** 0.5)  # a page just within the per-page limit
    sent: list[tuple[str, str | None, bytes]] = []

    async def emit(topic: str, key: str | None, value: bytes) -> None:
        sent.append((topic, key, value))

    codec = AvroCodec()
    stage = OcrStage(pool=lambda: ocr_pool(plan.ocr_processes), blobs=LocalBlobStore(tmp_path),
                     texts_topic="texts", max_upload_pixels=plan.max_upload_pixels,
                     max_page_pixels=plan.max_page_pixels, codec=codec, emit=emit,
                     metrics=PipelineMetrics(CollectorRegistry()),
                     dead_letter_topic="dead-letters")
    uploads = {f"edge{i}": blank_png(side) for i in range(3)}
    uploads |= {f"huge{i}": blank_png(7100) for i in range(3)}  # 50 MP: over the page limit

    def source(name: str, data: bytes) -> Source:
        event = Upload(upload_id=name, filename=f"{name}.png", content_type="image/png",
                       size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data)
        return Source("uploads", 0, 1, name.encode(), codec.encode(event))

    peak, done = 0.0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            # the OCR stage's own processes only: a test session has other children (stacks)
            pool = getattr(stage.pool, "_processes", None) or {}
            peak = max(peak, rss_mb(list(pool)))

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        async def three_at_once() -> None:
            await asyncio.gather(*(stage.handle(source(n, d)) for n, d in uploads.items()))

        asyncio.run(three_at_once())
    finally:
        done.set()
        sampler.join()
        stage.pool.shutdown(wait=True)
    letters = {key: codec.decode(value, DeadLetter) for _, key, value in sent}
    assert set(letters) == set(uploads)  # every one ends in error, none crashed the pool
    for name, letter in letters.items():
        expected = "per page (the worker's memory budget)" if name.startswith("huge") else \
            "no text found"
        assert expected in letter.reason, letter.reason
    # what the budget leaves the OCR processes after the worker itself and the uploads held
    allowed = MEMORY_MB - memory.WORKER_BASE_MB - \
        plan.uploads_in_flight * memory.UPLOAD_COPIES * 50
    assert 0 < peak < allowed, (peak, allowed)
    print(f"OCR processes peaked at {peak:.0f} MB of the {allowed} MB left to them")
