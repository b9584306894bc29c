"""One stack per run folder, SIGHUP, and a stale run file — on real `cardstream up` processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cardstream.stack import READY_FILE, Stack
from streams.runinfo import RUN_FILE, RunFolderLocked, RunInfo, RunLock, pid_alive
from streams.settings import Settings

WAIT = 180.0


def up(run_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(run_dir)}
    return subprocess.Popen([sys.executable, "-m", "cardstream.cli", "up", "--no-retrainer",
                             *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_ready(run_dir: Path, process: subprocess.Popen[bytes]) -> RunInfo:
    """Until this `up`'s stack is ready (a dead one's files may still be in the folder)."""
    deadline = time.monotonic() + WAIT
    while True:
        assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
        assert time.monotonic() < deadline, "the stack never became ready"
        if (run_dir / READY_FILE).exists() and (run_dir / RUN_FILE).exists():
            info = RunInfo.read(run_dir, check=False)
            if info.pids.get("up") == process.pid:
                return info
        time.sleep(0.1)


def cli(run_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(run_dir)}
    return subprocess.run([sys.executable, "-m", "cardstream.cli", *args], env=env,
                          capture_output=True, text=True, timeout=WAIT)


def test_the_lock_admits_one_holder_and_frees_when_released(tmp_path: Path) -> None:
    with RunLock(tmp_path), pytest.raises(RunFolderLocked, match=f"pid {os.getpid()}"):
        RunLock(tmp_path).acquire()
    RunLock(tmp_path).acquire().release()  # free again


def test_a_second_stack_in_the_same_folder_is_refused_and_leaves_the_first_alone(
        tmp_path: Path) -> None:
    settings = Settings(run_dir=tmp_path, ephemeral=True, partitions=1)
    process = up(tmp_path, "--ephemeral")
    try:
        first = wait_ready(tmp_path, process)
        with pytest.raises(RunFolderLocked, match="another cardstream stack"):
            Stack(settings, with_retrainer=False).start()
        # the refused stack neither removed the run file nor stopped anything
        assert RunInfo.read(tmp_path) == first
        second = cli(tmp_path, "up", "--ephemeral", "--no-retrainer")
        assert second.returncode != 0
        assert "another cardstream stack" in second.stderr
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(WAIT)


def test_sighup_stops_the_whole_stack(tmp_path: Path) -> None:
    process = up(tmp_path, "--ephemeral")
    info = wait_ready(tmp_path, process)
    process.send_signal(signal.SIGHUP)  # the terminal closed
    assert process.wait(WAIT) == 0
    deadline = time.monotonic() + 30
    while any(pid_alive(pid) for pid in info.pids.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [name for name, pid in info.pids.items() if pid_alive(pid)]
    assert not (tmp_path / RUN_FILE).exists()


def test_a_killed_up_takes_its_stack_with_it_and_its_run_file_is_named_stale(
        tmp_path: Path) -> None:
    # durable and with the retrainer: every kind of child (worker, retrainer, Tansu, SeaweedFS)
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "cardstream.cli", "up"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    info = wait_ready(tmp_path, process)
    deadline = time.monotonic() + WAIT  # the retrainer starts once a fresh folder's store is made
    while "retrainer" not in info.pids:
        assert process.poll() is None and time.monotonic() < deadline, "no retrainer started"
        time.sleep(0.2)
        info = RunInfo.read(tmp_path, check=False)
    children = {name: pid for name, pid in info.pids.items() if name != "up"}
    assert set(children) == {"worker", "retrainer", "broker", "s3"}
    process.send_signal(signal.SIGKILL)  # `up` dies without cleaning up anything
    process.wait(WAIT)
    deadline = time.monotonic() + WAIT  # generous: no timing is asserted, only that they end
    while [pid for pid in children.values() if pid_alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    outlived = {name: pid for name, pid in children.items() if pid_alive(pid)}
    for pid in outlived.values():  # not left running for the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert not outlived, f"outlived a killed up: {outlived}"
    # the run file is left behind, naming a dead `up`: the verbs say so at once, in one line
    result = cli(tmp_path, "feedback", "some-card", "--rating", "3")
    assert result.returncode != 0
    assert f"is not running: up (pid {info.pids['up']})" in result.stderr
    assert "gone" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # a child that outlived it anyway (started off the main thread, no setpriv, or `up` killed
    # between fork and exec) is stopped by the next `up` in the folder: a stand-in for a broker
    stray = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "tansu"],
                             cwd=tmp_path)
    stale = RunInfo.read(tmp_path, check=False)
    stale.pids["broker"] = stray.pid
    stale.write(tmp_path)
    again = up(tmp_path, "--ephemeral")
    try:
        wait_ready(tmp_path, again)
        assert stray.wait(WAIT) == -signal.SIGKILL
    finally:
        stray.kill()
        again.send_signal(signal.SIGTERM)
        again.wait(WAIT)
