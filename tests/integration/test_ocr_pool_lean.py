"""The worker's OCR processes import what they run (agents.ocr), not the CLI that started the
worker: multiprocessing's spawn imports the parent's main module again in every child, and with
the worker run as ``-m cardstream.cli`` each OCR process loaded the whole CLI (440 modules,
~0.5 CPU-s at a loaded machine's pace) beside the engine."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.conftest import SHARED_DATA

WAIT = 240.0


def ocr_processes(worker: int) -> list[int]:
    """The worker's pool children (its multiprocessing resource tracker left out)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == worker and b"spawn_main" in cmdline:
            found.append(int(entry))
    return found


def test_the_ocr_processes_do_not_import_the_cli(stack: Any, client: Any) -> None:
    with client.watcher() as watch:
        upload = client.upload_bytes((SHARED_DATA / "phototest.tif").read_bytes(),
                                     "phototest.tif", "image/tiff")
        assert watch.wait_for_text([upload.upload_id], WAIT), "the page was never read"
    pool = ocr_processes(stack.processes["worker"].pid)
    assert pool, "the worker has no OCR processes after reading a page"
    for pid in pool:
        # the CLI imports confluent_kafka (the client's Kafka library); the OCR engine never does
        maps = Path(f"/proc/{pid}/maps").read_text()
        assert "confluent_kafka" not in maps, f"OCR process {pid} imported the CLI"
