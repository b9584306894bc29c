"""Claim-check blobs on a real SeaweedFS S3 (``weed mini``): the round trip, and every refusal
the local store makes (no checksum, a URI that is not this checksum's, a blob changed behind
our back, one over the size limit, one that is not there)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.exceptions import BlobError, BlobRefused
from streams.objectstore import EmbeddedObjectStore
from streams.objectstore_blobs import S3BlobStore


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedObjectStore]:
    with EmbeddedObjectStore(tmp_path_factory.mktemp("s3")) as store:
        yield store


@pytest.fixture
def blobs(s3: EmbeddedObjectStore) -> S3BlobStore:
    return S3BlobStore(s3.endpoint, timeout_s=10)


def test_round_trip_in_the_bucket_by_checksum(blobs: S3BlobStore, s3: EmbeddedObjectStore):
    data = b"\x89PNG" + bytes(range(256)) * 4000  # ~1 MB: more than one read chunk
    uri, digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert uri == f"s3://{s3.endpoint.bucket}/blobs/{digest[:2]}/{digest}"
    assert blobs.get(uri, digest) == data
    assert blobs.put(data) == (uri, digest)  # content-addressed: the same bytes, the same blob
    # another client (a verb, another worker) reads it with the stack's keys
    assert S3BlobStore(s3.endpoint).get(uri, digest) == data


def test_a_reference_is_refused_unless_it_names_its_own_checksum(blobs: S3BlobStore):
    uri, digest = blobs.put(b"some text")
    with pytest.raises(BlobRefused, match="SHA-256"):
        blobs.get(uri, "")
    other = hashlib.sha256(b"other").hexdigest()
    with pytest.raises(BlobRefused, match="not in this blob store"):
        blobs.get(uri, other)  # a real blob, claimed under another checksum
    for hostile in (f"s3://elsewhere/blobs/{digest[:2]}/{digest}",
                    f"s3://cardstream/blobs/{digest[:2]}/../{digest}",
                    f"file:///tmp/{digest}", Path("/etc/passwd").as_uri()):
        with pytest.raises(BlobRefused, match="not in this blob store"):
            blobs.get(hostile, digest)


def test_bytes_changed_in_the_bucket_fail_their_checksum(blobs: S3BlobStore):
    uri, digest = blobs.put(b"the original")
    blobs._s3().put_object(Bucket=blobs.endpoint.bucket, Key=blobs.key_of(digest),
                           Body=b"something else")
    with pytest.raises(BlobRefused, match="does not match its checksum"):
        blobs.get(uri, digest)


def test_size_limit_and_a_missing_blob(blobs: S3BlobStore):
    uri, digest = blobs.put(b"x" * 5000)
    with pytest.raises(BlobRefused, match="over the limit"):
        blobs.get(uri, digest, max_bytes=4999)
    assert blobs.get(uri, digest, max_bytes=5000) == b"x" * 5000
    missing = hashlib.sha256(b"never stored").hexdigest()
    with pytest.raises(BlobError, match="cannot open blob"):
        blobs.get(blobs.uri_of(missing), missing)
