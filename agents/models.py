"""Which learned rater serves which upload, rebuilt from the ``model-versions`` topic.

Every worker replays ``model-versions`` from the start with its own consumer (no group: each
instance must see every event), so the routing state after a restart is the state before it.
Loading happens on the listener thread, never on the event loop; the swap is one assignment
under a lock. A version that fails to load is not routed to: the previous one keeps serving,
and ``cardstream_model_load_failures_total`` goes up (an alert in deploy/prometheus).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge

from agents.exceptions import ModelLoadError
from agents.generation.types import CardRater
from agents.rollout import BASELINE, Decision, RolloutPolicy
from schemas.events import ModelVersion

log = logging.getLogger(__name__)

Loader = Callable[[str], CardRater]


class ModelRouter:
    def __init__(
        self,
        policy: RolloutPolicy,
        loader: Loader,
        registry: CollectorRegistry,
        model_name: str = "cardstream-quality-scorer",
    ) -> None:
        self.policy = policy
        self.loader = loader
        self.model_name = model_name
        self._raters: dict[str, CardRater] = {}
        self.last_training_done: float | None = None  # when a training was last answered
        self._lock = threading.Lock()
        self.load_failures = Counter(
            "cardstream_model_load_failures_total",
            "Announced versions that failed to load",
            registry=registry,
        )
        self.rollout_percent = Gauge(
            "cardstream_rollout_percent",
            "Share of uploads the challenger serves",
            registry=registry,
        )
        self.serving = Gauge(
            "cardstream_model_serving",
            "1 for each version currently serving, by role",
            ["role"],
            registry=registry,
        )

    # --- serving ------------------------------------------------------------------------
    def choose(self, upload_id: str) -> tuple[str | None, str | None, CardRater | None]:
        with self._lock:
            version = self.policy.route(upload_id)
            rater = self._raters.get(version)
        name = self.model_name if version != BASELINE else None
        return name, version, rater

    def versions(self) -> tuple[str, str | None, int]:
        with self._lock:
            return self.policy.champion, self.policy.challenger, self.policy.percent

    # --- applying events ----------------------------------------------------------------
    def apply(self, event: ModelVersion) -> None:
        """Idempotent: replaying the topic, or hearing our own decision back, changes nothing."""
        if event.action in ("announced", "rejected"):
            self.last_training_done = event.announced_at.timestamp()
        if event.action == "announced":
            self._announce(event)
        with self._lock:
            p = self.policy
            if event.action == "rollout" and p.challenger == event.version:
                p.percent = event.rollout_percent
            elif event.action == "promoted":
                p.champion, p.percent = event.version, 0
                if p.challenger == event.version:
                    p.challenger = None
                self._keep_only(event.version)
            elif event.action == "rolled_back" and p.challenger == event.version:
                p.challenger, p.percent = None, 0
                self._raters.pop(event.version, None)
            self.rollout_percent.set(p.percent)

    def _keep_only(self, champion: str) -> None:
        """After a promotion only the new champion's rater is needed (caller holds the lock)."""
        self._raters = {v: r for v, r in self._raters.items() if v == champion}

    def _announce(self, event: ModelVersion) -> None:
        with self._lock:
            if event.version in self._raters or event.version == self.policy.champion:
                return
        try:
            rater = self.loader(event.uri)
        except ModelLoadError as exc:
            self.load_failures.inc()
            log.error(
                "cannot load %s %s from %s: %s; keeping %s",
                event.name,
                event.version,
                event.uri,
                exc,
                self.policy.champion,
            )
            return
        with self._lock:
            self._raters[event.version] = rater
            self.policy.on_announced(event.version)
        log.info(
            "challenger %s loaded; serving %d %% of uploads", event.version, self.policy.percent
        )

    def observe(self, qualities: list[tuple[str, float]]) -> Decision | None:
        """Live feedback in; a rollout decision out when the evidence allows (already applied)."""
        with self._lock:
            for version, quality in qualities:
                self.policy.observe(version, quality)
            decision = self.policy.decide()
            if decision is not None:
                if decision.action == "rollback":
                    self._raters.pop(decision.version, None)
                elif decision.action == "promote":
                    self._keep_only(decision.version)
                self.rollout_percent.set(self.policy.percent)
        return decision

    def event_for(self, decision: Decision) -> ModelVersion:
        action = {"advance": "rollout", "promote": "promoted", "rollback": "rolled_back"}
        return ModelVersion(
            name=self.model_name,
            version=decision.version,
            uri=f"models:/{self.model_name}/{decision.version}",
            action=action[decision.action],
            alias="champion" if decision.action == "promote" else "challenger",
            rollout_percent=decision.to_percent if decision.action != "rollback" else 0,
            metrics={
                "live_challenger_mean": decision.challenger_mean,
                "live_champion_mean": decision.champion_mean,
                "live_challenger_n": float(decision.challenger_n),
                "live_champion_n": float(decision.champion_n),
            },
            reason=decision.reason,
        )

    def state(self) -> dict[str, Any]:
        with self._lock:
            return self.policy.to_dict()


class ModelVersionsListener(threading.Thread):
    """Replays and follows ``model-versions`` into a router, on its own thread."""

    def __init__(
        self,
        router: ModelRouter,
        consumer_factory: Callable[[], Any],
        topic: str,
        decode: Callable[[bytes], ModelVersion],
    ) -> None:
        super().__init__(name="model-versions", daemon=True)
        self.router = router
        self.consumer_factory = consumer_factory
        self.topic = topic
        self.decode = decode
        self._stop_event = threading.Event()

    def run(self) -> None:
        from streams.kafka import assign_from_start

        consumer = self.consumer_factory()
        try:
            assign_from_start(consumer, [self.topic])
            while not self._stop_event.is_set():
                message = consumer.poll(0.5)
                if message is None or message.error():
                    continue
                try:
                    self.router.apply(self.decode(message.value()))
                except Exception:  # a bad event must not stop model updates
                    log.exception(
                        "ignoring undecodable model-versions event at offset %s", message.offset()
                    )
        finally:
            consumer.close()

    def stop(self) -> None:
        self._stop_event.set()
