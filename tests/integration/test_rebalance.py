"""Exact hand-off across rebalances with two workers: a second worker joins while the first is
mid-stream, shares the partitions, then leaves (SIGTERM) mid-stream, moving partitions twice
while uploads are being read. Faust acks the event in hand when an agent is cancelled; with
the manual acks of ``handed_off`` an event cut short by a rebalance stays uncommitted and is
read again by whoever owns its partition next. Every upload reaches its client; none is lost."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from schemas.events import UploadOptions

pytestmark = pytest.mark.integration

WAIT = 600.0
SQUAD = Path(__file__).resolve().parents[2].parent / "shared/data/squad2_dev_subset.json"


def synced(log: Path, pid: int) -> bool:
    """Whether process ``pid`` has joined the group and holds partitions (from its log)."""
    text = log.read_text(errors="replace")
    return re.search(rf"\[{pid}\] \[INFO\] Successfully synced group", text) is not None


def test_uploads_survive_a_worker_joining_and_leaving_mid_stream(tmp_path: Path) -> None:
    from cardstream import bootstrap
    from cardstream.stack import Stack
    from streams.settings import Settings

    tag = uuid.uuid4().hex[:8]
    # two members: the 6 s session timeout, not the sole worker's 4 s (cardstream.stack)
    settings = Settings(run_dir=tmp_path, topic_prefix=f"r{tag}-", app_id=f"rebalance-{tag}",
                        partitions=4, ocr_workers=1, use_encoder=False, ephemeral=True,
                        session_timeout_s=6.0)
    paragraphs = [p["context"] for p in json.loads(SQUAD.read_text())["paragraphs"]]
    texts = iter(f"{p} (Copy {n}.)" for n in range(100) for p in paragraphs)
    results: dict = {}  # type: ignore[type-arg]
    ids: list[str] = []
    with Stack(settings, with_retrainer=False) as stack:
        client = bootstrap.client(settings)
        with client.watcher() as watch:

            def upload(count: int) -> None:
                for _ in range(count):
                    ids.append(client.upload_text(next(texts),
                                                  UploadOptions(num_cards=2)).upload_id)

            def collect() -> list[str]:
                """Outcomes that arrived; returns the uploads still pending."""
                # nothing restarts a worker here (``up`` would): one that exits (the liveness
                # watchdog's EXIT_STALLED) fails the test now, with its log, not at WAIT
                first = stack.processes["worker"]
                assert first.poll() is None, (tmp_path / "worker.log").read_text(
                    errors="replace")[-3000:]
                pending = [i for i in ids if i not in results]
                for i, outcome in watch.wait(pending, 1.0).items():
                    if outcome.status != "pending":
                        results[i] = outcome
                return [i for i in ids if i not in results]

            upload(60)
            # the worker's own command (same group: it joins), on a metrics port of its own
            args, env = stack._commands["worker"]
            args = [*args[:args.index("--metrics-port") + 1], "0"]
            stack._commands["worker-2"] = (args, env)
            second: subprocess.Popen[bytes] = stack._launch("worker-2")
            stack.processes["worker-2"] = second  # stopped with the stack if the test fails
            log = tmp_path / "worker-2.log"
            deadline = time.monotonic() + WAIT
            while not synced(log, second.pid) and time.monotonic() < deadline:
                assert second.poll() is None, log.read_text(errors="replace")[-2000:]
                if len(collect()) < 20:
                    upload(20)  # keep the first worker busy while the second joins
            assert synced(log, second.pid), "the second worker never joined"
            upload(40)  # both share the partitions now
            while len(results) < len(ids) - 30 and time.monotonic() < deadline:
                collect()
            assert second.poll() is None
            second.send_signal(signal.SIGTERM)  # it leaves mid-stream: another rebalance
            second.wait(60)
            while collect() and time.monotonic() < deadline:
                pass
        client.close()
    lost = [i for i in ids if i not in results]
    assert not lost, f"{len(lost)} of {len(ids)} uploads lost across the rebalances"
    # an upload may end in a clear error of the card engine (a paragraph it finds nothing to
    # ask about), never in an internal one from the hand-off
    internal = [o.error.reason for o in results.values()
                if o.error is not None and o.error.reason.startswith("internal error")]
    assert not internal, internal
    assert sum(o.status == "ok" for o in results.values()) >= 0.9 * len(ids)
