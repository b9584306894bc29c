"""A first `up` on a fresh folder: ready while the MLflow store is still being made."""

from __future__ import annotations

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
        stack.start()
        pids = RunInfo.read(run_dir).pids
    finally:
        stack.stop()
    return [line.strip().rsplit(" (", 1)[0] for line in lines], pids


def test_a_fresh_folder_is_ready_before_its_mlflow_store_exists_and_gets_a_whole_one(
        tmp_path: Path) -> None:
    from mlflow import MlflowClient

    (tmp_path / "mlflow.db.creating").write_text("left by an up that died while making it")
    steps, pids = steps_of(tmp_path)
    # the store is made beside the broker; the worker starts only once it exists, since
    # processes opening a fresh store together can leave its migration half done
    assert steps.index("topics ready") < steps.index("ready: accepting uploads") \
        < steps.index("MLflow store created") < steps.index("worker starting")
    assert "worker" in pids  # the run file names the worker started after "ready"
    assert not (tmp_path / "mlflow.db.creating").exists()
    names = [e.name for e in MlflowClient(f"sqlite:///{tmp_path / 'mlflow.db'}")
             .search_experiments()]
    assert names == ["Default"]  # a whole, migrated store (a half-made one raises here)

    # the next start finds it: nothing to make, the worker starts first, its imports
    # overlapping the broker's start
    steps, _ = steps_of(tmp_path)
    assert "MLflow store created" not in steps
    assert steps.index("worker starting") < steps.index("ready: accepting uploads")
