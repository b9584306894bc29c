"""The OCR agent's tracker pays MLflow's start-up on the flusher thread when the worker starts,
not in the first window's write (a real sqlite MLflow store in a temp dir)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mlflow import MlflowClient

from agents.tracking import Flusher, WindowedTracker


@pytest.fixture
def uri(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mlflow.db'}"


def test_warm_opens_the_store_and_experiment_but_starts_no_run(uri: str) -> None:
    tracker = WindowedTracker(uri, "ocr-warm", "worker-1", window_s=3600)
    tracker.warm()
    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name("ocr-warm")
    assert experiment is not None
    assert client.search_runs([experiment.experiment_id]) == []  # an idle worker leaves none
    tracker.record({"confidence": 90.0})
    assert tracker.flush(force=True)
    tracker.close()
    [run] = client.search_runs([experiment.experiment_id])
    assert client.get_metric_history(run.info.run_id, "confidence.mean")[0].value == 90.0


def test_warm_failure_is_logged_and_the_first_write_retries(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "later"
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    tracker = WindowedTracker(uri, "ocr-warm", "worker-1", window_s=3600)
    folder.write_text("not a directory yet")
    with caplog.at_level(logging.WARNING, logger="agents.tracking"):
        tracker.warm()  # must not raise
    assert "could not start" in caplog.text
    folder.unlink()
    folder.mkdir()
    tracker.record({"confidence": 80.0})
    assert tracker.flush(force=True)
    tracker.close()


def test_flusher_warms_its_trackers_when_it_starts(uri: str) -> None:
    tracker = WindowedTracker(uri, "ocr-warm", "worker-1", window_s=3600)
    flusher = Flusher([tracker], every_s=3600)  # no flush due: only the warm-up runs
    flusher.start()
    try:
        assert flusher.warmed.wait(120), "the flusher did not warm its tracker"
    finally:
        flusher.stop()
        flusher.join(10)
    assert MlflowClient(uri).get_experiment_by_name("ocr-warm") is not None
