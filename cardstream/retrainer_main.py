"""Composition root of the retrainer process.

It consumes ``retrain-requests`` (one training at a time, in arrival order), trains, and publishes
the answer on ``model-versions`` with the request's id (announced, rejected, insufficient_data or
failed; a ``training`` event first, so whoever waits sees progress). A request already answered
(a replay after a crash) is skipped by its id, never by comparing clocks. It also mirrors every
routing change published there into the MLflow registry (aliases, tags and an audit tag per
change, ``retrainer.registry.record``), so the registry is written by this process only. With
``RETRAINING_SCHEDULE`` set it asks for a training itself when the last one is older than that.
"""

from __future__ import annotations

import json
import logging
import re
import signal
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from agents.deadletter import Source, dead_letter
from agents.rollout import MODEL_NAME
from cardstream import bootstrap
from schemas.events import DeadLetter, ModelVersion, RetrainRequest
from streams import kafka
from streams.exceptions import StreamsError
from streams.security import security_from
from streams.settings import Settings
from streams.store import CardStore, RatedCard

log = logging.getLogger("cardstream.retrainer")
PERIOD = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def schedule_seconds(schedule: str | None) -> float | None:
    if not schedule:
        return None
    match = PERIOD.match(schedule.lower())
    if match is None:
        raise ValueError(f"RETRAINING_SCHEDULE={schedule!r}: use a period like 30m, 12h, 7d, 1w")
    return int(match.group(1)) * UNITS[match.group(2)]


def retrain_config(settings: Settings) -> Any:
    from dataclasses import replace

    from retrainer.config import RetrainConfig, SearchConfig, TrainConfig

    config = RetrainConfig(experiment=f"{settings.mlflow_experiment_name}-retrainer")
    if settings.retrain_fast:
        config = replace(config, search=SearchConfig(learning_rates=(1e-4,), max_epochs=2),
                         train=replace(TrainConfig(), epochs=2))
    return config


def examples_from(rated: list[RatedCard]) -> list[Any]:
    from retrainer.dataset import TrainingExample

    return [
        TrainingExample(
            source=r.card.source_sentence or r.document[:2000], card=r.card, rating=r.rating,
            corrected_question=r.corrected_question, corrected_answer=r.corrected_answer,
            model_version=r.model_version, feedback_id=r.feedback_id, upload_id=r.upload_id,
        )
        for r in rated
    ]


class RetrainerMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.runs = Counter(
            "cardstream_retrain_runs_total",
            "Training requests by outcome: blessed, rejected (lost the gate), insufficient_data "
            "(not enough ratings yet: not a failure), failed, skipped (already answered)",
            ["outcome"], registry=registry)
        for outcome in ("blessed", "rejected", "insufficient_data", "failed", "skipped"):
            self.runs.labels(outcome)
        self.seconds = Histogram("cardstream_retrain_duration_seconds", "One training",
                                 buckets=(10, 30, 60, 120, 180, 300, 600, 1200),
                                 registry=registry)
        self.to_announce = Histogram(
            "cardstream_retrain_request_to_announce_seconds",
            "From the retrain request to the announcement on model-versions",
            buckets=(10, 30, 60, 120, 180, 300, 600, 1200), registry=registry)
        self.examples = Gauge("cardstream_retrain_examples", "Ratings used by the last training",
                              registry=registry)
        # counted here, where model-versions is read once with committed offsets: a worker
        # replays the whole topic on every start and would count history again
        self.changes = Counter(
            "cardstream_model_changes_total",
            "Model changes recorded in the registry, by action (rollout, promoted, rolled_back, "
            "announced)", ["action"], registry=registry)
        for action in ("announced", "rollout", "promoted", "rolled_back"):
            self.changes.labels(action)


class Retrainer:
    def __init__(self, settings: Settings, bootstrap_servers: str, tracking_uri: str,
                 store: CardStore, registry: CollectorRegistry) -> None:
        self.settings = settings
        self.tracking_uri = tracking_uri
        self.store = store
        self.codec = bootstrap.codec(settings)
        self.metrics = RetrainerMetrics(registry)
        # TLS/SASL; a client id of its own names the retrainer in broker (and proxy) logs
        security = {**security_from(settings).confluent(), "client.id": "cardstream-retrainer"}
        self.producer = kafka.producer(bootstrap_servers, **security)
        self.consumer = kafka.consumer(bootstrap_servers, group_id=f"{settings.app_id}-retrainer",
                                       **security)
        self.requests_topic = settings.topic(RetrainRequest.topic)
        self.models_topic = settings.topic(ModelVersion.topic)
        self.consumer.subscribe([self.requests_topic, self.models_topic])
        self.period = schedule_seconds(settings.retraining_schedule)
        self.state_path = settings.run_dir / "retrainer-state.json"
        self.last_training_started, self.answered = self._load_state()
        self.stopping = False

    def _load_state(self) -> tuple[float, list[str]]:
        try:
            state = json.loads(self.state_path.read_text())
            return float(state["last_training_started"]), list(state.get("answered", []))
        except (OSError, ValueError, KeyError):
            return time.time(), []  # a fresh stack does not train the moment it starts

    def _save_state(self) -> None:
        state = {"last_training_started": self.last_training_started,
                 "answered": self.answered[-200:]}
        self.state_path.write_text(json.dumps(state))

    def publish(self, event: ModelVersion | RetrainRequest, key: str) -> None:
        value = self.codec.encode(event)
        kafka.produce_sync(self.producer, self.settings.topic(event.topic), key, value,
                           headers=self.codec.headers(value))

    def run(self) -> None:
        while not self.stopping:
            self.maybe_schedule()
            message = self.consumer.poll(0.5)
            if message is None or message.error():
                continue
            kind = RetrainRequest if message.topic() == self.requests_topic else ModelVersion
            try:
                event = self.codec.decode(message.value(), kind)
            except StreamsError as exc:
                # one bad message must not stop the retrainer (and a restart read it again):
                # dead-letter it with its bytes, commit, go on (agents.deadletter's policy)
                self.dead_letter(message, exc)
            else:
                if isinstance(event, RetrainRequest):
                    self.on_request(event)
                elif isinstance(event, ModelVersion):
                    self.on_model_event(event)
            self.consumer.commit(message=message, asynchronous=False)  # after the work

    def dead_letter(self, message: Any, exc: Exception) -> None:
        source = Source(message.topic() or "", message.partition() or 0, message.offset() or 0,
                        message.key(), message.value() or b"")
        letter = dead_letter("retrainer", exc, source)
        log.warning("retrainer: dead-lettered %s[%d]@%d: %s", source.topic, source.partition,
                    source.offset, letter.reason)
        # if even this cannot be sent, produce_sync raises and the retrainer stops uncommitted
        kafka.produce_sync(self.producer, self.settings.topic(DeadLetter.topic), message.key(),
                           self.codec.encode(letter))

    def maybe_schedule(self) -> None:
        if self.period is not None and time.time() - self.last_training_started >= self.period:
            request = RetrainRequest(
                request_id=uuid.uuid4().hex, trigger="schedule",
                reason=f"scheduled every {self.settings.retraining_schedule}")
            self.last_training_started = time.time()  # asked for; don't ask again meanwhile
            self.publish(request, request.request_id)

    def on_request(self, request: RetrainRequest) -> None:
        from retrainer.service import TrainingFailed, answer_for, run_training

        if request.request_id in self.answered:
            log.info("request %s was answered before (a replay); skipped", request.request_id)
            self.metrics.runs.labels("skipped").inc()
            return
        self.last_training_started = time.time()
        rated = self.store.rated_cards()
        self.metrics.examples.set(len(rated))
        log.info("training for request %s (%s): %d ratings", request.request_id,
                 request.reason, len(rated))

        def started(run_id: str) -> None:
            self.publish(ModelVersion(
                name=MODEL_NAME, version="-", uri="", action="training", run_id=run_id,
                actor="retrainer", request_id=request.request_id,
                reason=f"training on {len(rated)} ratings ({request.trigger}: {request.reason})"
            ), "-")

        started_at = time.monotonic()
        outcome = None
        try:
            # embedded MLflow keeps artifacts in the run folder; a server decides for itself
            artifacts = self.settings.artifact_root if self.tracking_uri.startswith("sqlite") \
                else None
            outcome = run_training(examples_from(rated), request, retrain_config(self.settings),
                                   self.tracking_uri, artifact_location=artifacts,
                                   on_start=started)
            answer = answer_for(request, outcome)
        except TrainingFailed as exc:
            log.error("training for %s failed: %s", request.request_id, exc)
            answer = answer_for(request, None, exc)
        self.metrics.runs.labels({"announced": "blessed"}.get(answer.action, answer.action)).inc()
        self.metrics.seconds.observe(time.monotonic() - started_at)
        self.publish(answer, answer.version)
        self.answered.append(request.request_id)
        self._save_state()
        if answer.action == "announced":
            self.metrics.to_announce.observe(
                (datetime.now(UTC) - request.requested_at).total_seconds())
        if outcome is not None and outcome.status != "insufficient_data" and outcome.run_id:
            self.store.mark_trained([r.feedback_id for r in rated], outcome.run_id)
        log.info("request %s: %s: %s", request.request_id, answer.action, answer.reason)

    def on_model_event(self, event: ModelVersion) -> None:
        from agents.rollout import ROUTING_ACTIONS
        from retrainer import registry

        if event.action in ROUTING_ACTIONS:
            self.metrics.changes.labels(event.action).inc()
        client = registry.client_for(self.tracking_uri)
        try:
            registry.record(client, event)
        except Exception:  # the registry is a record of what happened; the loop goes on
            log.exception("could not record %s of %s %s in MLflow", event.action, event.name,
                          event.version)

    def close(self) -> None:
        self.consumer.close()
        self.producer.flush(10)


def run_retrainer(settings: Settings, metrics_port: int) -> None:
    where = bootstrap.endpoints(settings)
    from agents.metrics import process_registry

    registry = process_registry()
    store = bootstrap.card_store(settings)
    retrainer = Retrainer(settings, where.bootstrap, where.tracking_uri, store, registry)

    def stop(signum: int, _frame: Any) -> None:
        retrainer.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if metrics_port:
        start_http_server(metrics_port, addr=settings.metrics_host, registry=registry)
    log.info("retrainer on %s, MLflow %s", where.bootstrap, where.tracking_uri)
    try:
        retrainer.run()
    finally:
        retrainer.close()
        store.close()
