"""The embedded stack's one worker is never evicted from its group by a late heartbeat, which
is what lets it join with a short session timeout (cardstream.stack.SOLE_WORKER_SESSION_TIMEOUT_S:
Tansu holds a JoinGroup for half of it). Tansu evicts a silent member only when another member
of the group calls; here the worker is stopped outright for longer than the timeout."""

from __future__ import annotations

import os
import signal
import time
import uuid
from pathlib import Path

import pytest

from cardstream.stack import SOLE_WORKER_SESSION_TIMEOUT_S, Stack
from streams.settings import Settings

pytestmark = pytest.mark.integration

HEARTBEAT_OK = b"Received successful heartbeat response"


def test_a_sole_worker_silent_past_its_session_timeout_keeps_its_membership(
        tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    settings = Settings(run_dir=tmp_path, ephemeral=True, partitions=1, ocr_workers=1,
                        use_encoder=False, app_id=f"sole-{tag}", topic_prefix=f"s{tag}-",
                        log_level="debug")  # for the heartbeats
    with Stack(settings, with_retrainer=False) as stack:
        worker = stack.processes["worker"]
        _, env = stack._commands["worker"]
        assert float(env["CARDSTREAM_SESSION_TIMEOUT_S"]) == SOLE_WORKER_SESSION_TIMEOUT_S
        log = tmp_path / "worker.log"
        assert log.read_text().count("Joined group") == 1
        os.kill(worker.pid, signal.SIGSTOP)  # no heartbeat, no request of any kind
        try:
            time.sleep(SOLE_WORKER_SESSION_TIMEOUT_S * 2)
        finally:
            os.kill(worker.pid, signal.SIGCONT)
        after = log.stat().st_size
        deadline = time.monotonic() + 120
        while HEARTBEAT_OK not in log.read_bytes()[after:]:  # aiokafka's debug line
            assert worker.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        text = log.read_text()
        # the first heartbeat after the silence was accepted; an evicted member's is refused,
        # and it joins the group again
        assert text.count("Joined group") == 1, text[-3000:]
        assert "Heartbeat failed" not in text, text[-3000:]
        assert stack.alive()
