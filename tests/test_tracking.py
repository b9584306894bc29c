"""WindowedTracker against a real MLflow store (sqlite in a temp dir)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mlflow import MlflowClient

from agents.tracking import WindowedTracker, summarize


@pytest.fixture
def uri(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mlflow.db'}"


def test_summarize() -> None:
    stats = summarize([float(v) for v in range(1, 101)], 100)
    assert stats["mean"] == 50.5 and stats["min"] == 1 and stats["max"] == 100
    assert stats["p50"] == pytest.approx(50.5) and stats["p95"] == pytest.approx(95.05)


def test_each_window_is_a_finished_run_with_aggregates_and_sampled_artifacts(
    uri: str, tmp_path: Path
) -> None:
    tracker = WindowedTracker(uri, "ocr-test", "worker-1", window_s=3600, sample_every=2,
                              run_params={"worker": "host:1"},
                              artifact_location=str(tmp_path / "artifacts"))
    for index in range(10):
        artifacts = {"page.txt": f"page {index}".encode()} if tracker.wants_artifacts() else None
        language = "eng" if index < 7 else "spa"
        tracker.record({"confidence": 80.0 + index, "seconds": 0.5}, {"language": language},
                       artifacts)
    assert tracker.flush() is False  # the hour-long window is still open
    assert tracker.flush(force=True) is True
    tracker.record({"confidence": 50.0}, {"language": "spa"})
    tracker.close()
    tracker.close()

    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name("ocr-test")
    assert experiment is not None
    assert experiment.artifact_location.endswith("artifacts")  # the run folder, not $PWD
    runs = sorted(client.search_runs([experiment.experiment_id]),
                  key=lambda r: int(r.data.params["window"]))
    assert [r.info.run_name for r in runs] == ["worker-1-window-0", "worker-1-window-1"]
    assert all(r.info.status == "FINISHED" for r in runs)  # nothing stays RUNNING
    first, second = runs
    # params describe the run, not one event; per-event values are counted
    assert first.data.params == {"tracker": "worker-1", "window_s": "3600", "sample_every": "2",
                                 "worker": "host:1", "window": "0"}
    assert first.data.tags["values.language"] == "eng: 7, spa: 3"
    assert second.data.tags["values.language"] == "spa: 1"
    assert client.get_metric_history(first.info.run_id, "confidence.mean")[0].value == 84.5
    assert client.get_metric_history(second.info.run_id, "confidence.mean")[0].value == 50.0
    assert client.get_metric_history(first.info.run_id, "events")[0].value == 10
    assert client.get_metric_history(first.info.run_id, "confidence.p95")[0].value == \
        pytest.approx(88.55)
    charts = {a.path for a in client.list_artifacts(first.info.run_id, "window")}
    assert {"window/confidence.png", "window/events.log"} <= charts
    assert str(tmp_path / "artifacts") in first.info.artifact_uri
    # every 2nd event kept its artifact, and only the last kept per name survives the window
    kept = client.list_artifacts(first.info.run_id, "events")
    assert [a.path for a in kept] == ["events/page.txt"]


def test_record_never_touches_mlflow(uri: str, tmp_path: Path) -> None:
    """Recording only appends to the open window; MLflow is written when a window closes (the
    cost per upload is measured in bench/ocr_tracking_overhead.py)."""
    tracker = WindowedTracker(uri, "ocr-test", "worker-1", window_s=3600)
    for _ in range(10_000):
        tracker.record({"confidence": 90.0, "seconds": 0.9, "words": 300.0})
    assert not (tmp_path / "mlflow.db").exists()
    assert tracker.flush(force=True) is True
    assert (tmp_path / "mlflow.db").exists()


def test_mlflow_failure_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    tracker = WindowedTracker(f"sqlite:///{blocker}/mlflow.db", "ocr-test", "w", window_s=0)
    tracker.record({"confidence": 90.0})
    with caplog.at_level(logging.WARNING, logger="agents.tracking"):
        assert tracker.flush() is False
        tracker.close()
    assert "window of 1 events dropped" in caplog.text
