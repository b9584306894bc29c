"""Experiment tracking for streaming agents without slowing the stream.

Logging one MLflow run per event would cost more than the OCR of a small page (a sqlite or
HTTP round trip each). ``WindowedTracker`` keeps per-event numbers in memory and writes each time
window as one finished MLflow run: count, mean, min, max, p50 and p95 of every metric. The run's
params describe the run (which tracker, which worker, the window length), not one event; what
varies per event (a content type, an error type) is counted, as ``values.<key>`` tags and a
``values.json`` artifact. Runs keep their artifacts under ``artifact_location`` (the run
folder), not in the working directory.
Every ``sample_every``-th window it also stores a distribution chart of each metric (PNG,
matplotlib Agg) and the recent event log, and every ``sample_every``-th event it keeps the
artifacts the caller attached.

Threading: ``record`` only appends under a lock and is O(number of metrics). ``warm``,
``flush`` and ``close`` do all MLflow work and belong on a background thread or timer owned by
the caller; ``Flusher`` is that thread, and warms every tracker when it starts.
Failure policy: tracking is never worth failing the pipeline for; every MLflow error is logged
and that window's data is dropped.
"""

from __future__ import annotations

import io
import logging
import random
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlflow import MlflowClient

log = logging.getLogger(__name__)

MAX_VALUES = 20_000  # per metric and window; beyond this a uniform reservoir sample is kept
LOG_LINES = 200  # recent events kept for the sampled processing log


@dataclass
class _Window:
    started: float
    events: int = 0
    values: dict[str, list[float]] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    params: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> value -> events
    artifacts: dict[str, bytes] = field(default_factory=dict)


class WindowedTracker:
    def __init__(
        self,
        tracking_uri: str,
        experiment: str,
        run_name: str,
        window_s: float = 60.0,
        sample_every: int = 10,
        run_params: dict[str, str] | None = None,
        artifact_location: str | None = None,
    ) -> None:
        self.tracking_uri = tracking_uri
        self.artifact_location = artifact_location
        self.run_params = {"tracker": run_name, "window_s": f"{window_s:g}",
                           "sample_every": str(sample_every), **(run_params or {})}
        self.experiment = experiment
        self.run_name = run_name
        self.window_s = window_s
        self.sample_every = max(1, sample_every)
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()  # one flush at a time; record never waits on it
        self._window = _Window(time.monotonic())
        self._events = 0
        self._log: deque[str] = deque(maxlen=LOG_LINES)
        self._random = random.Random(0)
        self._client: MlflowClient | None = None
        self._experiment_id: str | None = None
        self._step = 0
        self._closed = False

    # -- hot path -------------------------------------------------------------------------

    def wants_artifacts(self) -> bool:
        """Whether the next ``record`` keeps its artifacts; lets callers skip building them."""
        return (self._events + 1) % self.sample_every == 0

    def record(
        self,
        metrics: dict[str, float],
        params: dict[str, str] | None = None,
        artifacts: dict[str, bytes] | None = None,
    ) -> None:
        """Add one event. Never touches MLflow, never raises on bad values."""
        with self._lock:
            if self._closed:
                return
            self._events += 1
            window = self._window
            window.events += 1
            for key, value in metrics.items():
                seen = window.seen.get(key, 0) + 1
                window.seen[key] = seen
                values = window.values.setdefault(key, [])
                if len(values) < MAX_VALUES:
                    values.append(float(value))
                else:
                    slot = self._random.randrange(seen)
                    if slot < MAX_VALUES:
                        values[slot] = float(value)
            for name, label in (params or {}).items():
                counts = window.params.setdefault(name, {})
                counts[label] = counts.get(label, 0) + 1
            if artifacts and self._events % self.sample_every == 0:
                window.artifacts.update(artifacts)
            self._log.append(
                f"{time.time():.3f} " + " ".join(f"{k}={v:g}" for k, v in metrics.items())
            )

    # -- background -----------------------------------------------------------------------

    def warm(self) -> None:
        """Pay MLflow's start-up now rather than in the first window's write: importing it,
        opening the store (a new sqlite store creates and migrates its schema) and finding the
        experiment, ~6 s measured on 2 cores; and drawing one chart, as the first (sampled)
        window will (matplotlib loads its fonts then: ~0.6 s). The run itself is still created
        by the first write, so an idle worker leaves no empty run. Failures are logged; the
        first write retries.
        """
        with self._flush_lock:
            try:
                self._experiment()
                histogram_png("warm-up", [0.0, 1.0])
            except Exception:  # tracking must never break the pipeline; see module docstring
                log.warning(
                    "MLflow tracking could not start; the first window retries", exc_info=True
                )

    def flush(self, force: bool = False) -> bool:
        """Write the current window if it has ended (or ``force``); True if one was written.

        Cheap to call often from a timer: before the window ends it only reads the clock.
        """
        now = time.monotonic()
        with self._lock:
            window = self._window
            if window.events == 0 or (not force and now - window.started < self.window_s):
                return False
            self._window = _Window(now)
            lines = list(self._log) if self._sampled_window() else []
        with self._flush_lock:
            try:
                self._write(window, now - window.started, lines)
            except Exception:  # tracking must never break the pipeline; see module docstring
                log.warning(
                    "MLflow tracking failed; window of %d events dropped",
                    window.events,
                    exc_info=True,
                )
                return False
        return True

    def close(self) -> None:
        """Write what is left (as its own finished run). Safe to call twice."""
        self.flush(force=True)
        with self._lock:
            self._closed = True

    def _sampled_window(self) -> bool:
        return self._step % self.sample_every == 0

    def _write(self, window: _Window, seconds: float, lines: list[str]) -> None:
        from datetime import UTC, datetime

        from mlflow.entities import Metric, Param, RunTag

        client, experiment_id = self._experiment()
        step = self._step
        ended = datetime.now(UTC)
        run = client.create_run(experiment_id, run_name=f"{self.run_name}-window-{step}", tags={
            "window_start": datetime.fromtimestamp(ended.timestamp() - seconds, UTC).isoformat(),
            "window_end": ended.isoformat(), "tracker": self.run_name})
        run_id = run.info.run_id
        ok = False
        try:
            stamp = int(time.time() * 1000)
            metrics = [
                Metric("events", window.events, stamp, step),
                Metric("window_seconds", seconds, stamp, step),
                Metric("events_per_second", window.events / max(seconds, 1e-9), stamp, step),
            ]
            for key, values in window.values.items():
                for name, value in summarize(values, window.seen[key]).items():
                    metrics.append(Metric(f"{key}.{name}", value, stamp, step))
            params = [Param(k, v) for k, v in {**self.run_params, "window": str(step)}.items()]
            tags = [RunTag(f"values.{key}", ", ".join(
                f"{value}: {n}" for value, n in sorted(counts.items(), key=lambda kv: -kv[1])
            )[:500]) for key, counts in window.params.items()]
            for start in range(0, len(metrics), 1000):  # MLflow's batch limit
                client.log_batch(
                    run_id,
                    metrics=metrics[start : start + 1000],
                    params=params if start == 0 else [],
                    tags=tags if start == 0 else [],
                )
            if window.params:
                client.log_dict(run_id, window.params, "values.json")
            if window.artifacts:
                self._log_bytes(client, run_id, window.artifacts, "events")
            if lines:
                charts = {f"{key}.png": histogram_png(key, v) for key, v in window.values.items()}
                charts["events.log"] = "\n".join(lines).encode()
                self._log_bytes(client, run_id, charts, "window")
            ok = True
        finally:
            client.set_terminated(run_id, status="FINISHED" if ok else "FAILED")
        self._step += 1

    def _experiment(self) -> tuple[MlflowClient, str]:
        if self._client is None:
            from mlflow import MlflowClient

            self._client = MlflowClient(self.tracking_uri)
        if self._experiment_id is None:
            experiment = self._client.get_experiment_by_name(self.experiment)
            if experiment is None:
                self._experiment_id = self._client.create_experiment(
                    self.experiment, artifact_location=self.artifact_location)
            else:
                self._experiment_id = experiment.experiment_id
        return self._client, self._experiment_id

    @staticmethod
    def _log_bytes(client: MlflowClient, run_id: str, files: dict[str, bytes], where: str) -> None:
        with tempfile.TemporaryDirectory(prefix="cardstream-tracking-") as folder:
            for name, data in files.items():
                path = Path(folder) / Path(name).name
                path.write_bytes(data)
                client.log_artifact(run_id, str(path), where)


def summarize(values: list[float], count: int) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "count": float(count),
        "mean": sum(ordered) / len(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "p50": _quantile(ordered, 0.5),
        "p95": _quantile(ordered, 0.95),
    }


def _quantile(ordered: list[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def histogram_png(title: str, values: list[float]) -> bytes:
    """A small distribution chart; the Agg canvas needs no display and no global pyplot."""
    import numpy as np  # here, not at the top: the worker imports this module on its start path
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 3), dpi=80)
    FigureCanvasAgg(figure)
    # Fixed margins and one filled step artist instead of tight_layout and 30 bar patches: the
    # same chart at half the CPU (~50 ms instead of ~100), which the flusher thread takes from
    # the process's GIL.
    figure.subplots_adjust(left=0.12, right=0.96, bottom=0.14, top=0.88)
    axes: Any = figure.add_subplot()
    counts, edges = np.histogram(values, bins=30)
    axes.stairs(counts, edges, fill=True, color="#4472c4")
    axes.set_title(f"{title} (n={len(values)})")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


class Flusher(threading.Thread):
    """The background timer ``flush`` belongs on: checks every tracker every few seconds."""

    def __init__(self, trackers: list[WindowedTracker], every_s: float = 5.0) -> None:
        super().__init__(name="mlflow-flusher", daemon=True)
        self.trackers = trackers
        self.every_s = every_s
        self._stop_event = threading.Event()
        self.warmed = threading.Event()  # set once every tracker has been warmed

    def run(self) -> None:
        # MLflow's start-up costs seconds of CPU; here it is off the event loop and done before
        # the first window is due, instead of inside the first write.
        for tracker in self.trackers:
            if self._stop_event.is_set():
                return
            tracker.warm()
        self.warmed.set()
        while not self._stop_event.wait(self.every_s):
            for tracker in self.trackers:
                tracker.flush()

    def stop(self) -> None:
        self._stop_event.set()
