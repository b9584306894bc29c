"""Pipeline-wide Prometheus metrics, on an explicit registry; labels are bounded enums."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

STAGES = ("ocr", "generate", "feedback", "models")
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300)


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

    def dead_lettered(self, stage: str, error_type: str) -> None:
        # error_type is an exception class name: bounded by our own error tree
        self.dead_letters.labels(stage, error_type).inc()
        self.events.labels(stage, "dead_letter").inc()
