"""The embedded stack: SeaweedFS (S3), Tansu on it, the topics, a worker process (and the
retrainer), started and stopped as one. ``cardstream up`` runs it in the foreground; ``demo`` and
the tests use it too.

One stack per run folder: ``start`` takes the folder's lock first and holds it until ``stop``.
Everything durable lives in the folder (the S3 data, the card store, MLflow), so a stack started
again on the same folder carries on where the last one stopped, however it stopped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from streams.broker import EmbeddedBroker, free_port
from streams.exceptions import BrokerError, ConfigError
from streams.objectstore import EmbeddedObjectStore
from streams.runinfo import RunInfo, RunLock, pid_alive
from streams.settings import Settings, settings_env
from streams.topics import create_topics, topic_specs

READY_FILE = "worker.ready"


class Stack:
    def __init__(self, settings: Settings, with_retrainer: bool = True,
                 env: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.with_retrainer = with_retrainer
        self.env = env or {}
        self.run_dir = settings.run_dir.resolve()
        self.broker: EmbeddedBroker | None = None
        self.s3: EmbeddedObjectStore | None = None
        self.lock = RunLock(self.run_dir)
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.info: RunInfo | None = None

    @property
    def bootstrap(self) -> str:
        assert self.info is not None
        return self.info.bootstrap

    def _spawn(self, name: str, args: list[str], extra_env: dict[str, str]) -> None:
        log = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        env = {**os.environ, **settings_env(self.settings), **self.env, **extra_env,
               "CARDSTREAM_RUN_DIR": str(self.run_dir)}
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "cardstream.cli", *args],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            start_new_session=True,  # Ctrl-C reaches us; we stop the children in order
        )
        log.close()

    def start(self, ready_timeout: float = 120.0) -> Stack:
        self.lock.acquire()  # before touching anything in the folder
        try:
            return self._start(ready_timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, ready_timeout: float) -> Stack:
        reap_orphans(self.run_dir)
        (self.run_dir / READY_FILE).unlink(missing_ok=True)
        s = self.settings
        if s.embedded:
            if not s.ephemeral:
                self.s3 = EmbeddedObjectStore(self.run_dir / "s3",
                                              log_path=self.run_dir / "s3.log").start()
            self.broker = EmbeddedBroker(
                s.tansu_bin, log_path=self.run_dir / "tansu.log", workdir=self.run_dir,
                s3=self.s3.endpoint if self.s3 is not None else None,
            ).start()
            bootstrap = self.broker.bootstrap
        else:
            assert s.bootstrap_servers is not None
            bootstrap = s.bootstrap_servers
        create_topics(bootstrap, topic_specs(s))
        metrics_port = s.metrics_port or free_port()
        self.info = RunInfo(
            bootstrap=bootstrap, embedded=s.embedded, tracking_uri=s.resolved_tracking_uri,
            blob_dir=str(s.resolved_blob_dir.resolve()),
            metrics={"worker": f"http://127.0.0.1:{metrics_port}/metrics"},
        )
        if self.s3 is not None:
            self.info.s3 = {"url": self.s3.endpoint.url, "bucket": self.s3.endpoint.bucket}
        env = {"CARDSTREAM_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
               "CARDSTREAM_MLFLOW_TRACKING_URI": s.resolved_tracking_uri,
               "CARDSTREAM_BLOB_DIR": self.info.blob_dir}
        self._spawn("worker", ["worker", "--metrics-port", str(metrics_port)], env)
        if self.with_retrainer:
            retrainer_port = free_port()
            self.info.metrics["retrainer"] = f"http://127.0.0.1:{retrainer_port}/metrics"
            self._spawn("retrainer", ["retrainer", "--metrics-port", str(retrainer_port)], env)
        self.info.pids = {"up": os.getpid(),
                          **{name: p.pid for name, p in self.processes.items()}}
        for name, server in (("broker", self.broker), ("s3", self.s3)):
            if server is not None and server.pid is not None:
                self.info.pids[name] = server.pid
        self.info.write(self.run_dir)
        self._wait_ready(ready_timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not (self.run_dir / READY_FILE).exists():
            for name, process in self.processes.items():
                if process.poll() is not None:
                    tail = (self.run_dir / f"{name}.log").read_text(errors="replace")[-2000:]
                    raise BrokerError(
                        f"the {name} exited with status {process.returncode}:\n{tail}"
                    )
            if time.monotonic() > deadline:
                raise BrokerError(f"the worker was not ready within {timeout:.0f} s")
            time.sleep(0.1)

    def alive(self) -> bool:
        return (all(p.poll() is None for p in self.processes.values())
                and (self.broker is None or self.broker.running)
                and (self.s3 is None or self.s3.running))

    def stop(self, timeout: float = 15.0) -> None:
        # workers first, so they commit their offsets while the broker is still there
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.processes.clear()
        if self.broker is not None:
            self.broker.stop()
            self.broker = None
        if self.s3 is not None:  # after the broker, which flushes to it
            self.s3.stop()
            self.s3 = None
        if self.lock.held:  # a stack that never got the folder must not clear its owner's file
            RunInfo.clear(self.run_dir)
            (self.run_dir / READY_FILE).unlink(missing_ok=True)
            self.lock.release()

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


# what each process of a stack runs, to tell our orphan from an unrelated process that got its pid
_COMMANDS = {"broker": "tansu", "s3": "weed", "worker": "cardstream", "retrainer": "cardstream"}


def reap_orphans(run_dir: Path) -> None:
    """Stop what a stack that died without cleaning up (``up`` killed -9) left running here.

    Called with the folder's lock held, so no live stack owns these processes any more.
    """
    try:
        info = RunInfo.read(run_dir, check=False)
    except ConfigError:
        return
    for name, pid in info.pids.items():
        command = _COMMANDS.get(name)
        if command is None or not pid_alive(pid):
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if command in cmdline and _belongs_to(pid, cmdline, run_dir):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    RunInfo.clear(run_dir)


def _belongs_to(pid: int, cmdline: str, run_dir: Path) -> bool:
    """Our children run in the folder (broker, S3) or are told it (CARDSTREAM_RUN_DIR)."""
    where = cmdline
    with contextlib.suppress(OSError):
        where += os.readlink(f"/proc/{pid}/cwd")
    with contextlib.suppress(OSError):
        where += Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
    return str(run_dir) in where
