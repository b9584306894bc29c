"""Where a running stack is, and who owns the run folder.

``cardstream up`` holds ``up.lock`` (an ``fcntl`` lock: the kernel drops it when the holder dies,
however it dies) and writes ``cardstream.json``; the other verbs read it. A run file whose
processes are gone is stale: the verbs say so at once instead of timing out on Kafka.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from streams.exceptions import ConfigError

RUN_FILE = "cardstream.json"
LOCK_FILE = "up.lock"
# the processes without which the stack cannot answer; a worker may be restarting
VITAL = ("up", "broker", "s3")


@dataclass
class RunInfo:
    bootstrap: str
    embedded: bool
    tracking_uri: str
    blob_dir: str
    metrics: dict[str, str] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)
    # the embedded S3 (url, bucket) when the stack is durable; empty with --ephemeral
    s3: dict[str, str] = field(default_factory=dict)

    def write(self, run_dir: Path) -> Path:
        run_dir.mkdir(parents=True, exist_ok=True)
        path = run_dir / RUN_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2))
        os.replace(tmp, path)
        return path

    @classmethod
    def read(cls, run_dir: Path, check: bool = True) -> RunInfo:
        """The running stack; with ``check``, a ConfigError at once if its processes are gone."""
        path = run_dir / RUN_FILE
        try:
            info = cls(**json.loads(path.read_text()))
        except FileNotFoundError:
            raise ConfigError(
                f"no running stack found ({path} missing): start one with `cardstream up`, "
                "or set KAFKA_BOOTSTRAP_SERVERS"
            ) from None
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{path} is unreadable: {exc}") from exc
        if check:
            gone = info.dead()
            if gone:
                listed = ", ".join(f"{name} (pid {pid})" for name, pid in gone.items())
                raise ConfigError(
                    f"the stack in {run_dir} is not running: {listed} gone; "
                    "start it again with `cardstream up`"
                )
        return info

    def dead(self) -> dict[str, int]:
        """The vital processes of this run file that no longer exist."""
        return {name: pid for name, pid in self.pids.items()
                if name in VITAL and not pid_alive(pid)}

    @staticmethod
    def clear(run_dir: Path) -> None:
        (run_dir / RUN_FILE).unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, someone else's
    # a zombie has exited; only its parent has not reaped it yet
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


class RunFolderLocked(ConfigError):
    """Another stack holds this run folder."""


class RunLock:
    """One stack per run folder: ``with RunLock(run_dir):`` or ``acquire()``/``release()``.

    The descriptor is opened close-on-exec, so the worker and broker children never inherit
    the lock: when the holder dies the folder is free, and its run file is known to be stale.
    """

    def __init__(self, run_dir: Path) -> None:
        self.path = run_dir / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise RunFolderLocked(
                f"another cardstream stack (pid {holder}) is running in {self.path.parent}: "
                "stop it, or use another run folder (CARDSTREAM_RUN_DIR)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing drops the lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
