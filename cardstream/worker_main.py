"""Composition root of the worker process."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, start_http_server

from cardstream import bootstrap
from cardstream.stack import READY_FILE
from streams.blobs import LocalBlobStore
from streams.settings import Settings

log = logging.getLogger("cardstream.worker")


def tracker(settings: Settings, run_name: str) -> Any:
    try:
        from agents.tracking import WindowedTracker
    except ImportError:
        return None
    return WindowedTracker(settings.resolved_tracking_uri, settings.mlflow_experiment_name,
                           run_name)


def run_worker(settings: Settings, metrics_port: int) -> None:
    import faust

    from agents.worker import Worker, WorkerDeps

    where = bootstrap.endpoints(settings)
    registry = CollectorRegistry()
    deps = WorkerDeps(
        settings=settings,
        bootstrap=where.bootstrap,
        codec=bootstrap.codec(settings),
        blobs=LocalBlobStore(where.blob_dir),
        store=bootstrap.card_store(settings),
        registry=registry,
        engine=bootstrap.card_engine(settings, registry),
        ocr_metrics=_ocr_metrics(registry),
        trackers={name: t for name in ("ocr", "generate")
                  if (t := tracker(settings, f"{name}-agent")) is not None},
    )
    worker = Worker(deps, settings.run_dir / "faust")
    ready = Path(settings.run_dir) / READY_FILE

    @worker.app.on_rebalance_complete.connect
    async def mark_ready(sender: Any, **_: Any) -> None:
        ready.touch()

    if metrics_port:
        start_http_server(metrics_port, addr="127.0.0.1", registry=registry)
    log.info("worker on %s, metrics on :%s", where.bootstrap, metrics_port)
    try:
        faust.Worker(worker.app, loglevel=settings.log_level, quiet=True).execute_from_commandline()
    finally:
        worker.close()
        deps.store.close()


def _ocr_metrics(registry: CollectorRegistry) -> Any:
    try:
        from agents.ocr.metrics import OcrMetrics
    except ImportError:
        return None
    return OcrMetrics(registry)
