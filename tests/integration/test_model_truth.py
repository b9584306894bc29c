"""What the tools say is what serves, on the real stack (Tansu, worker and retrainer processes,
MLflow on sqlite): requests that cannot be honoured are refused where they are made; after
promote, rollback and a worker restart, `models list`, the MLflow aliases and the worker's own
serving metrics agree; a training that did not produce a model is visible in both places."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from agents.rollout import BASELINE, MODEL_NAME
from schemas.events import ModelVersion, UploadOptions
from tests.integration.helpers import registered_scorer

pytestmark = pytest.mark.integration

WAIT = 120.0


@pytest.fixture(scope="module")
def truth(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from cardstream.stack import Stack
    from streams.settings import Settings, settings_env

    tag = uuid.uuid4().hex[:8]
    settings = Settings(
        run_dir=tmp_path_factory.mktemp("truth"), topic_prefix=f"m{tag}-",
        app_id=f"cardstream-truth-{tag}", partitions=1, ocr_workers=1,
        feedback_threshold=100_000, retrain_fast=True, ephemeral=True,
    )
    env = {**settings_env(settings), "CARDSTREAM_RUN_DIR": str(settings.run_dir)}
    with Stack(settings, with_retrainer=True) as stack:
        yield settings, stack, env


def cli(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """The real CLI entry point, in this process (a subprocess per call costs seconds)."""
    from cardstream.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


def worker_serving(stack: Any) -> tuple[str | None, str | None, int]:
    """(champion, challenger, percent) as the worker's own metrics say it serves."""
    text = httpx.get(stack.info.metrics["worker"], timeout=5).text
    roles: dict[str, str] = {}
    percent = -1
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "cardstream_model_serving" and sample.value == 1:
                roles[sample.labels["role"]] = sample.labels["version"]
            if sample.name == "cardstream_rollout_percent":
                percent = int(sample.value)
    return roles.get("champion"), roles.get("challenger"), percent


def three_views(settings: Any, stack: Any, env: dict[str, str]) -> dict[str, Any]:
    import json

    from retrainer import registry

    code, out, err = cli(env, "models", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    client = registry.client_for(stack.info.tracking_uri)
    s = listed["serving"]
    aliases = client.get_registered_model(MODEL_NAME).aliases if listed["versions"] else {}
    challenger = aliases.get(registry.CHALLENGER)  # one read: the retrainer may move it
    return {
        "models list": (s["champion"], s["challenger"], s["challenger_percent"]),
        "registry list": (
            next((r["version"] for r in listed["versions"] if r["registry_role"] == "champion"),
                 BASELINE),
            next((r["version"] for r in listed["versions"]
                  if r["registry_role"] == "challenger"), None),
            next((r["registry_percent"] for r in listed["versions"]
                  if r["registry_role"] == "challenger"), 0)),
        "mlflow aliases": (
            str(aliases.get(registry.CHAMPION, BASELINE)),
            None if challenger is None else str(challenger),
            0 if challenger is None else int(client.get_model_version(
                MODEL_NAME, str(challenger)).tags.get("rollout_percent", 0))),
        "worker serves": worker_serving(stack),
    }


def agree(settings: Any, stack: Any, env: dict[str, str],
          expected: tuple[str, str | None, int]) -> None:
    deadline = time.monotonic() + WAIT
    while True:
        views = three_views(settings, stack, env)
        if all(view == expected for view in views.values()):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {expected} everywhere, got {views}")
        time.sleep(1)


def register_scorer(stack: Any, tmp: Path) -> str:
    return registered_scorer(stack.info.tracking_uri, stack.settings.artifact_root, tmp)


def announce(stack: Any, settings: Any, version: str) -> None:
    """What the retrainer does for a blessed challenger: alias, then the event."""
    from cardstream import bootstrap
    from retrainer import registry

    registry.announce(registry.client_for(stack.info.tracking_uri), MODEL_NAME, version, 10)
    client = bootstrap.client(settings)
    try:
        client.send(ModelVersion(name=MODEL_NAME, version=version,
                                 uri=f"models:/{MODEL_NAME}/{version}", action="announced",
                                 alias="challenger", rollout_percent=10, actor="test"), version)
    finally:
        client.close()


def test_requests_that_cannot_be_honoured_are_refused_at_the_cli(truth):
    _settings, _stack, env = truth
    code, _, err = cli(env, "models", "promote", "99")
    assert code != 0 and "no version '99'" in err, err
    code, _, err = cli(env, "models", "rollback")
    assert code != 0 and "nothing to roll back" in err, err
    code, _, err = cli(env, "feedback", "any-card", "--rating", "9")
    assert code != 0 and "--rating" in err and "1<=x<=5" in err, err
    code, _, err = cli(env, "feedback", "any-card", "--rating", "4", "--flag", "boring")
    assert code != 0 and "'boring' is not one of" in err, err
    code, _, err = cli(env, "feedback", "no-such-card", "--rating", "4")
    assert code != 0 and "unknown card no-such-card" in err, err


def test_a_training_without_a_model_is_listed_with_its_reason_and_run(truth):
    import json

    from retrainer import registry

    _settings, stack, env = truth
    code, out, err = cli(env, "retrain", "--wait", "--json", "--reason", "from the test")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["action"] == "insufficient_data" and answer["run_id"], answer
    assert "training started" in err  # progress while it trained
    run = registry.client_for(stack.info.tracking_uri).get_run(answer["run_id"])
    assert run.data.tags["outcome"] == "insufficient_data"
    assert run.data.tags["reason"] == answer["reason"]
    code, out, _ = cli(env, "models", "list", "--json")
    (listed,) = [t for t in json.loads(out)["trainings"]
                 if t["request_id"] == answer["request_id"]]
    assert (listed["outcome"], listed["run_id"], listed["reason"]) == \
        ("insufficient_data", answer["run_id"], answer["reason"])


def test_promote_rollback_and_a_restart_leave_every_view_identical(truth, tmp_path):
    settings, stack, env = truth
    v1, v2 = register_scorer(stack, tmp_path), register_scorer(stack, tmp_path)
    agree(settings, stack, env, (BASELINE, None, 0))

    announce(stack, settings, v1)
    agree(settings, stack, env, (BASELINE, v1, 10))
    code, out, err = cli(env, "models", "promote", v1)
    assert code == 0 and f"v{v1} promoted" in out, err
    agree(settings, stack, env, (v1, None, 0))

    announce(stack, settings, v2)
    agree(settings, stack, env, (v1, v2, 10))
    code, out, err = cli(env, "models", "rollback")  # the challenger
    assert code == 0 and f"v{v2} rolled back; champion now {v1}" in out, err
    agree(settings, stack, env, (v1, None, 0))
    code, out, err = cli(env, "models", "rollback", v1)  # the champion: the heuristic again
    assert code == 0 and "champion now baseline" in out, err
    agree(settings, stack, env, (BASELINE, None, 0))
    code, _, err = cli(env, "models", "promote", v2)
    assert code == 0, err
    agree(settings, stack, env, (v2, None, 0))

    # a restart rebuilds the same state from the same events
    restart_worker(stack, settings)
    agree(settings, stack, env, (v2, None, 0))
    # and what serves is what is labelled: the cards say v2 made them
    from cardstream import bootstrap

    client = bootstrap.client(settings)
    try:
        with client.watcher() as watch:
            upload = client.upload_text("Photosynthesis turns light into chemical energy in "
                                        "the chloroplasts of plant cells.",
                                        UploadOptions(num_cards=2))
            outcome = watch.wait([upload.upload_id], WAIT)[upload.upload_id]
    finally:
        client.close()
    assert outcome.flashcards is not None and outcome.flashcards.model_version == v2
    code, out, _ = cli(env, "models", "list")
    assert f"v{v2:<3} serving champion" in out and "loaded on worker:" in out, out


def restart_worker(stack: Any, settings: Any) -> None:
    from cardstream.stack import READY_FILE

    old = stack.processes["worker"]
    (stack.run_dir / READY_FILE).unlink(missing_ok=True)
    old.send_signal(signal.SIGTERM)
    old.wait(60)
    port = stack.info.metrics["worker"].rsplit(":", 1)[1].split("/")[0]
    stack._spawn("worker", ["worker", "--metrics-port", port], {
        "CARDSTREAM_KAFKA_BOOTSTRAP_SERVERS": stack.info.bootstrap,
        "CARDSTREAM_MLFLOW_TRACKING_URI": stack.info.tracking_uri,
        "CARDSTREAM_BLOB_DIR": stack.info.blob_dir,
    })
    stack._wait_ready(120)
