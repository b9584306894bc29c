"""Keep the stack's processes running: restart a dead worker or retrainer with backoff.

The stack's owner calls :meth:`Supervisor.check` every half second or so (``cardstream up``'s
loop); nothing runs in a background thread, so a test or a bench that drives the processes
itself sees exactly what it did. A process that stays up for ``healthy_s`` has its backoff
reset; one that keeps dying waits longer each time (1, 2, 4 … up to 60 s), so a worker that
cannot start does not spin the CPU. Every death and restart is one log line naming the process.
"""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("cardstream.supervisor")

Spawn = Callable[[str], subprocess.Popen[bytes]]


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]
    started: float
    restarts: int = 0
    failures: int = 0  # deaths in a row, each without a healthy run in between
    restart_at: float | None = None


class Supervisor:
    def __init__(self, spawn: Spawn, *, initial_backoff_s: float = 1.0,
                 max_backoff_s: float = 60.0, healthy_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.spawn = spawn
        self.initial_backoff_s = initial_backoff_s
        self.max_backoff_s = max_backoff_s
        self.healthy_s = healthy_s
        self.clock = clock
        self.children: dict[str, Child] = {}

    def adopt(self, name: str, process: subprocess.Popen[bytes]) -> None:
        self.children[name] = Child(name, process, self.clock())

    def backoff(self, failures: int) -> float:
        return min(self.max_backoff_s, self.initial_backoff_s * 2 ** max(0, failures - 1))

    def check(self) -> list[str]:
        """Notice deaths, restart what is due; returns the names restarted by this call."""
        now, restarted = self.clock(), []
        for child in self.children.values():
            if child.restart_at is None:
                status = child.process.poll()
                if status is None:
                    continue
                healthy = now - child.started >= self.healthy_s
                child.failures = 1 if healthy else child.failures + 1
                delay = self.backoff(child.failures)
                child.restart_at = now + delay
                log.error("the %s (pid %d) exited with status %s; restarting it in %.0f s",
                          child.name, child.process.pid, status, delay)
            if now >= child.restart_at:
                child.process = self.spawn(child.name)
                child.started, child.restart_at = now, None
                child.restarts += 1
                restarted.append(child.name)
                log.warning("restarted the %s (pid %d, restart #%d)", child.name,
                            child.process.pid, child.restarts)
        return restarted

    def pids(self) -> dict[str, int]:
        return {name: child.process.pid for name, child in self.children.items()}
