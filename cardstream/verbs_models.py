"""The learning-loop verbs: retrainer, topics, retrain, models, simulate-feedback."""

from __future__ import annotations

import time
import uuid
from typing import Any

import click

from cardstream import bootstrap
from cardstream.options import (
    Seconds,
    Verb,
    VerbGroup,
    json_option,
    metrics_port_option,
    with_settings,
)
from cardstream.output import bar, print_json, progress
from retrainer.simulation import TASTES
from schemas.events import Feedback, ModelVersion, RetrainRequest
from streams.settings import Settings

SCORER = "cardstream-quality-scorer"


@click.command(cls=Verb)
@metrics_port_option
@with_settings
def retrainer(settings: Settings, metrics_port: int) -> int:
    """Run the retrainer process (used by `up`)."""
    from cardstream.retrainer_main import run_retrainer

    bootstrap.configure_logging(settings.log_level)
    run_retrainer(settings, metrics_port)
    return 0


@click.command(cls=Verb)
@with_settings
def topics(settings: Settings) -> int:
    """Create the topics with their partition counts."""
    from streams.topics import create_topics, topic_specs

    where = bootstrap.endpoints(settings)
    created = create_topics(where.bootstrap, topic_specs(settings))
    progress(f"topics created: {', '.join(created) or 'none (all exist)'}")
    return 0


@click.command(cls=Verb)
@click.option("--reason", default="asked for with `cardstream retrain`",
              help="why, recorded with the request")
@click.option("--wait", is_flag=True,
              help="wait for the outcome (trained or rejected) and print it")
@click.option("--timeout", type=Seconds(), default=1800.0,
              help="with --wait, stop waiting after this long (seconds, or 30m)")
@json_option
@with_settings
def retrain(settings: Settings, reason: str, wait: bool, timeout: float, as_json: bool) -> int:
    """Ask for a training now."""
    request = RetrainRequest(request_id=uuid.uuid4().hex, trigger="manual", reason=reason)
    if not wait:
        _publish(settings, request, request.request_id)
        print(f"retrain requested ({request.request_id}); follow it with `cardstream models list`")
        return 0
    client = bootstrap.client(settings)
    try:
        outcome = _await_training(client, request, timeout)
    finally:
        client.close()
    if outcome is None:
        print(f"no outcome for {request.request_id} within {timeout:g} s; see `cardstream models "
              "list`")
        return 1
    if as_json:
        print_json(outcome.model_dump(mode="json"))
    elif outcome.action == "announced":
        mse = outcome.metrics.get("val_mse")
        print(f"trained: {outcome.name} v{outcome.version} announced at "
              f"{outcome.rollout_percent} %" + (f", val_mse {mse:.4f}" if mse is not None else ""))
    else:
        print(f"not trained: {outcome.reason}")
    return 0  # the request was answered; a training the data or the gate refuses is an answer


def _await_training(client: Any, request: RetrainRequest, timeout: float) -> ModelVersion | None:
    """Send ``request`` and return the training's announcement or rejection, read from
    model-versions from before the request was sent (offsets, not clocks, order them)."""
    from streams import kafka

    consumer = kafka.consumer(client.bootstrap, **client.kafka_config)
    try:
        kafka.assign_at_end(consumer, [client.topic(ModelVersion.topic)])
        client.send(request, request.request_id)
        progress(f"retrain requested ({request.request_id}); waiting for the outcome")
        deadline = time.monotonic() + timeout
        with bar("training"):
            while time.monotonic() < deadline:
                message = consumer.poll(0.5)
                if message is None or message.error():
                    continue
                event = client.codec.decode(message.value(), ModelVersion)
                # TODO(13): match on the request id once outcomes carry it; until then a
                # rejection that names another request is someone else's
                if event.action not in ("announced", "rejected") or (
                        "request " in event.reason and request.request_id not in event.reason):
                    continue
                return event
    finally:
        consumer.close()
    return None


@click.group(cls=VerbGroup)
def models() -> None:
    """Model versions, rollout, promote, rollback."""


@models.command("list")
@json_option
@with_settings
def models_list(settings: Settings, as_json: bool) -> int:
    """Versions with aliases, rollout and metrics."""
    from retrainer import registry

    where = bootstrap.endpoints(settings)
    versions = registry.list_versions(registry.client_for(where.tracking_uri), SCORER)
    store = bootstrap.card_store(settings)
    try:
        live = store.live_stats()
    finally:
        store.close()
    rows = []
    for row in versions:
        n, mean = live.get(str(row["version"]), (0, None))
        rows.append({**row, "live_ratings": n, "live_mean_quality": mean})
    baseline = live.get("baseline")
    if as_json:
        print_json({"model": SCORER, "versions": rows,
                    "baseline": {"live_ratings": baseline[0], "live_mean_quality": baseline[1]}
                    if baseline else None})
        return 0
    if not rows:
        print(f"no versions of {SCORER} yet: the heuristic ranking serves every upload")
    for row in rows:
        tags = row.get("tags", {})
        mse = row.get("metrics", {}).get("val_mse")
        live_mean = row["live_mean_quality"]
        print(f"{SCORER} v{row['version']:<3} {','.join(row['aliases']) or '-':<18} "
              f"rollout {tags.get('rollout_percent', '0'):>3} % ({tags.get('rollout_state', '-')})"
              f"  val_mse {mse if mse is None else f'{mse:.4f}'}"
              f"  live {row['live_ratings']} ratings"
              + (f", mean {live_mean:.2f}" if live_mean is not None else "")
              + f"  run {row.get('run_id')}")
    if baseline:
        print(f"baseline (heuristic)  live {baseline[0]} ratings, mean {baseline[1]:.2f}")
    return 0


def _publish(settings: Settings, event: ModelVersion | RetrainRequest, key: str) -> None:
    client = bootstrap.client(settings)
    try:
        client.send(event, key)
    finally:
        client.close()


@models.command()
@click.argument("version")
@click.option("--reason", default="promoted by hand", help="why, kept with the change")
@with_settings
def promote(settings: Settings, version: str, reason: str) -> int:
    """Make VERSION the champion."""
    event = ModelVersion(name=SCORER, version=str(version),
                         uri=f"models:/{SCORER}/{version}", action="promoted",
                         alias="champion", rollout_percent=100, reason=reason)
    _publish(settings, event, event.version)
    print(f"{SCORER} v{version} promoted to champion")
    return 0


@models.command()
@click.argument("version", required=False)
@click.option("--reason", default="rolled back by hand", help="why, kept with the change")
@with_settings
def rollback(settings: Settings, version: str | None, reason: str) -> int:
    """Withdraw the challenger (or VERSION; with no challenger, the champion)."""
    from retrainer import registry

    where = bootstrap.endpoints(settings)
    client = registry.client_for(where.tracking_uri)
    version = version or registry.alias_version(client, SCORER, registry.CHALLENGER) \
        or registry.alias_version(client, SCORER, registry.CHAMPION)
    if version is None:
        print("nothing to roll back: no challenger and no champion")
        return 1
    event = ModelVersion(name=SCORER, version=str(version), uri=f"models:/{SCORER}/{version}",
                         action="rolled_back", rollout_percent=0, reason=reason)
    _publish(settings, event, event.version)
    print(f"{SCORER} v{version} rolled back")
    return 0


@click.command("simulate-feedback", cls=Verb)
@click.option("--users", "how_many", type=click.IntRange(1), default=1,
              help="simulated users; each rates every card once")
@click.option("--seed", type=int, default=7, help="random seed of the users")
@click.option("--taste", type=click.Choice(tuple(TASTES)), default="key-terms",
              help="the users' hidden preference (documented in retrainer.simulation)")
@click.option("--idle", type=Seconds(), default=3.0,
              help="stop reading cards after this long without a new one (seconds)")
@with_settings
def simulate_feedback(settings: Settings, how_many: int, seed: int, taste: str,
                      idle: float) -> int:
    """Simulated users rate every delivered card once."""
    from retrainer.simulation import SimulatedUsers

    users = SimulatedUsers(seed=seed, taste=taste)  # type: ignore[arg-type]  # a TASTES key
    client = bootstrap.client(settings)
    sent, total = 0, 0.0
    try:
        events: list[Any] = []
        for flashcards in client.flashcards(follow=False, idle_timeout=idle):
            for card in flashcards.cards:
                source = card.source_sentence or ""
                for user in range(how_many):
                    rating = users.rate(card, source, user)
                    events.append(Feedback(
                        feedback_id=uuid.uuid4().hex, card_id=card.card_id,
                        upload_id=flashcards.upload_id, model_version=flashcards.model_version,
                        rating=rating, user_id=f"sim-{user}"))
                    total += rating
        client.send_many(events, key_of=lambda e: e.card_id)  # type: ignore[attr-defined]
        sent = len(events)
    finally:
        client.close()
    mean = total / sent if sent else 0.0
    print(f"sent {sent} simulated ratings, mean {mean:.2f}")
    return 0


COMMANDS = (retrainer, topics, retrain, models, simulate_feedback)
