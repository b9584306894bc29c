"""What more than one integration test module reads or makes (a test module must not import
another): a Faust table as its changelog has it, the ratings a card store holds, a scorer
registered the way the retrainer registers one."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

from agents.rollout import MODEL_NAME
from streams import kafka


def changelog(bootstrap_servers: str, topic: str) -> dict[str, Any]:
    """A Faust table as its changelog has it: the last value of every key."""
    consumer = kafka.consumer(bootstrap_servers)
    kafka.assign_from_start(consumer, [topic])
    state: dict[str, Any] = {}
    idle = time.monotonic()
    while time.monotonic() - idle < 1.5:
        message = consumer.poll(0.2)
        if message is None or message.error():
            continue
        idle = time.monotonic()
        key, value = message.key() or b"", message.value() or b"null"
        state[json.loads(key) if key[:1] == b'"' else key.decode()] = json.loads(value)
    consumer.close()
    return state


def stored(db: Path) -> tuple[int, int]:
    """Ratings in the card store, and distinct feedback ids among them."""
    with sqlite3.connect(db) as conn:
        count, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT feedback_id) FROM feedback").fetchone()
    return count, distinct


def registered_scorer(tracking_uri: str, artifact_root: str, tmp: Path) -> str:
    """A real (untrained) scorer registered the way the retrainer does it; its version."""
    from agents.scoring import LearnedRater, QualityModel, ScorerConfig
    from retrainer import registry
    from retrainer.pyfunc import log_scorer

    client = registry.client_for(tracking_uri)
    rater = LearnedRater(QualityModel.from_encoder(ScorerConfig(prior=0.6)))
    run_id = registry.start_run(client, "truth-test", "scorer", {},
                                artifact_location=artifact_root)
    log_scorer(client, run_id, rater.save(tmp / uuid.uuid4().hex), registry.SCORER_ARTIFACT)
    registry.end_run(client, run_id, ok=True)
    return registry.register(client, MODEL_NAME, run_id, registry.SCORER_ARTIFACT, {})
