"""Composition root of the worker process."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, start_http_server

from agents.models import ModelVersionsListener
from agents.ocr.metrics import OcrMetrics
from agents.tracking import Flusher, WindowedTracker
from cardstream import bootstrap
from cardstream.stack import READY_FILE
from schemas.events import ModelVersion
from streams import kafka
from streams.blobs import LocalBlobStore
from streams.settings import Settings

log = logging.getLogger("cardstream.worker")


def tracker(settings: Settings, run_name: str) -> WindowedTracker:
    return WindowedTracker(settings.resolved_tracking_uri, settings.mlflow_experiment_name,
                           run_name)


def run_worker(settings: Settings, metrics_port: int) -> None:
    import faust
    import torch

    from agents.worker import Worker, WorkerDeps

    # OCR has its own processes; torch's intra-op threads would only fight them for the cores
    torch.set_num_threads(1)
    where = bootstrap.endpoints(settings)
    registry = CollectorRegistry()
    codec = bootstrap.codec(settings)
    router = bootstrap.model_router(settings, where, registry)
    listener = ModelVersionsListener(
        router, lambda: kafka.consumer(where.bootstrap, **where.security.confluent()),
        settings.topic(ModelVersion.topic),
        lambda data: codec.decode(data, ModelVersion),
    )
    deps = WorkerDeps(
        settings=settings,
        bootstrap=where.bootstrap,
        security=where.security,
        codec=codec,
        blobs=LocalBlobStore(where.blob_dir),
        store=bootstrap.card_store(settings),
        registry=registry,
        engine=bootstrap.card_engine(settings, registry, where.tracking_uri),
        router=router,
        ocr_metrics=OcrMetrics(registry),
        trackers={name: tracker(settings, f"{name}-agent") for name in ("ocr", "generate")},
    )
    worker = Worker(deps, settings.run_dir / "faust")
    ready = Path(settings.run_dir) / READY_FILE

    @worker.app.on_rebalance_complete.connect  # type: ignore[arg-type]
    async def mark_ready(sender: Any, **_: Any) -> None:
        ready.touch()

    if metrics_port:
        start_http_server(metrics_port, addr=settings.metrics_host, registry=registry)
    log.info("worker on %s, metrics on :%s", where.bootstrap, metrics_port)
    listener.start()
    flusher = Flusher(list(deps.trackers.values()))
    flusher.start()
    try:
        faust.Worker(worker.app, loglevel=settings.log_level, quiet=True).execute_from_commandline()
    finally:
        flusher.stop()
        listener.stop()
        worker.close()
        deps.store.close()

