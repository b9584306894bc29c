"""The logic behind the ``models``, ``feedback`` and ``retrain`` verbs (the verbs' surface lives in
cardstream.cli / verbs*; these functions do the work and raise ``RequestRefused`` with one clear
line when a request cannot be honoured, so nothing is sent that would only fail later in a log).

What they report is what serves: the serving state is rebuilt from ``model-versions`` through
``agents.rollout.RolloutPolicy.apply``, the same events and the same code the workers act on,
and each worker's own ``loaded`` / ``load_failed`` records are shown beside it.
"""

from __future__ import annotations

import getpass
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

from agents.rollout import BASELINE, MODEL_NAME, TRAINING_ANSWERS, RolloutError, RolloutPolicy
from cardstream import bootstrap, registry_view
from schemas.events import ModelVersion, RetrainRequest, stars
from streams import kafka
from streams.settings import Settings

END_QUIET_S = 0.3  # no record for this long past the watermark: the end of the topic


class RequestRefused(Exception):
    """A request that cannot be honoured; the message says why in one line."""


def actor() -> str:
    """Who makes a change by hand, for the audit record."""
    return f"cli:{getpass.getuser()}@{socket.gethostname()}"


def read_model_events(settings: Settings, where: bootstrap.Endpoints | None = None,
                      timeout: float = 30.0) -> list[ModelVersion]:
    """Every event on ``model-versions``, oldest first, up to the end as it is now."""
    where = where or bootstrap.endpoints(settings)
    codec = bootstrap.codec(settings)
    topic = settings.topic(ModelVersion.topic)
    # short fetch waits: an empty fetch is how the end is recognised past the watermark
    quick: dict[str, Any] = {"fetch.wait.max.ms": 20}
    consumer = kafka.consumer(where.bootstrap, **where.security.confluent(), **quick)
    try:
        kafka.assign_from_start(consumer, [topic])
        ends = {}
        for tp in consumer.assignment():
            low, high = consumer.get_watermark_offsets(tp, timeout=10)
            if high > low:
                ends[tp.partition] = high
        events: list[ModelVersion] = []  # one partition (streams.topics): in order
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # Tansu's S3 engine reports a stale high watermark (the offset after the first
            # record its process wrote; README, "Lag on Tansu"), so the watermark is only where
            # the end is at least: past it, the end is where a fetch finds nothing more
            message = consumer.poll(0.5 if ends else END_QUIET_S)
            if message is None:
                if not ends:
                    break
                continue
            if message.error():
                continue
            events.append(codec.decode(message.value(), ModelVersion))
            partition, offset = message.partition() or 0, message.offset() or 0
            if offset + 1 >= ends.get(partition, 0):
                ends.pop(partition, None)
        if ends:
            raise RequestRefused(f"could not read {topic} to its end in {timeout:.0f} s")
    finally:
        consumer.close()
    return events


def serving_state(events: list[ModelVersion], settings: Settings) -> RolloutPolicy:
    policy = RolloutPolicy(min_samples=settings.rollout_min_samples,
                           margin=settings.rollout_margin)
    for event in events:
        policy.apply(event)
    return policy


def _versions(where: bootstrap.Endpoints) -> list[dict[str, Any]]:
    """The registry's rows, read without importing MLflow (cardstream.registry_view)."""
    try:
        return registry_view.list_versions(where.tracking_uri, MODEL_NAME)
    except registry_view.RegistryUnreadable as exc:
        raise RequestRefused(str(exc)) from exc


def _publish(settings: Settings, event: ModelVersion | RetrainRequest, key: str) -> None:
    client = bootstrap.client(settings)
    try:
        client.send(event, key)
    finally:
        client.close()


def _known(settings: Settings, where: bootstrap.Endpoints, version: str) -> None:
    known = [row["version"] for row in _versions(where)]
    if version not in known:
        raise RequestRefused(
            f"{MODEL_NAME} has no version {version!r} in the registry "
            f"(known: {', '.join(known) or 'none yet'})")


def promote(settings: Settings, version: str, reason: str = "") -> ModelVersion:
    """Make ``version`` the champion: checked against the registry and the serving state."""
    where = bootstrap.endpoints(settings)
    _known(settings, where, version)
    policy = serving_state(read_model_events(settings, where), settings)
    try:
        event = policy.promote_event(version, actor(), reason)
    except RolloutError as exc:
        raise RequestRefused(str(exc)) from exc
    _publish(settings, event, event.version)
    return event


def rollback(settings: Settings, version: str | None = None, reason: str = "") -> ModelVersion:
    """Withdraw the challenger (or ``version``); a champion gives way to the one it replaced."""
    where = bootstrap.endpoints(settings)
    if version is not None:
        _known(settings, where, version)
    policy = serving_state(read_model_events(settings, where), settings)
    try:
        event = policy.rollback_event(version, actor(), reason)
    except RolloutError as exc:
        raise RequestRefused(str(exc)) from exc
    _publish(settings, event, event.version)
    return event


def check_feedback(settings: Settings, card_id: str, rating: int, flags: list[str]) -> None:
    """The worker's own checks, made before sending; plus: is the card one we delivered?"""
    from agents.exceptions import InvalidFeedback
    from agents.pipeline.feedback_stage import validate
    from schemas.events import Feedback

    try:
        validate(Feedback(feedback_id="check", card_id=card_id, rating=rating, flags=flags))
    except InvalidFeedback as exc:
        raise RequestRefused(str(exc)) from exc
    path = settings.run_dir / "cards.db"
    if not path.exists():
        return  # no local card store (a remote cluster): the worker checks and dead-letters
    store = bootstrap.card_store(settings)
    try:
        if not store.known_cards([card_id]):
            raise RequestRefused(f"unknown card {card_id}: no delivered card has this id "
                                 "(see `cardstream cards`)")
    finally:
        store.close()


def retrain(settings: Settings, reason: str | None, wait: bool = False, timeout: float = 1800,
            on_progress: Callable[[str], None] = lambda line: None,
            every_s: float = 15.0) -> tuple[RetrainRequest, ModelVersion | None]:
    """Ask for a training; with ``wait``, follow ``model-versions`` for the answer to this
    request (matched by its id) and report progress while it trains."""
    request = RetrainRequest(request_id=uuid.uuid4().hex, trigger="manual",
                             reason=reason or "asked for with `cardstream retrain`")
    if not wait:
        _publish(settings, request, request.request_id)
        return request, None
    where = bootstrap.endpoints(settings)
    codec = bootstrap.codec(settings)
    consumer = kafka.consumer(where.bootstrap, **where.security.confluent())
    try:
        # positioned before the request is sent, so its answer cannot be missed
        kafka.assign_at_end(consumer, [settings.topic(ModelVersion.topic)])
        _publish(settings, request, request.request_id)
        on_progress(f"retrain requested ({request.request_id}); waiting for the outcome")
        started = time.monotonic()
        last = started
        while time.monotonic() - started < timeout:
            message = consumer.poll(0.5)
            now = time.monotonic()
            if message is not None and not message.error():
                event = codec.decode(message.value(), ModelVersion)
                if event.request_id == request.request_id:
                    if event.action in TRAINING_ANSWERS:
                        return request, event
                    if event.action == "training":
                        on_progress(f"training started (MLflow run {event.run_id}): "
                                    f"{event.reason}")
            if now - last >= every_s:
                on_progress(f"… still waiting, {now - started:.0f} s")
                last = now
        raise RequestRefused(f"no answer to retrain request {request.request_id} within "
                             f"{timeout:.0f} s (is the retrainer running? see retrainer.log)")
    finally:
        consumer.close()


def describe_answer(event: ModelVersion) -> str:
    if event.action == "announced":
        return (f"trained: {MODEL_NAME} v{event.version} registered and announced as challenger "
                f"at {event.rollout_percent} % (run {event.run_id}): {event.reason}")
    words = {"rejected": "trained but rejected by the gate",
             "insufficient_data": "not trained: not enough ratings yet",
             "failed": "training failed"}
    return f"{words[event.action]} (run {event.run_id or '-'}): {event.reason}"


def models_report(settings: Settings) -> dict[str, Any]:
    """Per version: the registry's aliases and tags, what the workers serve (role, percent,
    loaded or failed per worker), live ratings in stars; and every training's outcome."""
    where = bootstrap.endpoints(settings)
    events = read_model_events(settings, where)
    policy = serving_state(events, settings)
    rows = _versions(where)
    workers: dict[str, dict[str, dict[str, str]]] = {}
    for event in events:
        if event.action in ("loaded", "load_failed"):
            workers.setdefault(event.version, {})[event.actor] = {
                "status": "loaded" if event.action == "loaded" else "failed",
                "reason": event.reason, "at": event.announced_at.isoformat()}
    live: dict[str, tuple[int, float]] = {}
    if (settings.run_dir / "cards.db").exists():
        store = bootstrap.card_store(settings)
        try:
            live = store.live_stats()
        finally:
            store.close()

    def ratings(version: str) -> dict[str, Any]:
        n, mean = live.get(version, (0, None))
        return {"live_ratings": n,
                "live_mean_stars": None if mean is None else round(stars(mean), 3)}

    versions = []
    for row in rows:
        version = row["version"]
        versions.append({
            **row, **ratings(version),
            "registry_role": (row["aliases"] or [None])[0],
            "registry_percent": int(row["tags"].get("rollout_percent", 0)),
            "serving": {"role": policy.role(version), "percent": policy.share(version),
                        "workers": workers.get(version, {})},
        })
    trainings = [
        {"request_id": e.request_id, "outcome": e.action, "version": e.version,
         "run_id": e.run_id, "reason": e.reason, "at": e.announced_at.isoformat()}
        for e in events if e.action in TRAINING_ANSWERS
    ]
    return {
        "model": MODEL_NAME,
        "serving": {"champion": policy.champion, "challenger": policy.challenger,
                    "challenger_percent": policy.percent},
        "versions": versions,
        "baseline": {"serving": {"role": policy.role(BASELINE),
                                 "percent": policy.share(BASELINE)}, **ratings(BASELINE)},
        "trainings": trainings,
    }


def format_report(report: dict[str, Any]) -> list[str]:
    """The report as lines for a terminal; ratings in stars (1-5), as users give them."""
    serving = report["serving"]
    lines = [f"{report['model']}: champion {serving['champion']}, challenger "
             f"{serving['challenger'] or '-'} at {serving['challenger_percent']} %"]
    if not report["versions"]:
        lines.append("no versions yet: the heuristic ranking serves every upload")
    for row in report["versions"]:
        s = row["serving"]
        workers = ", ".join(f"{w['status']} on {name}" for name, w in s["workers"].items())
        mse = row.get("metrics", {}).get("val_mse")
        stars_text = (f", mean {row['live_mean_stars']:.2f} stars"
                      if row["live_mean_stars"] is not None else "")
        lines.append(
            f"  v{row['version']:<3} serving {s['role'] or '-':<10} {s['percent']:>3} %"
            f"  registry {row['registry_role'] or '-':<10} {row['registry_percent']:>3} % "
            f"({row['tags'].get('rollout_state', '-')})"
            f"  val_mse {'-' if mse is None else f'{mse:.4f}'}"
            f"  live {row['live_ratings']} ratings{stars_text}"
            f"  workers: {workers or 'none reported'}  run {row.get('run_id')}")
    base = report["baseline"]
    lines.append(f"  baseline (heuristic) serving {base['serving']['role'] or '-'} "
                 f"{base['serving']['percent']} %  live {base['live_ratings']} ratings"
                 + (f", mean {base['live_mean_stars']:.2f} stars"
                    if base["live_mean_stars"] is not None else ""))
    if report["trainings"]:
        lines.append("trainings:")
    for t in report["trainings"]:
        version = f" v{t['version']}" if t["version"] != "-" else ""
        lines.append(f"  {t['at'][:19]} {t['outcome']}{version} (request {t['request_id']}, "
                     f"run {t['run_id'] or '-'}): {t['reason']}")
    return lines
