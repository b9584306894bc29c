"""The blob store treats every URI in an event as hostile: real files, FIFOs and symlinks."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

import pytest

from agents.deadletter import with_retries
from streams.blobs import LocalBlobStore
from streams.exceptions import BlobError, BlobRefused


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture()
def store(tmp_path: Path) -> LocalBlobStore:
    return LocalBlobStore(tmp_path / "blobs")


def test_round_trip(store: LocalBlobStore) -> None:
    uri, digest = store.put(b"hello")
    assert store.get(uri, digest) == b"hello"


@pytest.mark.parametrize("uri", ["file:///etc/passwd", "file://evil.example/etc/passwd",
                                 "http://127.0.0.1/x", "/etc/passwd"])
def test_a_uri_outside_the_store_is_refused_even_with_the_right_checksum(
        store: LocalBlobStore, uri: str) -> None:
    digest = sha(Path("/etc/passwd").read_bytes())
    with pytest.raises(BlobRefused, match="not in this blob store"):
        store.get(uri, digest)


def test_a_path_that_climbs_out_of_the_store_is_refused(store: LocalBlobStore) -> None:
    uri, digest = store.put(b"x")
    climbing = f"{store.root.as_uri()}/{digest[:2]}/../../../etc/passwd"
    with pytest.raises(BlobRefused):
        store.get(climbing, digest)
    with pytest.raises(BlobRefused):  # a real blob, named under another blob's checksum
        store.get(uri, sha(b"y"))


@pytest.mark.parametrize("digest", ["", "abc", "G" * 64])
def test_the_checksum_is_mandatory(store: LocalBlobStore, digest: str) -> None:
    uri, _ = store.put(b"data")
    with pytest.raises(BlobRefused, match="SHA-256"):
        store.get(uri, digest)


def test_a_tampered_blob_fails_its_checksum(store: LocalBlobStore) -> None:
    uri, digest = store.put(b"original")
    store.path_of(digest).write_bytes(b"tampered")
    with pytest.raises(BlobRefused, match="checksum"):
        store.get(uri, digest)


def test_a_symlink_in_place_of_a_blob_is_refused(store: LocalBlobStore, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_bytes(b"outside the store")
    digest = sha(secret.read_bytes())
    path = store.path_of(digest)
    path.parent.mkdir(parents=True)
    path.symlink_to(secret)
    with pytest.raises(BlobRefused, match="symbolic link"):
        store.get(path.as_uri(), digest)


def test_a_symlinked_folder_inside_the_store_is_refused(store: LocalBlobStore,
                                                        tmp_path: Path) -> None:
    data = b"planted elsewhere"
    digest = sha(data)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / digest).write_bytes(data)
    store.root.mkdir(parents=True)
    (store.root / digest[:2]).symlink_to(elsewhere)
    with pytest.raises(BlobRefused, match="symbolic link"):
        store.get(store.path_of(digest).as_uri(), digest)


def test_a_fifo_is_refused_at_once_instead_of_hanging(store: LocalBlobStore) -> None:
    digest = sha(b"never written")
    path = store.path_of(digest)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    # without O_NONBLOCK the open itself would wait for a writer forever
    with pytest.raises(BlobRefused, match="not a regular file"):
        store.get(path.as_uri(), digest)


def test_a_blob_over_the_size_limit_is_refused(store: LocalBlobStore) -> None:
    uri, digest = store.put(b"x" * 1000)
    with pytest.raises(BlobRefused, match="over the limit"):
        store.get(uri, digest, max_bytes=999)
    assert store.get(uri, digest, max_bytes=1000) == b"x" * 1000


def test_a_missing_blob_is_retried_but_a_refused_one_is_not(store: LocalBlobStore) -> None:
    calls = {"missing": 0, "refused": 0}

    async def missing() -> bytes:
        calls["missing"] += 1
        return store.get(store.path_of(sha(b"gone")).as_uri(), sha(b"gone"))

    async def refused() -> bytes:
        calls["refused"] += 1
        return store.get("file:///etc/passwd", sha(b"x"))

    with pytest.raises(BlobError, match="cannot open"):
        asyncio.run(with_retries(missing, backoff_s=0.001))
    with pytest.raises(BlobRefused):
        asyncio.run(with_retries(refused, backoff_s=0.001))
    assert calls == {"missing": 3, "refused": 1}
