"""The learning-loop verbs: retrainer, topics, retrain, models, simulate-feedback."""

from __future__ import annotations

import uuid
from typing import Any

import click

from agents.rollout import MODEL_NAME
from cardstream import bootstrap, modelops
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
from schemas.events import Feedback
from streams.settings import Settings


@click.command(cls=Verb)
@metrics_port_option
@with_settings
def retrainer(settings: Settings, metrics_port: int) -> int:
    """Run the retrainer process (used by `up`)."""
    from cardstream.retrainer_main import run_retrainer

    bootstrap.exit_with_parent()
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
              help="wait for the outcome (trained, rejected and why, registered version) and "
              "print it, with progress while it trains")
@click.option("--timeout", type=Seconds(), default=1800.0,
              help="with --wait, stop waiting after this long (seconds, or 30m)")
@json_option
@with_settings
def retrain(settings: Settings, reason: str, wait: bool, timeout: float, as_json: bool) -> int:
    """Ask for a training now."""
    with bar("training") as shown:
        def report(line: str) -> None:
            shown.describe(line[:60])
            progress(line)

        request, answer = modelops.retrain(settings, reason, wait=wait, timeout=timeout,
                                           on_progress=report)
    if answer is None:
        print(f"retrain requested ({request.request_id}); follow it with `cardstream models list`")
        return 0
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        print(modelops.describe_answer(answer))
    return 0  # the request was answered; a training the data or the gate refuses is an answer


@click.group(cls=VerbGroup)
def models() -> None:
    """Model versions, rollout, promote, rollback."""


@models.command("list")
@json_option
@with_settings
def models_list(settings: Settings, as_json: bool) -> int:
    """Per version: the registry's state and what the workers serve (role, percent, loaded or
    failed), live ratings in stars; and every training's outcome with its reason and run."""
    report = modelops.models_report(settings)
    if as_json:
        print_json(report)
    else:
        print("\n".join(modelops.format_report(report)))
    return 0


@models.command()
@click.argument("version")
@click.option("--reason", default="promoted by hand", help="why, kept with the change")
@with_settings
def promote(settings: Settings, version: str, reason: str) -> int:
    """Make VERSION the champion (refused when the registry has no such version)."""
    event = modelops.promote(settings, version, reason)
    print(f"{MODEL_NAME} v{event.version} promoted to champion (by {event.actor})")
    return 0


@models.command()
@click.argument("version", required=False)
@click.option("--reason", default="rolled back by hand", help="why, kept with the change")
@with_settings
def rollback(settings: Settings, version: str | None, reason: str) -> int:
    """Withdraw the challenger (or VERSION; with no challenger, the champion, which gives way
    to the one it replaced)."""
    event = modelops.rollback(settings, version, reason)
    print(f"{MODEL_NAME} v{event.version} rolled back; champion now {event.champion} "
          f"(by {event.actor})")
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
    print(f"sent {sent} simulated ratings, mean {mean:.2f} stars")
    return 0


COMMANDS = (retrainer, topics, retrain, models, simulate_feedback)
