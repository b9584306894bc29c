"""The memory budget's arithmetic: one setting gives the OCR processes, the uploads in flight and
the pixel limits, and the parts it models never add up to more than the setting."""

from __future__ import annotations

import pytest

from agents.pipeline import budget as memory
from streams.exceptions import ConfigError
from streams.settings import Settings

BLOB = 50 * memory.MB


@pytest.mark.parametrize(("memory_mb", "workers"), [(1800, 1), (2048, 2), (4096, 2), (4096, 8),
                                                    (8192, 4), (65536, 16)])
def test_the_modelled_peak_fits_the_setting(memory_mb: int, workers: int) -> None:
    plan = memory.memory_budget(memory_mb, workers, BLOB)
    assert 1 <= plan.ocr_processes <= workers
    assert plan.max_page_pixels >= memory.MIN_PAGE_PIXELS  # an A4 page at 300 dpi still fits
    peak = (memory.WORKER_BASE_MB + plan.uploads_in_flight * memory.UPLOAD_COPIES * BLOB
            / memory.MB + plan.ocr_processes * (memory.OCR_PROCESS_BASE_MB + plan.max_page_pixels
                                                * memory.BYTES_PER_PAGE_PIXEL / memory.MB))
    assert peak <= memory_mb


def test_less_memory_means_fewer_processes_and_smaller_pages() -> None:
    big, small = (memory.memory_budget(m, 2, BLOB) for m in (4096, 2048))
    assert (small.ocr_processes, small.uploads_in_flight) == (1, 2)
    assert (big.ocr_processes, big.uploads_in_flight) == (2, 4)
    assert small.max_upload_pixels < big.max_upload_pixels == 400_000_000
    assert memory.memory_budget(4096, 2, BLOB, 10_000).max_upload_pixels == 10_000


def test_a_worker_too_small_for_one_page_is_refused_at_start() -> None:
    with pytest.raises(ConfigError, match=r"CARDSTREAM_WORKER_MEMORY_MB=1200 .* at least"):
        memory.memory_budget(1200, 2, BLOB)


def test_the_setting_defaults_to_a_4_gb_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARDSTREAM_WORKER_MEMORY_MB", "3000")
    assert Settings().worker_memory_mb == 3000
    monkeypatch.delenv("CARDSTREAM_WORKER_MEMORY_MB")
    assert Settings().worker_memory_mb == 4096 and Settings().max_upload_pixels is None
