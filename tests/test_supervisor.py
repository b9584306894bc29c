"""The supervisor restarts real dead processes with backoff and names them in its log."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from cardstream.supervisor import Supervisor


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def python(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", code])


def test_a_dead_child_is_restarted_with_growing_backoff(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    spawned: list[subprocess.Popen[bytes]] = []

    def spawn(name: str) -> subprocess.Popen[bytes]:
        spawned.append(python("raise SystemExit(3)"))  # dies again at once
        return spawned[-1]

    supervisor = Supervisor(spawn, initial_backoff_s=1, max_backoff_s=4, healthy_s=60,
                            clock=clock)
    first = python("raise SystemExit(3)")
    first.wait()
    supervisor.adopt("worker", first)
    caplog.set_level(logging.INFO, "cardstream.supervisor")

    delays = []
    for _ in range(4):
        assert supervisor.check() == []  # death noticed, restart scheduled
        child = supervisor.children["worker"]
        assert child.restart_at is not None
        delays.append(child.restart_at - clock.now)
        clock.now = child.restart_at
        assert supervisor.check() == ["worker"]
        spawned[-1].wait()
    assert delays == [1, 2, 4, 4]  # doubling, capped
    assert supervisor.children["worker"].restarts == 4
    messages = [r.getMessage() for r in caplog.records]
    assert any("the worker (pid" in m and "exited with status 3" in m for m in messages)
    assert any(m.startswith("restarted the worker") for m in messages)


def test_a_child_that_ran_healthily_restarts_after_the_first_delay_again() -> None:
    clock = Clock()
    supervisor = Supervisor(lambda name: python("pass"), initial_backoff_s=1, healthy_s=10,
                            clock=clock)
    child = python("raise SystemExit(1)")
    child.wait()
    supervisor.adopt("retrainer", child)
    supervisor.children["retrainer"].failures = 5  # it had been failing before
    clock.now = 100.0  # but this run lasted long enough to count as healthy
    supervisor.check()
    assert supervisor.children["retrainer"].restart_at == 101.0


def test_a_living_child_is_left_alone() -> None:
    alive = python("import time; time.sleep(30)")
    try:
        supervisor = Supervisor(lambda name: pytest.fail("must not spawn"))
        supervisor.adopt("worker", alive)
        assert supervisor.check() == []
    finally:
        alive.kill()
        alive.wait()
