"""bench.ocr_throughput --trace tells a pool process waiting for a job from one waiting for the
rest of a job and from one reading a page, from /proc/PID/syscall of real processes."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.ocr_throughput import PoolSampler

WAITS = {  # what the process does -> what the sampler must call it
    "import os; os.read(0, 4)": "no job",  # multiprocessing reads a job's 4-byte length first
    "import os; os.read(0, 229996)": "rest of job",
    "while True: pass": "page",
}


def test_the_sampler_names_what_a_pool_process_waits_for() -> None:
    sampler = PoolSampler([])
    for code, expected in WAITS.items():
        child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 30  # a bound, not a timing assert: it starts at once
            seen = sampler.state(child.pid)
            while seen != expected and time.monotonic() < deadline:
                time.sleep(0.05)
                seen = sampler.state(child.pid)
            assert seen == expected, code
        finally:
            child.kill()
            child.wait()
