"""The durable stack keeps claim-check blobs in its S3 bucket (real SeaweedFS, Tansu on it, a
real worker): an upload over the inline limit travels as an ``s3://`` reference, the worker
reads it back from the bucket and makes its cards, and nothing lands in the local blob folder."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from cardstream import bootstrap
from cardstream.stack import Stack
from schemas.events import UploadOptions
from streams.objectstore_blobs import S3BlobStore
from streams.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.integration


def test_an_upload_over_the_inline_limit_goes_through_the_bucket(tmp_path: Path):
    tag = uuid.uuid4().hex[:8]
    settings = Settings(run_dir=tmp_path / "run", app_id=f"cardstream-s3blobs-{tag}",
                        partitions=1, ocr_workers=1, use_encoder=False,
                        inline_limit_bytes=1024)  # durable: the default, not ephemeral
    with Stack(settings, with_retrainer=False) as stack:
        assert stack.info is not None and stack.info.s3["blobs"].startswith("s3://")
        where = bootstrap.endpoints(settings)
        assert where.blob_s3 is not None
        client = bootstrap.client(settings, where)
        try:
            page = SAMPLES / "water-cycle.png"
            with client.watcher() as watch:
                upload = client.upload_file(page, UploadOptions(num_cards=3))
                outcome = watch.wait([upload.upload_id], 240)[upload.upload_id]
        finally:
            client.close()
        assert upload.data is None and upload.blob_uri is not None
        assert upload.blob_uri.startswith(f"s3://{where.blob_s3.bucket}/blobs/")
        assert outcome.status == "ok", outcome.error
        assert outcome.flashcards is not None and outcome.flashcards.cards
        # the bytes are in the bucket, checked against their checksum, and only there
        assert S3BlobStore(where.blob_s3).get(upload.blob_uri, upload.sha256) == \
            page.read_bytes()
        local = settings.resolved_blob_dir
        assert not local.exists() or not any(local.rglob("*"))
