"""The learning-loop verbs: retrainer, topics, retrain, models, simulate-feedback."""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from cardstream import bootstrap
from cardstream.output import print_json, progress
from retrainer.simulation import TASTES
from schemas.events import Feedback, ModelVersion, RetrainRequest
from streams.settings import Settings

SCORER = "cardstream-quality-scorer"


def cmd_retrainer(settings: Settings, args: argparse.Namespace) -> int:
    from cardstream.retrainer_main import run_retrainer

    bootstrap.configure_logging(settings.log_level)
    run_retrainer(settings, args.metrics_port)
    return 0


def cmd_topics(settings: Settings, args: argparse.Namespace) -> int:
    from streams.topics import create_topics, topic_specs

    where = bootstrap.endpoints(settings)
    created = create_topics(where.bootstrap, topic_specs(settings))
    progress(f"topics created: {', '.join(created) or 'none (all exist)'}")
    return 0


def cmd_retrain(settings: Settings, args: argparse.Namespace) -> int:
    request = RetrainRequest(request_id=uuid.uuid4().hex, trigger="manual",
                             reason=args.reason or "asked for with `cardstream retrain`")
    _publish(settings, request, request.request_id)
    print(f"retrain requested ({request.request_id}); follow it with `cardstream models list`")
    return 0


def cmd_models_list(settings: Settings, args: argparse.Namespace) -> int:
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
    if args.json:
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


def cmd_models_promote(settings: Settings, args: argparse.Namespace) -> int:
    event = ModelVersion(name=SCORER, version=str(args.version),
                         uri=f"models:/{SCORER}/{args.version}", action="promoted",
                         alias="champion", rollout_percent=100, reason="promoted by hand")
    _publish(settings, event, event.version)
    print(f"{SCORER} v{args.version} promoted to champion")
    return 0


def cmd_models_rollback(settings: Settings, args: argparse.Namespace) -> int:
    from retrainer import registry

    where = bootstrap.endpoints(settings)
    client = registry.client_for(where.tracking_uri)
    version = args.version or registry.alias_version(client, SCORER, registry.CHALLENGER) \
        or registry.alias_version(client, SCORER, registry.CHAMPION)
    if version is None:
        print("nothing to roll back: no challenger and no champion")
        return 1
    event = ModelVersion(name=SCORER, version=str(version), uri=f"models:/{SCORER}/{version}",
                         action="rolled_back", rollout_percent=0, reason="rolled back by hand")
    _publish(settings, event, event.version)
    print(f"{SCORER} v{version} rolled back")
    return 0


def cmd_simulate_feedback(settings: Settings, args: argparse.Namespace) -> int:
    """Simulated users (retrainer.simulation) rate every delivered card once."""
    from retrainer.simulation import SimulatedUsers

    users = SimulatedUsers(seed=args.seed, taste=args.taste)
    client = bootstrap.client(settings)
    sent, total = 0, 0.0
    try:
        events: list[Any] = []
        for flashcards in client.flashcards(follow=False, idle_timeout=args.idle):
            for card in flashcards.cards:
                source = card.source_sentence or ""
                for user in range(args.users):
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


def register(sub: Any) -> None:
    p = sub.add_parser("retrainer", help="run the retrainer process (used by `up`)")
    p.add_argument("--metrics-port", type=int, default=0)
    p.set_defaults(func=cmd_retrainer)

    p = sub.add_parser("topics", help="create the topics with their partition counts")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("retrain", help="ask for a training now")
    p.add_argument("--reason")
    p.set_defaults(func=cmd_retrain)

    models = sub.add_parser("models", help="model versions, rollout, promote, rollback")
    msub = models.add_subparsers(dest="models_verb", required=True)
    p = msub.add_parser("list", help="versions with aliases, rollout and metrics")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_models_list)
    p = msub.add_parser("promote", help="make VERSION the champion")
    p.add_argument("version")
    p.set_defaults(func=cmd_models_promote)
    p = msub.add_parser("rollback", help="withdraw the challenger (or VERSION)")
    p.add_argument("version", nargs="?")
    p.set_defaults(func=cmd_models_rollback)

    p = sub.add_parser("simulate-feedback", help="simulated users rate every delivered card")
    p.add_argument("--users", type=int, default=1)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--taste", choices=tuple(TASTES), default="key-terms",
                   help="the users' hidden preference (documented in retrainer.simulation)")
    p.add_argument("--idle", type=float, default=3.0, help="stop after this long without cards")
    p.set_defaults(func=cmd_simulate_feedback)
