"""The worker's start path: what it must not wait for before it joins its group.

torch (the card engine, the learned scorer), the OCR engine (pandas through pytesseract,
SciPy, wordfreq) and numpy (tracking's charts) are needed at a stage's first event, not to start
consuming; they load on threads while Faust starts. Each check runs in a fresh interpreter,
whose imports are its own.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

HEAVY = ("torch", "pandas", "pytesseract", "agents.ocr", "agents.scoring", "spacy",
         "transformers", "mlflow", "numpy")


def run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **env})


WORKER = """
    import sys
    from pathlib import Path

    from prometheus_client import CollectorRegistry

    import cardstream.worker_main  # noqa: F401 - the composition root's imports are on the path
    from agents.worker import Worker, WorkerDeps
    from cardstream import bootstrap
    from streams.blobs import LocalBlobStore
    from streams.settings import Settings
    from streams.store import CardStore

    HEAVY = {heavy!r}
    settings = Settings()
    run_dir = Path(settings.run_dir)
    where = bootstrap.Endpoints("127.0.0.1:9", f"sqlite:///{{run_dir}}/mlflow.db", run_dir)
    registry = CollectorRegistry()
    router = bootstrap.model_router(settings, where, registry)
    deps = WorkerDeps(settings=settings, bootstrap=where.bootstrap, security=where.security,
                      codec=bootstrap.codec(settings), blobs=LocalBlobStore(run_dir / "blobs"),
                      store=CardStore(run_dir / "cards.db"), registry=registry, engine=None,
                      router=router)
    before = [name for name in HEAVY if name in sys.modules]
    worker = Worker(deps, run_dir / "faust")
    stage = worker.ocr.result(timeout=240) if worker.ocr is not None else None
    print("before:", before)
    print("stage:", type(stage).__name__)
    print("ocr imported:", "agents.ocr" in sys.modules)
    worker.close()
"""


def test_the_worker_is_built_without_torch_or_the_ocr_engine_and_gets_its_ocr_stage(tmp_path):
    done = run(WORKER.format(heavy=HEAVY), CARDSTREAM_RUN_DIR=str(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert "before: []" in lines  # a heavy module imported on the start path is named here
    assert "stage: OcrStage" in lines  # built in the background, ready for the first upload


def test_a_worker_without_the_ocr_agent_never_loads_the_ocr_engine(tmp_path):
    done = run(WORKER.format(heavy=HEAVY), CARDSTREAM_RUN_DIR=str(tmp_path),
               CARDSTREAM_AGENTS="generate,feedback")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines()[1:] == ["stage: NoneType", "ocr imported: False"]


def test_a_stage_that_cannot_be_built_stops_the_worker_as_a_failed_start():
    done = run("""
        import logging, time
        from agents.worker import in_background

        logging.basicConfig()
        in_background(lambda: 1 / 0, "ocr-loader")
        time.sleep(120)  # the loader ends the process long before this
        print("still running")
    """)
    assert done.returncode == 1
    assert "still running" not in done.stdout
    assert "cannot start: ocr-loader failed" in done.stderr
    assert "ZeroDivisionError" in done.stderr


def test_the_scorer_loader_is_imported_when_first_asked_for():
    done = run("""
        import sys
        from cardstream import bootstrap

        print("torch" in sys.modules)
        load = bootstrap.scoring_loader()
        print(load.__module__, "torch" in sys.modules)
    """)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["False", "agents.scoring.rater", "True"]


def test_a_stage_being_built_outlives_an_agent_cancelled_while_it_waits():
    """Shutdown cancels the agents; one waiting for its stage must not cancel the build the
    others wait for (it did: 'InvalidStateError: CANCELLED' in the loader, and the worker's
    stop ended in an error)."""
    import asyncio
    import threading

    from agents.worker import in_background

    gate, release = threading.Event(), threading.Event()
    building = in_background(lambda: release.wait(60) and "stage", "loader", after=gate)

    async def scenario() -> str:
        waiting = asyncio.ensure_future(asyncio.wrap_future(building))
        await asyncio.sleep(0.05)
        waiting.cancel()  # an agent stopped while its stage is being built
        gate.set()
        release.set()
        return str(await asyncio.wrap_future(building))  # the other agent still gets it

    assert asyncio.run(scenario()) == "stage"
