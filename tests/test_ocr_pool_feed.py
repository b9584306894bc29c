"""The worker's OCR pool holds the next page whole while its processes read: a process that
finishes a page finds the next one in its pipe instead of waiting, chunk by chunk, for the
worker's feeder thread (a 64 KB pipe held only the first quarter of a clean full page)."""

from __future__ import annotations

import array
import fcntl
import os
import signal
import termios
import time
from concurrent.futures import ProcessPoolExecutor

from agents.worker import ocr_pool

PAGE_BYTES = 300_000  # a clean full page's PNG is ~230 KB; a job carries its upload's bytes


def queued_bytes(pool: ProcessPoolExecutor) -> int:
    """Bytes waiting in the pipe the pool processes read their jobs from (FIONREAD)."""
    count = array.array("i", [0])
    fcntl.ioctl(pool._call_queue._reader.fileno(), termios.FIONREAD, count)  # type: ignore[attr-defined]
    return count[0]


def test_the_next_page_waits_whole_in_the_pipe_while_the_pool_is_busy() -> None:
    pool = ocr_pool(1)
    assert isinstance(pool, ProcessPoolExecutor)
    children: list[int] = []
    try:
        pool.submit(os.getpid).result(120)  # the process is up and warm
        children = list(pool._processes)
        pool.submit(time.sleep, 600)  # it reads a page for now
        following = pool.submit(len, b"p" * PAGE_BYTES)  # the next upload's page
        deadline = time.monotonic() + 30  # a bound, not a timing assert: the feeder is quick
        while queued_bytes(pool) < PAGE_BYTES and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not following.done()
        assert queued_bytes(pool) >= PAGE_BYTES, (
            f"only {queued_bytes(pool):,} bytes of the next page's job wait in the pipe")
    finally:
        for pid in children:  # the sleeping page would hold shutdown for ten minutes
            os.kill(pid, signal.SIGKILL)
        pool.shutdown(wait=False, cancel_futures=True)
