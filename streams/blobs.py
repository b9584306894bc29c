"""Claim-check blob store: large payloads live here and events carry their URI.

Every blob store keeps one promise, :class:`BlobStore`: ``put`` returns a URI and the SHA-256 of
the bytes, ``get`` returns those bytes or raises :class:`BlobError`. A URI in an event comes from
whoever produced the event, so ``get`` treats it as hostile:

- the SHA-256 is mandatory, and the URI must name *that* blob in *this* store: the embedded store
  is content-addressed (``<root>/<sha[:2]>/<sha>``), so no other path is ever opened, and
  ``file:///etc/passwd`` or ``../`` tricks never reach the file system;
- every path component is opened with ``O_NOFOLLOW`` relative to the one before it, so a symlink
  planted inside the store cannot lead out of it;
- the file is opened with ``O_NONBLOCK`` (a FIFO planted in its place cannot hang the open) and
  must be a regular file once open (``fstat``, so no check-then-open race);
- reads stop at ``max_bytes`` and at a deadline, and the bytes must match the SHA-256.

The embedded default is a local folder; an S3-backed store (SeaweedFS) implements the same
protocol.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

from streams.exceptions import BlobError, BlobRefused

SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 20


class BlobStore(Protocol):
    def put(self, data: bytes) -> tuple[str, str]:
        """Store ``data``; returns ``(uri, sha256)``."""
        ...

    def get(self, uri: str, sha256: str, *, max_bytes: int, timeout_s: float) -> bytes:
        """The bytes ``put`` stored under ``uri``, verified against ``sha256``."""
        ...


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> tuple[str, str]:
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_of(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # write-then-rename: a reader never sees half a blob
            fd, tmp = tempfile.mkstemp(dir=path.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        return path.as_uri(), digest

    def get(self, uri: str, sha256: str, *, max_bytes: int = 50 * 1024 * 1024,
            timeout_s: float = 30.0) -> bytes:
        if not SHA256.match(sha256 or ""):
            raise BlobRefused("a blob reference needs the SHA-256 of its bytes (64 hex digits)")
        parsed = urlparse(uri)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            raise BlobRefused(f"blob URI {uri!r} is not in this blob store")
        if Path(unquote(parsed.path)) != self.path_of(sha256):
            # content-addressed: the only path a checksum may name is its own
            raise BlobRefused(f"blob URI {uri!r} is not in this blob store")
        return self._read(sha256, max_bytes, time.monotonic() + timeout_s, uri)

    def _read(self, sha256: str, max_bytes: int, deadline: float, uri: str) -> bytes:
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
        fds: list[int] = []
        try:
            try:
                fds.append(os.open(self.root, flags | os.O_DIRECTORY))
                fds.append(os.open(sha256[:2], flags | os.O_DIRECTORY, dir_fd=fds[-1]))
                fd = os.open(sha256, flags | os.O_NONBLOCK, dir_fd=fds[-1])
                fds.append(fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise BlobRefused(f"blob {uri} is behind a symbolic link") from exc
                raise BlobError(f"cannot open blob {uri}: {exc.strerror}") from exc
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise BlobRefused(f"blob {uri} is not a regular file")
            if info.st_size > max_bytes:
                raise BlobRefused(
                    f"blob {uri} is {info.st_size:,} bytes, over the limit of {max_bytes:,}"
                )
            digest, parts, size = hashlib.sha256(), [], 0
            while True:
                if time.monotonic() > deadline:
                    raise BlobError(f"reading blob {uri} took too long")
                try:
                    chunk = os.read(fd, CHUNK)
                except OSError as exc:
                    raise BlobError(f"cannot read blob {uri}: {exc.strerror}") from exc
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:  # the file grew after fstat
                    raise BlobRefused(f"blob {uri} is over the limit of {max_bytes:,} bytes")
                digest.update(chunk)
                parts.append(chunk)
        finally:
            for opened in reversed(fds):
                with contextlib.suppress(OSError):
                    os.close(opened)
        if digest.hexdigest() != sha256:
            raise BlobRefused(f"blob {uri} does not match its checksum")
        return b"".join(parts)
