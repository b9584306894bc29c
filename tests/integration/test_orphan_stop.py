"""A worker whose broker died still stops on SIGTERM: Faust's own stop waits on the broker for
good (an orphan of a killed ``up`` never exited), so the worker's stop watchdog ends it without
committing, saying why; what was in flight is redelivered as after kill -9."""

from __future__ import annotations

import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from agents.worker import EXIT_UNDELIVERABLE

pytestmark = pytest.mark.integration


def test_sigterm_stops_a_worker_whose_broker_is_gone(tmp_path: Path) -> None:
    from cardstream.stack import Stack
    from streams.settings import Settings

    settings = Settings(run_dir=tmp_path, ephemeral=True, partitions=2, ocr_workers=1,
                        use_encoder=False, app_id=f"orphan-{uuid.uuid4().hex[:8]}")
    stack = Stack(settings, with_retrainer=False).start(ready_timeout=240)
    try:
        worker = stack.processes["worker"]
        # "consuming" is marked when the group is joined, before Faust seeks and starts its
        # fetcher and before the feedback reader starts its consumers; a broker killed in
        # between leaves Faust nothing to wait on, or crashes the reader's start, and the
        # worker stops at once with 0 (both seen on a loaded machine). So: once Faust fetches
        # ("Ready") and the feedback reader has placed itself ("feedback: reading from").
        log_path = tmp_path / "worker.log"
        deadline = time.monotonic() + 120
        while not all(line in log_path.read_text(errors="replace")
                      for line in ("[^Worker]: Ready", "feedback: reading from")):
            assert time.monotonic() < deadline, "the worker never started fetching"
            assert worker.poll() is None, log_path.read_text(errors="replace")[-3000:]
            time.sleep(0.1)
        assert stack.broker is not None
        stack.broker._process.kill()  # type: ignore[union-attr]  # the broker dies under it
        stack.broker._process.wait()  # type: ignore[union-attr]
        worker.send_signal(signal.SIGTERM)
        try:
            # generous: the old worker was still waiting on the dead broker after 60 s
            code = worker.wait(120)
        except subprocess.TimeoutExpired:
            worker.kill()
            pytest.fail("the worker ignored SIGTERM with its broker gone")
        # what matters is that it stops: Faust's stop may still find nothing to wait on (0,
        # seen once in a full run on a loaded machine); when it waits, the watchdog ends it
        # with 75 and says why
        log = (tmp_path / "worker.log").read_text(errors="replace")
        assert code in (0, EXIT_UNDELIVERABLE), log[-3000:]
        if code == EXIT_UNDELIVERABLE:
            assert "did not stop within 10 s of the signal (is the broker gone?)" in log
    finally:
        stack.stop()
