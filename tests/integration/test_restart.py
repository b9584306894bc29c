"""Restart proof on the real durable stack (`cardstream up`: SeaweedFS S3, Tansu on it, a real
worker): cards, the feedback table, the routing state and uploads in flight survive `up` being
stopped with SIGTERM, and every process of it being killed -9, and started again on the folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from agents.rollout import MODEL_NAME
from cardstream import bootstrap
from cardstream.stack import READY_FILE
from schemas.events import Feedback, ModelVersion, UploadOptions
from streams.runinfo import RUN_FILE, RunInfo, pid_alive
from streams.settings import Settings
from tests.conftest import SAMPLES
from tests.integration.helpers import changelog, registered_scorer, stored

pytestmark = pytest.mark.integration

WAIT = 180.0
TEXT = (SAMPLES / "photosynthesis.txt").read_text()


STARTED: list[RunInfo] = []


def up(run_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], RunInfo]:
    process = subprocess.Popen([sys.executable, "-m", "cardstream.cli", "up", "--no-retrainer"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT
    while True:
        assert process.poll() is None, (run_dir / "worker.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "the stack never became ready"
        if (run_dir / READY_FILE).exists() and (run_dir / RUN_FILE).exists():
            info = RunInfo.read(run_dir, check=False)
            if info.pids.get("up") == process.pid:
                STARTED.append(info)
                return process, info
        time.sleep(0.1)


def reader_committed(bootstrap_servers: str, settings: Settings) -> int:
    """The feedback reader's position as a stock tool reads it: its group's committed offset.

    (Lag is the end offset minus this; Tansu's high watermark counts record batches, not
    records, so the lag itself is only meaningful on Kafka.)"""
    from confluent_kafka import Consumer, TopicPartition

    from agents.worker import feedback_lag_group

    consumer = Consumer({"bootstrap.servers": bootstrap_servers,
                         "group.id": feedback_lag_group(settings)})
    try:
        tp = TopicPartition(settings.topic(Feedback.topic), 0)
        return int(consumer.committed([tp], timeout=10)[0].offset)
    finally:
        consumer.close()


def wait_until(predicate: Any, what: str) -> Any:
    deadline = time.monotonic() + WAIT
    while not (value := predicate()):
        assert time.monotonic() < deadline, f"not within {WAIT:.0f} s: {what}"
        time.sleep(0.3)
    return value


def test_cards_feedback_routing_and_uploads_in_flight_survive_sigterm_and_kill_9(
        tmp_path: Path) -> None:
    try:
        survive(tmp_path)
    except AssertionError as exc:  # what the worker last said is the first thing to read
        log = tmp_path / "run" / "worker.log"
        tail = log.read_text(errors="replace").splitlines()[-40:] if log.exists() else []
        raise AssertionError("\n".join([str(exc), "worker.log ends:", *tail])) from exc
    finally:  # a failed run leaves nothing behind
        for info in STARTED:
            for pid in info.pids.values():
                if pid_alive(pid):
                    os.kill(pid, signal.SIGKILL)


def survive(tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:8]
    run_dir = tmp_path / "run"
    settings = Settings(run_dir=run_dir, app_id=f"restart-{tag}", partitions=2, ocr_workers=1,
                        feedback_batch=10, feedback_threshold=10**9)
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(run_dir), "CARDSTREAM_APP_ID": settings.app_id,
           "CARDSTREAM_PARTITIONS": "2", "CARDSTREAM_OCR_WORKERS": "1",
           "CARDSTREAM_FEEDBACK_BATCH": "10", "CARDSTREAM_FEEDBACK_THRESHOLD": str(10**9)}
    stats_topic = f"{settings.app_id}-feedback-stats-changelog"
    options = UploadOptions(num_cards=3)

    def cards_by_upload() -> dict[str, dict[str, Any]]:
        """What `cardstream cards --json` prints, by upload."""
        run = subprocess.run([sys.executable, "-m", "cardstream.cli", "cards", "--json"],
                             env=env, capture_output=True, text=True, timeout=WAIT)
        assert run.returncode == 0, run.stderr
        found: dict[str, dict[str, Any]] = {}
        for line in run.stdout.splitlines():
            card = json.loads(line)
            found.setdefault(card["upload_id"], {})[card["card_id"]] = card
        return found

    def rated_total(info: RunInfo) -> int:
        return sum(v["count"] for v in changelog(info.bootstrap, stats_topic).values())

    def serves(info: RunInfo, version: str) -> bool:
        """The worker rebuilt its routing from model-versions and has the champion's rater
        loaded (until then it labels what it serves honestly: the heuristic, ``baseline``)."""
        with urllib.request.urlopen(info.metrics["worker"], timeout=5) as page:
            text = page.read().decode()
        return f'cardstream_model_serving{{role="champion",version="{version}"}} 1.0' in text

    # --- first life: cards made, rated, a version promoted, one upload left in flight ------
    process, info = up(run_dir, env)
    client = bootstrap.client(settings)
    with client.watcher() as watch:
        first = client.upload_text(TEXT, options)
        assert watch.wait([first.upload_id], WAIT)[first.upload_id].status == "ok"
    made = cards_by_upload()[first.upload_id]
    client.send_many([Feedback(feedback_id=uuid.uuid4().hex, card_id=card_id, rating=4)
                      for card_id in made for _ in range(4)],
                     key_of=lambda e: e.card_id)  # type: ignore[attr-defined]
    wait_until(lambda: stored(run_dir / "cards.db")[0] == 12, "12 ratings stored")
    wait_until(lambda: rated_total(info) == 12, "12 ratings in the feedback table")
    # lag tools see the feedback reader: its position is committed to a group of its own
    wait_until(lambda: reader_committed(info.bootstrap, settings) == 12,
               "the reader's position committed after the 12 ratings")
    # a real scorer: a version that cannot load is not served, and cards say what served them
    version = registered_scorer(info.tracking_uri, settings.artifact_root, tmp_path)
    client.send(ModelVersion(name=MODEL_NAME, version=version, uri=f"models:/{MODEL_NAME}/"
                             f"{version}", action="promoted", alias="champion",
                             rollout_percent=100, reason="restart test"), version)
    os.kill(info.pids["worker"], signal.SIGSTOP)  # nothing moves: the next upload stays in flight
    second = client.upload_text(TEXT.replace("plants", "algae"), options)
    client.close()
    os.kill(info.pids["worker"], signal.SIGCONT)
    process.send_signal(signal.SIGTERM)
    assert process.wait(WAIT) == 0
    assert not [n for n, pid in info.pids.items() if pid_alive(pid)]

    # --- second life, after SIGTERM ------------------------------------------------------
    process, info = up(run_dir, env)
    assert cards_by_upload()[first.upload_id] == made
    wait_until(lambda: second.upload_id in cards_by_upload(), "the in-flight upload's cards")
    assert rated_total(info) == 12  # the table came back from its changelog on S3
    wait_until(lambda: serves(info, version), "the promoted version served again")
    client = bootstrap.client(settings)
    with client.watcher() as watch:  # the routing state came back: the version serves uploads
        third = client.upload_text(TEXT.replace("plants", "mosses"), options)
        outcome = watch.wait([third.upload_id], WAIT)[third.upload_id]
    assert outcome.flashcards is not None and outcome.flashcards.model_version == version
    os.kill(info.pids["worker"], signal.SIGSTOP)
    fourth = client.upload_text(TEXT.replace("plants", "ferns"), options)
    client.close()
    for pid in info.pids.values():  # every process, without warning
        os.kill(pid, signal.SIGKILL)
    process.wait(WAIT)

    # --- third life, after kill -9 of everything -----------------------------------------
    process, info = up(run_dir, env)
    try:
        wait_until(lambda: fourth.upload_id in cards_by_upload(), "the killed upload's cards")
        after = cards_by_upload()
        assert after[first.upload_id] == made
        assert {second.upload_id, third.upload_id} <= set(after)
        wait_until(lambda: serves(info, version), "the promoted version served again")
        # made as the worker came back: by the champion once its rater is loaded, and
        # labelled baseline (what served) if it came first
        assert after[fourth.upload_id] and {c["model_version"] for c in
                                            after[fourth.upload_id].values()} <= {version,
                                                                                  "baseline"}
        assert rated_total(info) == 12
        assert stored(run_dir / "cards.db") == (12, 12)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(WAIT)
