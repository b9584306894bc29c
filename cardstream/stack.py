"""The embedded stack: SeaweedFS (S3), Tansu on it, the topics, a worker process (and the
retrainer), started and stopped as one. ``cardstream up`` runs it in the foreground; ``demo`` and
the tests use it too.

One stack per run folder: ``start`` takes the folder's lock first and holds it until ``stop``.
Everything durable lives in the folder (the S3 data, the card store, MLflow), so a stack started
again on the same folder carries on where the last one stopped, however it stopped.

``up`` calls :meth:`Stack.supervise` in its loop: a dead worker or retrainer is restarted with
backoff (``cardstream.supervisor``); only the embedded broker's (or its object store's) death
stops the stack, with a message saying so (``up`` again carries on from the folder). Against
an external cluster, losing the cluster is reported once and its return once (topics created
again if it came back empty); the worker's clients reconnect by themselves, and a worker that
gave up is restarted like any other death.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from cardstream.supervisor import Supervisor
from cardstream.tracking_store import make_store
from streams.broker import EmbeddedBroker, reachable
from streams.exceptions import BrokerError, ConfigError
from streams.objectstore import EmbeddedObjectStore
from streams.ports import free_port, hold_port
from streams.processes import EXIT_WITH_ENV
from streams.runinfo import RunInfo, RunLock, pid_alive
from streams.security import security_from
from streams.settings import Settings, settings_env
from streams.topics import create_topics, topic_specs

READY_FILE = "worker.ready"
BROKER_CHECK_S = 5.0
# The embedded stack's one worker joins its group with a 4 s session timeout, not the 6 s of
# Settings: Tansu holds every JoinGroup until half the group's session timeout has passed (in
# 1 s steps), so this is 1 s off every start. It is safe for a sole member: Tansu evicts a
# silent member only when another member of its group calls (join, sync, heartbeat, leave),
# after refreshing the caller, so one worker is never evicted by a late heartbeat, however
# loaded the machine; the timeout then only bounds how long a dead worker's membership holds
# up the one restarted in its place. Workers added by hand, or a set session timeout, keep
# their own (tests/integration/test_rebalance.py runs two with 6 s).
SOLE_WORKER_SESSION_TIMEOUT_S = 4.0
STORE_AT_STOP_S = 60.0  # a stop waits for a store being made (seconds, usually)

log = logging.getLogger("cardstream.stack")


class Stack:
    def __init__(self, settings: Settings, with_retrainer: bool = True,
                 env: dict[str, str] | None = None,
                 progress: Callable[[str], None] | None = None,
                 wait_consuming: bool = True) -> None:
        self.settings = settings
        # `up` returns at "ready" and notes "worker consuming" from its loop (note_consuming);
        # the tests and benches that drive a Stack want the worker consuming when start returns
        self.wait_consuming = wait_consuming
        self._started = 0.0
        self.consuming = False
        self.with_retrainer = with_retrainer
        self.env = env or {}
        self.progress = progress or (lambda _message: None)
        self.run_dir = settings.run_dir.resolve()
        self.broker: EmbeddedBroker | None = None
        self.s3: EmbeddedObjectStore | None = None
        self.lock = RunLock(self.run_dir)
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._held_port: socket.socket | None = None  # the broker's, until it starts
        self.info: RunInfo | None = None
        self._commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        self.supervisor = Supervisor(self._respawn)
        self.cluster_lost = False
        self._next_broker_check = 0.0
        self._making: concurrent.futures.Future[None] | None = None  # a fresh folder's store
        self._child_env: dict[str, str] = {}

    @property
    def bootstrap(self) -> str:
        assert self.info is not None
        return self.info.bootstrap

    def _spawn(self, name: str, args: list[str], extra_env: dict[str, str]) -> None:
        self._commands[name] = (args, extra_env)
        self.processes[name] = self._launch(name)
        self.supervisor.adopt(name, self.processes[name])

    def _launch(self, name: str) -> subprocess.Popen[bytes]:
        args, extra_env = self._commands[name]
        out = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        env = {**os.environ, **settings_env(self.settings), **self.env, **extra_env,
               "CARDSTREAM_RUN_DIR": str(self.run_dir),
               EXIT_WITH_ENV: str(os.getpid())}  # it ends with us, even if we are killed -9
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "cardstream", *args],  # see cardstream/__main__.py
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                start_new_session=True,  # Ctrl-C reaches us; we stop the children in order
            )
        finally:
            out.close()

    def _respawn(self, name: str) -> subprocess.Popen[bytes]:
        process = self.processes[name] = self._launch(name)
        if self.info is not None:
            self.info.pids[name] = process.pid
            self.info.write(self.run_dir)
        return process

    def supervise(self) -> str | None:
        """Restart dead children; watch the broker. Returns why the stack must stop, or None."""
        if self.broker is not None and not self.broker.running:
            return ("the embedded Kafka broker (Tansu) died, so the stack stops (see "
                    f"{self.run_dir / 'tansu.log'}); `cardstream up` again carries on from "
                    "the run folder")
        if self.s3 is not None and not self.s3.running:
            return ("the embedded object store (SeaweedFS) under the broker died, so the stack "
                    "stops; `cardstream up` again carries on from the run folder")
        failed = self._store_made()
        if failed is not None:
            return failed
        self.supervisor.check()
        if self.broker is None and time.monotonic() >= self._next_broker_check:
            self._next_broker_check = time.monotonic() + BROKER_CHECK_S
            self._watch_cluster()
        return None

    def _watch_cluster(self) -> None:
        up = reachable(self.bootstrap)
        if not up and not self.cluster_lost:
            self.cluster_lost = True
            log.error("the Kafka cluster at %s is unreachable; the worker waits for it to "
                      "come back", self.bootstrap)
        elif up and self.cluster_lost:
            self.cluster_lost = False
            try:
                created = create_topics(self.bootstrap, topic_specs(self.settings),
                                        config=security_from(self.settings).confluent())
            except BrokerError as exc:
                log.error("the Kafka cluster at %s is back, but its topics cannot be checked: "
                          "%s", self.bootstrap, exc)
                self.cluster_lost = True
                return
            log.warning("the Kafka cluster at %s is back%s", self.bootstrap,
                        f"; created the missing topics {created}" if created else "")

    def start(self, ready_timeout: float = 120.0) -> Stack:
        self.lock.acquire()  # before touching anything in the folder
        try:
            return self._start(ready_timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, ready_timeout: float) -> Stack:
        """Start the slow parts side by side: the worker imports its libraries (seconds) while
        the object store, the broker and the topics come up; it waits for the topics itself.
        The run file is written as soon as the topics exist: uploads are accepted (and kept)
        from then on, while the worker finishes starting."""
        self._started = time.monotonic()
        reap_orphans(self.run_dir)
        (self.run_dir / READY_FILE).unlink(missing_ok=True)
        s = self.settings
        # The broker's port is named to the worker before the broker starts (in the durable
        # stack SeaweedFS starts first, a second or more), so it is held until Tansu binds it:
        # released at once, it was given to another socket meanwhile and Tansu died with
        # 'Address in use' (a bench run).
        self._held_port = hold_port() if s.embedded else None
        port = self._held_port.getsockname()[1] if self._held_port else None
        bootstrap = f"127.0.0.1:{port}" if port else str(s.bootstrap_servers)
        metrics_port = s.metrics_port or free_port()
        self.info = RunInfo(
            bootstrap=bootstrap, embedded=s.embedded, tracking_uri=s.resolved_tracking_uri,
            blob_dir=str(s.resolved_blob_dir.resolve()),
            metrics={"worker": f"http://127.0.0.1:{metrics_port}/metrics"},
        )
        env = {"CARDSTREAM_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
               "CARDSTREAM_MLFLOW_TRACKING_URI": s.resolved_tracking_uri,
               "CARDSTREAM_BLOB_DIR": self.info.blob_dir}
        if s.embedded and "session_timeout_s" not in s.model_fields_set:
            env["CARDSTREAM_SESSION_TIMEOUT_S"] = str(SOLE_WORKER_SESSION_TIMEOUT_S)
        if s.embedded and not s.ephemeral:
            # made (ports, keys) before the worker is, started after: the worker imports its
            # libraries meanwhile. Blobs go to the same bucket as the topics.
            self.s3 = EmbeddedObjectStore(self.run_dir / "s3", log_path=self.run_dir / "s3.log")
            e = self.s3.endpoint
            self.info.s3 = {"url": e.url, "bucket": e.bucket, "blobs": f"s3://{e.bucket}/blobs/"}
            env.update({"CARDSTREAM_BLOB_S3_URL": e.url, "CARDSTREAM_BLOB_S3_BUCKET": e.bucket,
                        "CARDSTREAM_BLOB_S3_ACCESS_KEY": e.access_key,
                        "CARDSTREAM_BLOB_S3_SECRET_KEY": e.secret_key})

        self._child_env = env
        # the worker first, in a fresh folder too: its imports overlap the broker's start and
        # the MLflow store's making, which it waits for only where it first uses MLflow
        # (cardstream.tracking_store), after its group join
        self._making = make_store(self.run_dir, s.resolved_tracking_uri)
        self._spawn("worker", ["worker", "--metrics-port", str(metrics_port)], env)
        self._say("worker starting")
        if self._making is None:
            self._spawn_retrainer()
        if s.embedded:
            if self.s3 is not None:
                self.s3.start()
                self._say(f"object store (SeaweedFS S3) ready at {self.s3.endpoint.url}")
            broker = EmbeddedBroker(
                s.tansu_bin, port=port, log_path=self.run_dir / "tansu.log",
                workdir=self.run_dir, s3=self.s3.endpoint if self.s3 is not None else None,
            )
            self._release_port()
            self.broker = broker.start()
            self._say(f"broker (Tansu, {'S3' if self.s3 else 'in memory'}) ready at {bootstrap}")
        create_topics(bootstrap, topic_specs(s), config=security_from(s).confluent())
        self._say("topics ready")
        self._write_info()
        # Ready, honestly: from here an upload is accepted and kept on the broker, and the
        # worker processes it as soon as it has joined its group (a few seconds more; the
        # first upload also waits for the card engine, which loads in the background)
        self._say("ready: accepting uploads")
        if self.wait_consuming:
            self._wait_ready(ready_timeout)
            self.note_consuming()
            self._store_made(block=True)
        else:
            self._store_made()  # else from `up`'s loop (supervise)
        return self

    def _say(self, what: str) -> None:
        self.progress(f"  {what} ({time.monotonic() - self._started:.1f} s)")

    def _spawn_retrainer(self) -> None:
        if not self.with_retrainer:
            return
        assert self.info is not None
        port = free_port()
        self.info.metrics["retrainer"] = f"http://127.0.0.1:{port}/metrics"
        self._spawn("retrainer", ["retrainer", "--metrics-port", str(port)], self._child_env)
        self._say(f"retrainer starting, metrics at {self.info.metrics['retrainer']}")

    def _store_made(self, block: bool = False) -> str | None:
        """Once a fresh folder's MLflow store is made: say so and start the retrainer, which
        opens the store as it starts. Returns why the stack must stop if it could not be
        made (``block`` raises it instead)."""
        making = self._making
        if making is None or not (block or making.done()):
            return None
        self._making = None
        try:
            making.result()
        except Exception as exc:
            if block:
                raise
            return f"the MLflow store in {self.run_dir} could not be made: {exc}"
        self._say("MLflow store created")
        if self.with_retrainer:
            self._spawn_retrainer()
            self._write_info()
        return None

    def _release_port(self) -> None:
        if self._held_port is not None:
            self._held_port.close()
            self._held_port = None

    def _write_info(self) -> None:
        assert self.info is not None
        self.info.pids = {"up": os.getpid(),
                          **{name: p.pid for name, p in self.processes.items()}}
        for name, server in (("broker", self.broker), ("s3", self.s3)):
            if server is not None and server.pid is not None:
                self.info.pids[name] = server.pid
        self.info.write(self.run_dir)

    def note_consuming(self) -> bool:
        """Whether the worker consumes yet; says so once, with the time since start."""
        if not self.consuming and (self.run_dir / READY_FILE).exists():
            self.consuming = True
            self.progress(f"  worker consuming ({time.monotonic() - self._started:.1f} s)")
        return self.consuming

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not (self.run_dir / READY_FILE).exists():
            failed = self._store_made()  # the retrainer starts meanwhile
            if failed is not None:
                raise BrokerError(failed)
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
        self._release_port()
        if self._making is not None:  # not left half made for the next start to make again
            with contextlib.suppress(Exception):
                self._making.result(STORE_AT_STOP_S)
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
