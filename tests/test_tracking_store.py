"""The run folder's MLflow store: made once, whole, and waited for only while its maker lives."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from cardstream.tracking_store import PENDING, STORE, make_store, store_uri, wait_for_store


def test_nothing_to_wait_for_without_a_store_being_made(tmp_path: Path) -> None:
    assert wait_for_store(tmp_path, timeout=0)


def test_a_store_being_made_by_a_live_up_is_waited_for_until_it_is_there(
        tmp_path: Path) -> None:
    (tmp_path / PENDING).write_text(str(os.getpid()))  # this process: alive
    assert not wait_for_store(tmp_path, timeout=0)
    results: list[bool] = []
    waited = threading.Thread(target=lambda: results.append(wait_for_store(tmp_path, 60)))
    waited.start()
    (tmp_path / STORE).write_bytes(b"")
    waited.join()
    assert results == [True]


def test_a_marker_left_by_a_dead_up_is_not_waited_for(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (tmp_path / PENDING).write_text(gone.stdout.strip())
    assert wait_for_store(tmp_path, timeout=60)


def test_the_store_is_made_whole_and_only_for_the_folders_own_uri(tmp_path: Path) -> None:
    from mlflow import MlflowClient

    assert make_store(tmp_path, f"sqlite:///{tmp_path / 'elsewhere.db'}") is None
    making = make_store(tmp_path, store_uri(tmp_path))
    assert making is not None
    assert (tmp_path / PENDING).exists() or (tmp_path / STORE).exists()
    making.result(120)
    assert not (tmp_path / PENDING).exists()
    assert wait_for_store(tmp_path, timeout=0)
    names = [e.name for e in MlflowClient(store_uri(tmp_path)).search_experiments()]
    assert names == ["Default"]  # migrated to the end (a half-made store raises here)
    assert make_store(tmp_path, store_uri(tmp_path)) is None  # there already
