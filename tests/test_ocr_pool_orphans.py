"""The worker's OCR processes end with it, however it ends: a worker killed with -9 used to
leave them running for good (they wait on a pipe whose write end they hold themselves)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

WORKER = """
import os, sys, time
from agents.worker import ocr_pool

pool = ocr_pool(2)
for _ in range(4):
    pool.submit(os.getpid).result()
print(" ".join(str(pid) for pid in pool._processes), flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie is gone
    except OSError:
        return False


def test_the_ocr_pool_children_end_when_their_worker_is_killed() -> None:
    repo = Path(__file__).resolve().parents[1]  # `python -c` imports from its cwd first
    worker = subprocess.Popen([sys.executable, "-c", WORKER], stdout=subprocess.PIPE, text=True,
                              cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)})
    try:
        assert worker.stdout is not None
        children = [int(pid) for pid in worker.stdout.readline().split()]
        assert children and all(alive(pid) for pid in children)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    deadline = time.monotonic() + 60  # a bound, not a timing assert: they end at once
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in children if alive(pid)]
    for pid in left:  # don't leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left, f"OCR pool processes {left} outlived their killed worker"
