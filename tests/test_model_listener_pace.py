"""The model-versions listener fetches at a relaxed pace: Tansu answers an empty fetch only when
its wait is over, so its fetch wait is how often an idle worker asks the broker for versions."""

from __future__ import annotations

from typing import Any

from agents import models
from streams import kafka


def test_the_listener_consumer_waits_two_seconds_per_fetch_and_keeps_its_security(monkeypatch):
    made: list[dict[str, Any]] = []
    monkeypatch.setattr(kafka, "consumer", lambda bootstrap, **config: made.append(config))
    models.listener_consumer("127.0.0.1:9", **{"security.protocol": "SSL"})
    assert made == [{"fetch.wait.max.ms": 2000, "security.protocol": "SSL"}]
    # a later caller's own wait wins (nothing here passes one)
    models.listener_consumer("127.0.0.1:9", **{"fetch.wait.max.ms": 100})
    assert made[1]["fetch.wait.max.ms"] == 100
