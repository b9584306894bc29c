"""Composition root of the worker process."""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from prometheus_client import start_http_server

from agents.metrics import process_registry
from agents.models import ModelVersionsListener, listener_consumer
from agents.tracking import Flusher, WindowedTracker
from cardstream import bootstrap
from cardstream.stack import READY_FILE
from cardstream.tracking_store import wait_for_store
from schemas.events import ModelVersion
from streams import kafka
from streams.settings import Settings
from streams.topics import topic_specs, wait_for_topics

log = logging.getLogger("cardstream.worker")


def tracker(settings: Settings, run_name: str) -> WindowedTracker:
    """One finished MLflow run per window; an embedded (sqlite) MLflow keeps the artifacts in
    the run folder, a tracking server decides for itself."""
    import socket

    uri = settings.resolved_tracking_uri
    return WindowedTracker(
        uri, settings.mlflow_experiment_name, run_name,
        run_params={"worker": f"{socket.gethostname()}:{os.getpid()}", "app_id": settings.app_id,
                    "ocr_workers": str(settings.ocr_workers), "engine": settings.model_name or
                    "rules"},
        artifact_location=settings.artifact_root if uri.startswith("sqlite") else None)


STOP_GRACE_S = 10.0  # under the stack's 15 s before it kills, so a stuck stop says why
STORE_AT_STOP_S = 3.0  # a stop waits this long for a store still being made (tracking_store)


def stop_watchdog(grace_s: float = STOP_GRACE_S) -> None:
    """Arm a timer at SIGTERM/Ctrl-C: a stop still running after ``grace_s`` ends the process
    without committing. With the broker gone, Faust's stop waits on it forever (an orphaned
    worker whose broker died ignored SIGTERM for good); nothing can be committed then anyway,
    and whatever was in flight is redelivered, exactly as after kill -9."""
    from agents.worker import stop_uncommitted

    def expire() -> None:
        stop_uncommitted(TimeoutError(
            f"the worker did not stop within {grace_s:.0f} s of the signal (is the broker "
            "gone?); events in flight are redelivered"))

    timer = threading.Timer(grace_s, expire)
    timer.daemon = True
    timer.start()


def faust_worker(app: Any, grace_s: float, **options: Any) -> Any:
    """Faust's worker, with the stop watchdog armed by SIGTERM and SIGINT."""
    import faust

    class Worker(faust.Worker):
        def _on_sigterm(self) -> None:
            stop_watchdog(grace_s)
            super()._on_sigterm()

        def _on_sigint(self) -> None:
            stop_watchdog(grace_s)
            super()._on_sigint()

    return Worker(app, **options)


class LoadingEngine:
    """The card engine, built on a thread while the worker already consumes.

    Building it (torch, spaCy, MiniLM) takes most of a worker's start-up; the first upload
    simply waits for it in the generate stage's executor, and nothing is read any later.
    """

    name = "loading"

    def __init__(self, build: Callable[[], Any], after: threading.Event | None = None) -> None:
        self._loaded = concurrent.futures.Future[Any]()

        def load() -> None:
            if after is not None:  # see agents.worker.in_background
                from agents.worker import GATE_TIMEOUT_S

                after.wait(GATE_TIMEOUT_S)
            started = time.perf_counter()
            try:
                # the scorer's modules first (torch with them), as the main thread imported
                # them before the engine when this was on the start path
                bootstrap.scoring_loader()
                import torch

                # OCR has its own processes; torch's intra-op threads would only fight them
                torch.set_num_threads(1)
                self._loaded.set_result(build())
            except BaseException as exc:  # the first generate raises it, as building would
                self._loaded.set_exception(exc)
                log.exception("the card engine failed to load")
                return
            log.info("card engine loaded in %.1f s", time.perf_counter() - started)

        threading.Thread(target=load, name="engine-loader", daemon=True).start()

    def generate(self, request: Any, rater: Any = None) -> Any:
        return self._loaded.result().generate(request, rater)


def run_worker(settings: Settings, metrics_port: int) -> NoReturn:
    from agents.worker import GATE_TIMEOUT_S, Worker, WorkerDeps

    where = bootstrap.endpoints(settings)
    registry = process_registry()
    codec = bootstrap.codec(settings)
    models_topic = settings.topic(ModelVersion.topic)
    reporters: list[Any] = []  # made at the first report: most workers never load a model

    def report(event: ModelVersion) -> None:
        if not reporters:
            reporters.append(kafka.producer(where.bootstrap, **where.security.confluent()))
        value = codec.encode(event)
        kafka.produce_sync(reporters[0], models_topic, event.version, value,
                           headers=codec.headers(value))

    router = bootstrap.model_router(settings, where, registry, report)
    listener = ModelVersionsListener(
        router, lambda: listener_consumer(where.bootstrap, **where.security.confluent()),
        models_topic,
        lambda data: codec.decode(data, ModelVersion),
    )
    # what is needed only at the first event (the card engine, the OCR engine, MLflow) loads on
    # threads once Faust asks to join its group: before that they would slow the start path
    # down (one GIL), after it the worker mostly waits for the join
    joining = threading.Event()
    deps = WorkerDeps(
        settings=settings,
        bootstrap=where.bootstrap,
        security=where.security,
        codec=codec,
        blobs=bootstrap.blob_store(where, settings.blob_timeout_s),
        store=bootstrap.card_store(settings),
        registry=registry,
        engine=LoadingEngine(lambda: bootstrap.card_engine(settings, registry,
                                                           where.tracking_uri), joining),
        router=router,
        trackers={name: tracker(settings, f"{name}-agent") for name in ("ocr", "generate")},
    )
    worker = Worker(deps, settings.run_dir / "faust", loads_after=joining)
    ready = Path(settings.run_dir) / READY_FILE

    @worker.app.on_partitions_revoked.connect  # type: ignore[arg-type]
    async def join_asked(sender: Any, *_: Any, **__: Any) -> None:
        joining.set()  # aiokafka revokes (nothing, the first time) just before it joins

    @worker.app.on_rebalance_complete.connect  # type: ignore[arg-type]
    async def mark_ready(sender: Any, **_: Any) -> None:
        ready.touch()

    wait_for_topics(where.bootstrap, [t.name for t in topic_specs(settings)], timeout=120,
                    config=where.security.confluent())
    if metrics_port:
        start_http_server(metrics_port, addr=settings.metrics_host, registry=registry)
    log.info("worker on %s, metrics on :%s", where.bootstrap, metrics_port)
    listener.start()
    flusher = Flusher(list(deps.trackers.values()))

    def start_flusher() -> None:  # its first act is to warm MLflow up: seconds of imports
        joining.wait(GATE_TIMEOUT_S)
        # a fresh folder's store is made by `up` meanwhile; the windows wait in memory
        while not wait_for_store(settings.run_dir):
            log.warning("the MLflow store in %s is still being made", settings.run_dir)
        flusher.start()

    threading.Thread(target=start_flusher, name="flusher-gate", daemon=True).start()
    status: int | str | None = 0
    try:
        faust_worker(worker.app, STOP_GRACE_S, loglevel=settings.log_level,
                     quiet=True).execute_from_commandline()
    except SystemExit as exc:
        status = exc.code
    finally:
        closing = time.perf_counter()
        flusher.stop()
        listener.stop()
        for reporter in reporters:
            reporter.flush(5)
        if not wait_for_store(settings.run_dir, STORE_AT_STOP_S):
            log.warning("the MLflow store in %s is still being made: the last tracking "
                        "windows are dropped", settings.run_dir)
            deps.trackers.clear()
        worker.close()  # the trackers write their last window to MLflow here
        deps.store.close()
        log.info("closed in %.2f s after Faust stopped", time.perf_counter() - closing)
    exit_now(status)


def exit_now(status: int | str | None) -> NoReturn:
    """Leave without the interpreter's teardown, once everything that matters is done.

    By here Faust has committed and flushed, the trackers have written their last window and
    the card store is closed. What remains is native teardown (torch, librdkafka handles still
    held by daemon threads, the OCR pool) that took 3-4 s of a 5 s stop and saves nothing.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status if isinstance(status, int) else (0 if status is None else 1))

