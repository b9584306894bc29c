"""Feedback → the per-version table, the card store, rollout decisions and retrain requests.

Events arrive in batches (``streams.batch_reader``, up to ``FEEDBACK_BATCH``): each event is
decoded, validated and dead-lettered on its own, while the card store gets one transaction and
the table one write per model version per batch. The feedback topic has one partition (see
streams.topics), so one worker owns the table and makes every rollout decision."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import defaultdict
from collections.abc import MutableMapping
from concurrent.futures import Executor
from typing import Any

from agents.deadletter import Source
from agents.exceptions import InvalidFeedback
from agents.models import ModelRouter
from agents.pipeline.base import Stage
from agents.rollout import BASELINE
from schemas.events import FEEDBACK_FLAGS, Feedback, RetrainRequest, stars
from streams.store import CardStore

LOOP_KEY = "__loop__"  # trigger state lives beside the per-version stats
WINDOW_S = 3600  # the time window the table also keeps, per hour
WINDOWS_KEPT = 24
STALE_TRAINING_S = 3600  # a request nobody answered for an hour no longer blocks the next


def empty_stats() -> dict[str, Any]:
    return {"count": 0, "sum_quality": 0.0, "flags": {}, "since_training": [0, 0.0], "windows": {}}


def validate(event: Feedback) -> None:
    if not 1 <= event.rating <= 5:
        raise InvalidFeedback(f"rating must be 1..5, got {event.rating}")
    unknown = [f for f in event.flags if f not in FEEDBACK_FLAGS]
    if unknown:
        raise InvalidFeedback(f"unknown flags {unknown}; use any of {list(FEEDBACK_FLAGS)}")


class FeedbackStage(Stage):
    name = "feedback"
    key_is = "card_id"

    def __init__(
        self,
        *,
        store: CardStore,
        table: MutableMapping[str, Any],
        router: ModelRouter,
        executor: Executor,
        retrain_topic: str,
        models_topic: str,
        feedback_threshold: int,
        quality_threshold: float,
        **base: Any,
    ) -> None:
        super().__init__(**base)
        self.store = store
        self.table = table
        self.router = router
        self.executor = executor
        self.retrain_topic = retrain_topic
        self.models_topic = models_topic
        self.feedback_threshold = feedback_threshold
        self.quality_threshold = quality_threshold

    async def handle_batch(self, sources: list[Source]) -> None:
        started = time.perf_counter()
        decoded: list[tuple[Source, Feedback]] = []
        for source in sources:
            card_id = None
            try:
                event = self.codec.decode(source.value, Feedback)
                card_id = event.card_id
                validate(event)
                decoded.append((source, event))
            except Exception as exc:
                await self.fail(exc, source, card_id=card_id)
        if not decoded:
            return
        loop = asyncio.get_running_loop()
        known = await loop.run_in_executor(
            self.executor, self.store.known_cards, [e.card_id for _, e in decoded]
        )
        # each accepted rating with the version that made its card (the event may not say)
        rated: list[tuple[Feedback, str]] = []
        fresh: list[tuple[Feedback, str, Source]] = []  # not yet in the table (see aggregate)
        for source, event in decoded:
            record = known.get(event.card_id)
            if record is None:
                await self.fail(
                    InvalidFeedback(f"unknown card {event.card_id}"),
                    source,
                    card_id=event.card_id,
                    upload_id=event.upload_id,
                )
                continue
            version = event.model_version or record.model_version or BASELINE
            rated.append((event, version))
            if source.offset > self.applied(version, source.partition):
                fresh.append((event, version, source))
        if rated:  # the store ignores a feedback id it has; the table needs telling
            await loop.run_in_executor(self.executor, self.store.add_feedback, rated)
        if fresh:
            self.aggregate(fresh)
            await self.decide([(e, v) for e, v, _ in fresh])
            await self.maybe_request_training()
        self.metrics.events.labels(self.name, "ok").inc(len(fresh))
        if len(rated) > len(fresh):
            self.metrics.events.labels(self.name, "replayed").inc(len(rated) - len(fresh))
        self.metrics.stage_seconds.labels(self.name).observe(time.perf_counter() - started)

    def applied(self, version: str, partition: int) -> int:
        """The last feedback offset of ``partition`` counted in ``version``'s stats (-1: none).

        The reader is at-least-once: a crash after a batch's table writes but before its
        position is durable replays the batch. Each version's stats carry the offsets they
        have counted, in the same write, so a replayed rating is stored (idempotently) but
        never counted twice."""
        through = (self.table.get(version) or {}).get("through") or {}
        return int(through.get(str(partition), -1))

    def aggregate(self, rated: list[tuple[Feedback, str, Source]],
                  now: float | None = None) -> None:
        now = time.time() if now is None else now
        by_version: dict[str, list[Feedback]] = defaultdict(list)
        through: dict[str, dict[str, int]] = defaultdict(dict)
        for event, version, source in rated:
            by_version[version].append(event)
            at = through[version]
            at[str(source.partition)] = max(source.offset, at.get(str(source.partition), -1))
        window = str(int(now // WINDOW_S * WINDOW_S))
        for version, batch in by_version.items():
            stats = dict(self.table.get(version) or empty_stats())
            stats["through"] = {**(stats.get("through") or {}), **through[version]}
            qualities = [e.quality for e in batch]
            stats["count"] += len(batch)
            stats["sum_quality"] += sum(qualities)
            flags = dict(stats["flags"])
            for event in batch:
                for flag in event.flags:
                    flags[flag] = flags.get(flag, 0) + 1
            stats["flags"] = flags
            since = stats["since_training"]
            stats["since_training"] = [since[0] + len(batch), since[1] + sum(qualities)]
            windows = dict(stats["windows"])
            count, total = windows.get(window, [0, 0.0])
            windows[window] = [count + len(batch), total + sum(qualities)]
            stats["windows"] = dict(sorted(windows.items())[-WINDOWS_KEPT:])
            self.table[version] = stats  # one write per version per batch

    async def decide(self, rated: list[tuple[Feedback, str]]) -> None:
        event = self.router.observe([(version, e.quality) for e, version in rated])
        if event is not None:
            await self.send(self.models_topic, event.version, self.codec.encode(event))

    def since_training(self, champion: str) -> tuple[int, float | None]:
        """Ratings of the champion's cards since the last training request, and their mean
        quality: the trigger judges the model in service. A challenger's ratings are its
        rollout's evidence, and they count once it is promoted."""
        stats = self.table.get(champion)
        if not stats:
            return 0, None
        count, total = stats["since_training"]
        return count, (total / count if count else None)

    async def maybe_request_training(self, now: float | None = None) -> RetrainRequest | None:
        now = time.time() if now is None else now
        loop_state = dict(self.table.get(LOOP_KEY) or {})
        pending = loop_state.get("pending_since")
        # matched by request id: the retrainer's answer names the request it answers
        answered = self.router.is_answered(loop_state.get("request_id") or "")
        if pending is not None and not answered and now - pending < STALE_TRAINING_S:
            return None  # one training at a time: the last request has no answer yet
        champion, challenger, _percent = self.router.versions()
        if challenger is not None:
            # one experiment at a time: a challenger in rollout is still being judged, and a
            # new announcement would replace it before its evidence is in
            return None
        count, mean = self.since_training(champion)
        if count < self.feedback_threshold or mean is None or mean >= self.quality_threshold:
            return None
        request = RetrainRequest(
            request_id=uuid.uuid4().hex,
            trigger="threshold",
            reason=(
                f"{count} ratings since the last training, mean {stars(mean):.2f} stars "
                f"(internal quality {mean:.2f} < {self.quality_threshold:.2f})"
            ),
            feedback_count=count,
            mean_quality=mean,
            model_version=champion,
        )
        await self.send(self.retrain_topic, request.request_id, self.codec.encode(request))
        # "since the last training" starts again now; the next request needs fresh evidence
        for key in list(self.table.keys()):
            if key != LOOP_KEY:
                stats = dict(self.table[key])
                stats["since_training"] = [0, 0.0]
                self.table[key] = stats
        self.table[LOOP_KEY] = {
            **loop_state,
            "pending_since": now,
            "request_id": request.request_id,
        }
        return request
