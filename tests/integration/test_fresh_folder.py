"""A first `up` on a fresh folder: ready, and its worker starting, while the MLflow store is
still being made."""

from __future__ import annotations

import time
from pathlib import Path

from cardstream.stack import Stack
from streams.runinfo import RunInfo
from streams.settings import Settings


def steps_of(run_dir: Path) -> tuple[list[str], dict[str, int]]:
    """The steps one start of a stack in ``run_dir`` printed, in order, and its run file pids."""
    lines: list[str] = []
    stack = Stack(Settings(run_dir=run_dir, ephemeral=True, partitions=1), with_retrainer=False,
                  progress=lines.append, wait_consuming=False)
    try:
        stack.start()  # returns at "ready", as `up`'s does
        deadline = time.monotonic() + 120
        while stack._making is not None and time.monotonic() < deadline:
            assert stack.supervise() is None  # `up`'s loop, which notes the store made
            time.sleep(0.1)
        pids = RunInfo.read(run_dir).pids
    finally:
        stack.stop()
    return [line.strip().rsplit(" (", 1)[0] for line in lines], pids


def test_a_fresh_folder_is_ready_before_its_mlflow_store_exists_and_gets_a_whole_one(
        tmp_path: Path) -> None:
    from mlflow import MlflowClient

    (tmp_path / "mlflow.db.creating").write_text("left by an up that died while making it")
    steps, pids = steps_of(tmp_path)
    # the store is made beside the broker's start and the worker's; the worker waits for it
    # only where it first uses MLflow (cardstream.tracking_store)
    assert steps.index("worker starting") < steps.index("topics ready") \
        < steps.index("ready: accepting uploads") < steps.index("MLflow store created")
    assert "worker" in pids
    assert not (tmp_path / "mlflow.db.creating").exists()
    assert not (tmp_path / "mlflow.db.pending").exists()
    names = [e.name for e in MlflowClient(f"sqlite:///{tmp_path / 'mlflow.db'}")
             .search_experiments()]
    # a whole, migrated store (a half-made one raises above); the worker, once the store is
    # there, may already have made its own experiment before the stack stopped
    assert "Default" in names
    assert set(names) <= {"Default", Settings().mlflow_experiment_name}

    # the next start finds it: nothing to make, the worker starts first, its imports
    # overlapping the broker's start
    steps, _ = steps_of(tmp_path)
    assert "MLflow store created" not in steps
    assert steps.index("worker starting") < steps.index("ready: accepting uploads")
