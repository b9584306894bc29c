"""Shared fixtures. Integration fixtures are factories over the real embedded stack: Tansu,
a real worker process, real Tesseract; topics and groups get random names per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLES = REPO / "cardstream" / "samples"


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from streams.settings import Settings

    tag = uuid.uuid4().hex[:8]
    run_dir = tmp_path_factory.mktemp("stack")
    return Settings(
        run_dir=run_dir, topic_prefix=f"t{tag}-", app_id=f"cardstream-test-{tag}", partitions=2,
        ocr_workers=2, feedback_threshold=20, quality_threshold=0.8, rollout_min_samples=10,
        retrain_fast=True,
        # durability is proven in tests/integration/test_restart.py; the rest stays in memory
        ephemeral=True,
    )


@pytest.fixture(scope="session")
def stack(stack_settings):  # type: ignore[no-untyped-def]
    from cardstream.stack import Stack

    with Stack(stack_settings, with_retrainer=True) as running:
        yield running


@pytest.fixture()
def client(stack, stack_settings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from cardstream import bootstrap

    made = bootstrap.client(stack_settings)
    yield made
    made.close()
