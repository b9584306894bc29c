"""Exact hand-off on a real broker and a real worker: an upload being read when the worker is
told to stop (SIGTERM, what `up`'s Ctrl-C and a rebalance do to it) is not acknowledged, so the
restarted worker reads it again; and the supervisor is what restarts it."""

from __future__ import annotations

import io
import signal
import time
import uuid

import pytest
from PIL import Image

from schemas.events import UploadOptions
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.integration

WAIT = 300.0


def slow_document(pages: int) -> bytes:
    """The phototest page several times over: a few seconds of real OCR per upload."""
    page = Image.open(SHARED_DATA / "phototest.tif")
    page.load()
    buffer = io.BytesIO()
    page.save(buffer, format="TIFF", save_all=True, append_images=[page] * (pages - 1))
    return buffer.getvalue()


def test_sigterm_mid_upload_loses_nothing_and_the_supervisor_restarts_the_worker(
        tmp_path, caplog):  # type: ignore[no-untyped-def]
    from cardstream import bootstrap
    from cardstream.stack import READY_FILE, Stack
    from streams.settings import Settings

    tag = uuid.uuid4().hex[:8]
    settings = Settings(run_dir=tmp_path, topic_prefix=f"h{tag}-", app_id=f"handoff-{tag}",
                        partitions=2, ocr_workers=2, use_encoder=False)
    document = slow_document(4)
    with Stack(settings, with_retrainer=False) as stack:
        client = bootstrap.client(settings)
        with client.watcher() as watch:
            ids = [client.upload_bytes(document, f"doc{i}.tiff", "image/tiff",
                                       UploadOptions(num_cards=2)).upload_id for i in range(3)]
            time.sleep(3)  # the worker is reading them (no assertion rests on this timing)
            worker = stack.processes["worker"]
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(60) is not None
            (stack.run_dir / READY_FILE).unlink(missing_ok=True)
            deadline = time.monotonic() + WAIT
            while stack.processes["worker"] is worker and time.monotonic() < deadline:
                assert stack.supervise() is None
                time.sleep(0.2)
            assert stack.supervisor.children["worker"].restarts == 1
            outcomes = watch.wait(ids, WAIT)
        client.close()
    assert {o.status for o in outcomes.values()} == {"ok"}, {
        i: (o.status, o.error) for i, o in outcomes.items()}
    assert any("the worker (pid" in r.getMessage() for r in caplog.records)
