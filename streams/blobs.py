"""Claim-check blob store: large payloads live here and events carry their URI.

The embedded default is a local folder (``file://`` URIs), content-addressed by SHA-256 so a
re-upload costs nothing and a corrupted blob is detected on read.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from streams.exceptions import BlobError


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def put(self, data: bytes) -> tuple[str, str]:
        """Store ``data``; returns ``(uri, sha256)``."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.root / digest[:2] / digest
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # write-then-rename: a reader never sees half a blob
            fd, tmp = tempfile.mkstemp(dir=path.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        return path.as_uri(), digest

    def get(self, uri: str, sha256: str | None = None) -> bytes:
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            raise BlobError(f"unsupported blob URI scheme {parsed.scheme!r} in {uri}")
        path = Path(unquote(parsed.path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BlobError(f"cannot read blob {uri}: {exc.strerror}") from exc
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(f"blob {uri} does not match its checksum")
        return data
