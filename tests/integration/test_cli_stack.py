"""The CLI's conventions on a real running stack, through the installed entry point: nothing is
sent when a path is missing, `cards --upload`, `export` to `-` and by extension, a closed pipe
on `cards`, and `retrain --wait` printing the answer the retrainer gave.

The stack is this module's own (with its retrainer): a manual training request here must not
move the shared stack's retrain schedule that test_learning_loop counts on."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.integration
ENTRY_POINT = Path(sys.executable).parent / "cardstream"
WAIT = 240


@pytest.fixture(scope="module")
def cli_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from cardstream.stack import Stack
    from streams.settings import Settings

    tag = uuid.uuid4().hex[:8]
    settings = Settings(run_dir=tmp_path_factory.mktemp("cli-stack"), topic_prefix=f"c{tag}-",
                        app_id=f"cardstream-cli-{tag}", partitions=1, ocr_workers=1,
                        use_encoder=False, retrain_fast=True, ephemeral=True)
    with Stack(settings, with_retrainer=True) as running:
        yield running


@pytest.fixture(scope="module")
def env(cli_stack: Any) -> dict[str, str]:
    s = cli_stack.settings
    return {**os.environ, "CARDSTREAM_RUN_DIR": str(s.run_dir),
            "CARDSTREAM_TOPIC_PREFIX": s.topic_prefix, "OMP_THREAD_LIMIT": "1"}


def command() -> list[str]:
    return [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m",
                                                            "cardstream.cli"]


def cardstream(env: dict[str, str], *args: str, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    kwargs.setdefault("text", True)
    return subprocess.run([*command(), *args], env=env, timeout=WAIT + 60, **kwargs)


def count_uploads(cli_stack: Any) -> int:
    from streams import kafka

    topic = cli_stack.settings.topic("uploads")
    consumer = kafka.consumer(cli_stack.bootstrap)
    try:
        from confluent_kafka import TopicPartition

        return sum(consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                   for p in range(cli_stack.settings.partitions))
    finally:
        consumer.close()


@pytest.fixture(scope="module")
def two_uploads(cli_stack: Any, env: dict[str, str]) -> list[str]:
    """Two uploads through `upload --wait --json`; their ids."""
    ids = []
    for name in ("photosynthesis.txt", "water-cycle.png"):
        run = cardstream(env, "upload", str(SAMPLES / name), "--num-cards", "3", "--wait",
                         "--json", "--timeout", str(WAIT))
        assert run.returncode == 0, run.stderr
        ids.append(json.loads(run.stdout)["upload_id"])
    return ids


def test_a_missing_path_sends_nothing(cli_stack, env, tmp_path):
    present = tmp_path / "a.txt"
    present.write_text("Mitochondria produce most of the energy of the cell.")
    before = count_uploads(cli_stack)
    run = cardstream(env, "upload", str(present), str(tmp_path / "missing.png"))
    assert run.returncode == 2 and "missing.png" in run.stderr and run.stdout == ""
    assert count_uploads(cli_stack) == before  # not even a.txt went out
    run = cardstream(env, "upload", str(present))  # the same upload, path fixed, is sent
    assert run.returncode == 0, run.stderr
    assert count_uploads(cli_stack) == before + 1
    assert len(run.stdout.split()) == 1  # its id, printed as soon as it was sent


def test_every_upload_goes_out_though_the_reader_of_the_ids_is_gone(cli_stack, env, tmp_path):
    files = []
    for name in ("a", "b", "c"):
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_text(f"Document {name}: the mitochondria produce the cell's energy.")
    before = count_uploads(cli_stack)
    read_end, write_end = os.pipe()
    os.close(read_end)  # `upload a b c | head -0`: no one reads the ids
    try:
        run = cardstream(env, "upload", *map(str, files), stdout=write_end,
                         stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert count_uploads(cli_stack) == before + 3


def test_cards_of_one_upload(env, two_uploads):
    first, second = two_uploads
    run = cardstream(env, "cards", "--upload", second, "--json")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows and {r["upload_id"] for r in rows} == {second}
    run = cardstream(env, "cards", "--since", "1y", "--json")
    assert {json.loads(line)["upload_id"] for line in run.stdout.splitlines()} >= {first, second}
    run = cardstream(env, "cards", "--since", "2999-01-01", "--json")
    assert run.returncode == 0 and run.stdout == ""


def test_export_to_stdout_and_by_extension(env, two_uploads, tmp_path):
    first, _ = two_uploads
    run = cardstream(env, "export", "--out", "-", "--upload", first)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert len(rows) == 3 and {r["upload_id"] for r in rows} == {first}
    assert not (Path.cwd() / "-").exists()

    table, deck = tmp_path / "cards.csv", tmp_path / "deck.apkg"
    for out in (table, deck):
        run = cardstream(env, "export", "--out", str(out), "--since", "2h")
        assert run.returncode == 0, run.stderr
    assert table.read_text().startswith("card_id,")  # CSV, though no --format was given
    with zipfile.ZipFile(deck) as archive:  # an Anki package
        assert "collection.anki2" in archive.namelist()
    assert len(list(csv.DictReader(table.open()))) >= 6


def test_cards_on_a_closed_pipe_ends_quietly(env, two_uploads):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first card is printed
    try:
        run = cardstream(env, "cards", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert run.returncode == 0 and run.stderr == "", run.stderr

    shell = f"{' '.join(command())} cards | head -n 1; exit ${{PIPESTATUS[0]}}"
    run = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0 and run.stdout.count("\n") == 1
    assert "Broken pipe" not in run.stderr and "Exception" not in run.stderr


def test_retrain_wait_prints_the_outcome(env):
    # a fresh stack has no ratings: the retrainer refuses, and --wait says so and why
    run = cardstream(env, "retrain", "--wait", "--timeout", str(WAIT), "--reason", "cli test")
    assert run.returncode == 0, run.stderr  # answered: exit 1 is for no answer in time
    assert "too little" in run.stdout
    assert "waiting for the outcome" in run.stderr
