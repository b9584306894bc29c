"""Claim-check blobs on S3: the embedded SeaweedFS bucket the durable broker keeps its topics in
(or any S3 named by ``CARDSTREAM_BLOB_S3_URL``), so a blob lives as long as the event naming it
and survives what the topics survive.

It keeps the promise of :class:`streams.blobs.BlobStore` and the same rules for a hostile URI:
the SHA-256 is mandatory and the URI must be exactly the one this store gives that checksum
(``s3://<bucket>/blobs/<sha[:2]>/<sha>``: content-addressed, so no other key is ever read);
the size the server announces and the bytes actually read both stop at ``max_bytes``; the read
stops at its deadline (and every request has connect/read timeouts); the bytes must match the
checksum. Symbolic links and FIFOs, the local store's other dangers, do not exist on S3.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

from streams.blobs import CHUNK, SHA256
from streams.exceptions import BlobError, BlobRefused
from streams.objectstore import S3Endpoint

PREFIX = "blobs"


class S3BlobStore:
    def __init__(self, endpoint: S3Endpoint, timeout_s: float = 30.0) -> None:
        self.endpoint = endpoint
        self.timeout_s = timeout_s
        self._client: Any = None
        self._lock = threading.Lock()

    def key_of(self, sha256: str) -> str:
        return f"{PREFIX}/{sha256[:2]}/{sha256}"

    def uri_of(self, sha256: str) -> str:
        return f"s3://{self.endpoint.bucket}/{self.key_of(sha256)}"

    def _s3(self) -> Any:
        # boto3 is imported at the first blob, not when a worker or a verb starts (~0.3 s)
        with self._lock:
            if self._client is None:
                import boto3
                from botocore.config import Config

                self._client = boto3.session.Session().client(
                    "s3", endpoint_url=self.endpoint.url, region_name="us-east-1",
                    aws_access_key_id=self.endpoint.access_key,
                    aws_secret_access_key=self.endpoint.secret_key,
                    config=Config(
                        connect_timeout=min(5.0, self.timeout_s), read_timeout=self.timeout_s,
                        retries={"max_attempts": 3, "mode": "standard"},
                        s3={"addressing_style": "path"},
                        # the SHA-256 is ours to check; no extra checksum headers for the server
                        request_checksum_calculation="when_required",
                        response_checksum_validation="when_required"))
            return self._client

    def put(self, data: bytes) -> tuple[str, str]:
        from botocore.exceptions import BotoCoreError, ClientError

        digest = hashlib.sha256(data).hexdigest()
        try:  # one PUT is atomic on S3: a reader never sees half a blob
            self._s3().put_object(Bucket=self.endpoint.bucket, Key=self.key_of(digest),
                                  Body=data, ContentType="application/octet-stream")
        except (BotoCoreError, ClientError) as exc:
            raise BlobError(f"cannot store a blob in {self.endpoint.url}: {exc}") from exc
        return self.uri_of(digest), digest

    def get(self, uri: str, sha256: str, *, max_bytes: int = 50 * 1024 * 1024,
            timeout_s: float = 30.0) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError

        if not SHA256.match(sha256 or ""):
            raise BlobRefused("a blob reference needs the SHA-256 of its bytes (64 hex digits)")
        if uri != self.uri_of(sha256):
            # content-addressed: the only key a checksum may name is its own
            raise BlobRefused(f"blob URI {uri!r} is not in this blob store")
        deadline = time.monotonic() + timeout_s
        try:
            answer = self._s3().get_object(Bucket=self.endpoint.bucket, Key=self.key_of(sha256))
        except ClientError as exc:
            raise BlobError(f"cannot open blob {uri}: "
                            f"{exc.response.get('Error', {}).get('Code', exc)}") from exc
        except BotoCoreError as exc:
            raise BlobError(f"cannot open blob {uri}: {exc}") from exc
        body = answer["Body"]
        try:
            size = int(answer.get("ContentLength") or 0)
            if size > max_bytes:
                raise BlobRefused(f"blob {uri} is {size:,} bytes, over the limit of {max_bytes:,}")
            digest, parts, read = hashlib.sha256(), [], 0
            while True:
                if time.monotonic() > deadline:
                    raise BlobError(f"reading blob {uri} took too long")
                try:
                    chunk = body.read(CHUNK)
                except (BotoCoreError, OSError) as exc:
                    raise BlobError(f"cannot read blob {uri}: {exc}") from exc
                if not chunk:
                    break
                read += len(chunk)
                if read > max_bytes:  # more bytes than announced
                    raise BlobRefused(f"blob {uri} is over the limit of {max_bytes:,} bytes")
                digest.update(chunk)
                parts.append(chunk)
        finally:
            body.close()
        if digest.hexdigest() != sha256:
            raise BlobRefused(f"blob {uri} does not match its checksum")
        return b"".join(parts)
