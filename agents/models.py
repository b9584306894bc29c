"""Which learned rater serves which upload, rebuilt from the ``model-versions`` topic.

Every worker replays ``model-versions`` from the start with its own consumer (no group: each
instance must see every event) through ``RolloutPolicy.apply`` (agents.rollout owns every
transition), so the routing state after a restart is the state before it. Raters are loaded on
the listener thread once the replay has caught up, never on the event loop; the swap is one
assignment under a lock.

What serves is what is labelled: an upload routed to a version whose rater is not loaded (it
failed to load) is scored and labelled by the champion's rater, or by the heuristic as
``baseline``. Each load is reported back on ``model-versions`` (``loaded`` / ``load_failed``,
with this worker as actor) so ``cardstream models list`` shows what the workers really serve;
a failure also counts ``cardstream_model_load_failures_total`` (an alert in deploy/prometheus).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from agents.exceptions import ModelLoadError
from agents.generation.types import CardRater
from agents.rollout import BASELINE, CHALLENGER, CHAMPION, MODEL_NAME, RolloutPolicy, uri_of
from schemas.events import ModelVersion, stars

log = logging.getLogger(__name__)

Loader = Callable[[str], CardRater]
Report = Callable[[ModelVersion], None]


class ServingMetrics:
    """What this worker serves, and the live ratings rollout decides on, per version and role."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.load_failures = Counter(
            "cardstream_model_load_failures_total", "Announced versions that failed to load",
            registry=registry)
        self.rollout_percent = Gauge(
            "cardstream_rollout_percent", "Share of uploads the challenger serves",
            registry=registry)
        self.serving = Gauge(
            "cardstream_model_serving",
            "1 for each version this worker serves in a role, 0 when it should but could not "
            "load it; baseline is the heuristic", ["role", "version"], registry=registry)
        self.live_stars = Gauge(
            "cardstream_live_rating_stars",
            "Mean live rating (1-5 stars) of the cards each serving version made, since the "
            "last rollout step: the evidence rollout decides on", ["role", "version"],
            registry=registry)
        self.live_count = Gauge(
            "cardstream_live_ratings",
            "Live ratings of each serving version since the last rollout step",
            ["role", "version"], registry=registry)
        # every rating by the role of the version that made the card: sum / count over any
        # window is the live mean the quality-dropped alert compares
        self.ratings = Histogram(
            "cardstream_feedback_rating_stars",
            "Live ratings (1-5 stars) by the role of the version that made the card",
            ["role"], buckets=(1, 2, 3, 4, 5), registry=registry)
        for role in (CHAMPION, CHALLENGER):
            self.ratings.labels(role)
        self._labels: set[tuple[str, str]] = set()

    def show(self, policy: RolloutPolicy, loaded: set[str]) -> None:
        roles = {(role, v) for role, v in ((CHAMPION, policy.champion),
                                           (CHALLENGER, policy.challenger)) if v is not None}
        for stale in self._labels - roles:
            for gauge in (self.serving, self.live_stars, self.live_count):
                with contextlib.suppress(KeyError):  # never set: nothing to remove
                    gauge.remove(*stale)
        for role, version in roles:
            self.serving.labels(role, version).set(
                1 if version == BASELINE or version in loaded else 0)
            tally = policy.tallies.get(version)
            self.live_count.labels(role, version).set(tally.n if tally else 0)
            # NaN, not 0, while there is no rating: no mean is not a mean of zero stars
            self.live_stars.labels(role, version).set(
                stars(tally.mean) if tally and tally.n else float("nan"))
        self._labels = roles
        self.rollout_percent.set(policy.percent)


class ModelRouter:
    def __init__(
        self,
        policy: RolloutPolicy,
        loader: Loader,
        registry: CollectorRegistry,
        model_name: str = MODEL_NAME,
        report: Report | None = None,
        actor: str = "worker",
    ) -> None:
        self.policy = policy
        self.loader = loader
        self.model_name = model_name
        self.report = report
        self.actor = actor
        self._raters: dict[str, CardRater] = {}
        self._failed: dict[str, str] = {}  # version -> why it could not be loaded
        self._lock = threading.Lock()
        self.metrics = ServingMetrics(registry)
        self.load_failures = self.metrics.load_failures
        self.metrics.show(policy, set())

    # --- serving ------------------------------------------------------------------------
    def choose(self, upload_id: str) -> tuple[str | None, str | None, CardRater | None]:
        """(model name, version, rater) for an upload: the label names what really scores."""
        with self._lock:
            version = self.policy.route(upload_id)
            if version != BASELINE and version not in self._raters:
                version = self.policy.champion  # routed version not loaded: the champion serves
            rater = self._raters.get(version)
            if rater is None:
                version = BASELINE
        return (self.model_name if version != BASELINE else None), version, rater

    def versions(self) -> tuple[str, str | None, int]:
        with self._lock:
            return self.policy.champion, self.policy.challenger, self.policy.percent

    def is_answered(self, request_id: str) -> bool:
        with self._lock:
            return self.policy.is_answered(request_id)

    # --- applying events ----------------------------------------------------------------
    def apply(self, event: ModelVersion, sync: bool = True) -> None:
        """Idempotent: replaying the topic, or hearing our own decision back, changes nothing.
        ``sync=False`` defers loading (the listener loads once a replay has caught up)."""
        with self._lock:
            self.policy.apply(event)
            if event.action == "announced":
                self._failed.pop(event.version, None)  # announced again: worth another try
        if sync:
            self.sync()

    def sync(self) -> None:
        """Load the raters the policy says serve and drop the rest (on the listener thread)."""
        with self._lock:
            wanted = {v for v in (self.policy.champion, self.policy.challenger)
                      if v is not None and v != BASELINE}
            self._raters = {v: r for v, r in self._raters.items() if v in wanted}
            missing = sorted(wanted - set(self._raters) - set(self._failed))
        for version in missing:
            self._load(version)
        with self._lock:
            self.metrics.show(self.policy, set(self._raters))

    def _load(self, version: str) -> None:
        uri = uri_of(version, self.model_name)
        try:
            rater = self.loader(uri)
        except ModelLoadError as exc:
            self.load_failures.inc()
            log.error("cannot load %s %s from %s: %s; the champion %s serves its uploads",
                      self.model_name, version, uri, exc, self.policy.champion)
            with self._lock:
                self._failed[version] = str(exc)
            self._report(version, "load_failed", str(exc))
            return
        with self._lock:
            self._raters[version] = rater
            role = self.policy.role(version)
        log.info("%s %s loaded as %s", self.model_name, version, role)
        self._report(version, "loaded", f"serving as {role}")

    def _report(self, version: str, action: str, reason: str) -> None:
        if self.report is None:
            return
        with self._lock:
            role, share = self.policy.role(version), self.policy.share(version)
        try:
            self.report(ModelVersion(
                name=self.model_name, version=version, uri=uri_of(version, self.model_name),
                action=action,
                alias=role, rollout_percent=share if action == "loaded" else 0,
                actor=self.actor, reason=reason[:2000]))
        except Exception:  # a report is a record; serving goes on without it
            log.exception("could not report %s of %s", action, version)

    def observe(self, qualities: list[tuple[str, float]]) -> ModelVersion | None:
        """Live feedback in; the rollout event to publish out, when the evidence allows (already
        applied here; raters are only dropped, never loaded, so this never blocks)."""
        with self._lock:
            for version, quality in qualities:
                role = self.policy.role(version or BASELINE)
                if role is not None:
                    self.metrics.ratings.labels(role).observe(stars(quality))
                self.policy.observe(version, quality)
            event = self.policy.decide()
            if event is not None:
                keep = {self.policy.champion, self.policy.challenger}
                self._raters = {v: r for v, r in self._raters.items() if v in keep}
            self.metrics.show(self.policy, set(self._raters))
        return event

    def state(self) -> dict[str, Any]:
        with self._lock:
            return self.policy.to_dict()


# How long the listener's fetches wait on the broker. Tansu answers an empty fetch only when its
# wait is over, so this is a polling interval: a new version reaches the worker's router at most
# this late (librdkafka's default, 500 ms, made the listener 2.15 of the broker's ~13 requests a
# second on an idle OCR-only stack, and 15 of 118 per page through bench.ocr_throughput's
# stack). Versions are announced a few times a day (a rollout stage, a rollback); a rollout step
# taking effect 2 s after its announcement instead of 0.5 s is not something a user sees.
MODEL_VERSIONS_FETCH_WAIT_MS = 2000


def listener_consumer(bootstrap: str, **config: Any) -> Any:
    """The consumer a :class:`ModelVersionsListener` follows ``model-versions`` with."""
    from streams import kafka

    return kafka.consumer(bootstrap, **{"fetch.wait.max.ms": MODEL_VERSIONS_FETCH_WAIT_MS,
                                        **config})


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
        pending = True  # a replay to sync after
        try:
            assign_from_start(consumer, [self.topic])
            while not self._stop_event.is_set():
                message = consumer.poll(0.5)
                if message is None:
                    if pending:  # caught up: load what the replayed state serves, once
                        self.router.sync()
                        pending = False
                    continue
                if message.error():
                    continue
                try:
                    self.router.apply(self.decode(message.value()), sync=False)
                    pending = True
                except Exception:  # a bad event must not stop model updates
                    log.exception(
                        "ignoring undecodable model-versions event at offset %s", message.offset()
                    )
        finally:
            consumer.close()

    def stop(self) -> None:
        self._stop_event.set()
