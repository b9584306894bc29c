"""A Tesseract process that dies mid-page: the pool is replaced, the culprit is dead-lettered,
the uploads in flight beside it and every later upload are still read (real processes, real
Tesseract; the page reader is swapped at the stage's seam for one that can be made to die)."""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from prometheus_client import CollectorRegistry

from agents.deadletter import Source
from agents.metrics import PipelineMetrics
from agents.ocr import run_page
from agents.pipeline.ocr_stage import OcrStage
from schemas.events import DeadLetter, Text, Upload
from streams.blobs import LocalBlobStore
from streams.serde import AvroCodec

PAGE = (Path(__file__).resolve().parents[1].parent / "shared/data/phototest.tif").read_bytes()
POISON = b"poison"


def dies_on_poison(job, config):  # type: ignore[no-untyped-def]
    if job.kind == "text" and POISON.decode() in job.text:
        os._exit(11)  # what a segfault in libtesseract looks like to the pool
    return run_page(job, config)


def upload(name: str, data: bytes, content_type: str) -> Upload:
    return Upload(upload_id=name, filename=name, content_type=content_type, size_bytes=len(data),
                  sha256=hashlib.sha256(data).hexdigest(), data=data)


def test_a_crashed_pool_is_replaced_and_only_the_culprit_is_dead_lettered(tmp_path: Path):
    codec = AvroCodec()
    sent: list[tuple[str, bytes]] = []

    async def emit(topic: str, key: str | None, value: bytes) -> None:
        sent.append((topic, value))

    pools: list[ProcessPoolExecutor] = []

    def make_pool() -> ProcessPoolExecutor:
        pools.append(ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")))
        return pools[-1]

    stage = OcrStage(pool=make_pool, blobs=LocalBlobStore(tmp_path), texts_topic="texts",
                     run=dies_on_poison, codec=codec, emit=emit,
                     metrics=PipelineMetrics(CollectorRegistry()),
                     dead_letter_topic="dead-letters")
    events = [upload("good-1", PAGE, "image/tiff"),
              upload("bad", b"some text with poison in it", "text/plain"),
              upload("good-2", PAGE, "image/tiff")]

    async def scenario() -> None:
        sources = [Source("uploads", 0, i, e.upload_id.encode(), codec.encode(e))
                   for i, e in enumerate(events)]
        await asyncio.gather(*(stage.handle(s) for s in sources))  # all three in flight
        after = upload("after", PAGE, "image/tiff")
        await stage.handle(Source("uploads", 0, 9, b"after", codec.encode(after)))

    try:
        asyncio.run(scenario())
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
    texts = [codec.decode(v, Text) for t, v in sent if t == "texts"]
    dead = [codec.decode(v, DeadLetter) for t, v in sent if t == "dead-letters"]
    assert sorted(t.upload_id for t in texts) == ["after", "good-1", "good-2"]
    assert all("quick brown" in t.text for t in texts)
    assert [d.upload_id for d in dead] == ["bad"] and "crashed" in dead[0].reason
    assert len(pools) >= 2  # the broken pool was replaced
