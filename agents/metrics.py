"""Pipeline-wide Prometheus metrics, on an explicit registry; labels are bounded enums.

``process_registry`` is the registry every process starts from: the default process, GC and
platform collectors (CPU, memory, open files, GC passes) registered on it explicitly, since our
registries are not prometheus_client's global one.
"""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

from schemas.events import CARD_TYPES

STAGES = ("ocr", "generate", "feedback", "models")
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300)


def process_registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    GCCollector(registry=registry)
    PlatformCollector(registry=registry)
    return registry


class PipelineMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.events = Counter(
            "cardstream_events_total", "Events handled per stage and outcome",
            ["stage", "status"], registry=registry,
        )
        self.dead_letters = Counter(
            "cardstream_dead_letters_total", "Events sent to the dead-letter topic",
            ["stage", "error_type"], registry=registry,
        )
        self.stage_seconds = Histogram(
            "cardstream_stage_duration_seconds", "Time one event spends in a stage",
            ["stage"], buckets=LATENCY_BUCKETS, registry=registry,
        )
        self.upload_seconds = Histogram(
            "cardstream_upload_to_cards_seconds", "From upload submitted to cards produced",
            buckets=LATENCY_BUCKETS, registry=registry,
        )
        self.cards = Counter(
            "cardstream_cards_total", "Cards produced, by type", ["type"], registry=registry,
        )
        self.feedback_lag = Gauge(
            "cardstream_feedback_consumer_lag_messages",
            "Feedback events on the topic not yet read by this worker (high watermark minus "
            "the next offset, after each batch)", registry=registry,
        )
        # every series exists from the start at zero: a panel or a rate() over an idle stage
        # reads 0, not "no data", and the first event is counted by rate() too
        for stage in STAGES[:3]:
            for status in ("ok", "dead_letter"):
                self.events.labels(stage, status)
        for card_type in CARD_TYPES:
            self.cards.labels(card_type)

    def dead_lettered(self, stage: str, error_type: str) -> None:
        # error_type is an exception class name: bounded by our own error tree
        self.dead_letters.labels(stage, error_type).inc()
        self.events.labels(stage, "dead_letter").inc()


class MeteredEngine:
    """Any card engine, measured with the seed's ``llm_*`` metrics (agents.generation.metrics).

    The LLM engine records them itself; the rule engine (the default) did not, which left the
    generator's panels and the generation-hung alert idle. This wraps an engine that does not
    measure itself, so the metrics describe the generator whatever the engine is.
    """

    def __init__(self, engine: Any, metrics: Any) -> None:
        from agents.generation.metrics import FALLBACK_REASONS

        self.engine = engine
        self.metrics = metrics
        for status in ("ok", "rejected", "error"):
            metrics.requests.labels(status=status)
        for reason in FALLBACK_REASONS:  # a rule engine never falls back: zero, not missing
            metrics.fallbacks.labels(reason=reason)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def generate(self, request: Any, rater: Any = None) -> Any:
        from agents.exceptions import InputError

        metrics = self.metrics
        metrics.active.inc()
        started = time.perf_counter()
        try:
            result = self.engine.generate(request, rater)
        except InputError:
            metrics.requests.labels(status="rejected").inc()
            raise
        except Exception:
            metrics.requests.labels(status="error").inc()
            raise
        finally:
            metrics.active.dec()
            metrics.duration.observe(time.perf_counter() - started)
        metrics.requests.labels(status="ok").inc()
        for card in result.cards:
            metrics.quality.observe(card.quality_score)
        return result
