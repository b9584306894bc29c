"""Prometheus metrics of the LLM engine, on a registry the composition root passes in."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

FALLBACK_REASONS = ("empty", "malformed", "error")  # bounded label values
STATUSES = ("ok", "fallback", "rejected")


class LlmMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "llm_requests_total",
            "Uploads the LLM engine handled, by outcome (ok | fallback | rejected).",
            ["status"],
            registry=registry,
        )
        self.duration = Histogram(
            "llm_generation_duration_seconds",
            "Wall time of one upload's model generation.",
            buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=registry,
        )
        self.active = Gauge(
            "llm_active_requests", "Uploads being generated right now.", registry=registry
        )
        self.quality = Histogram(
            "llm_quality_score",
            "Quality score of each card the LLM engine returned.",
            buckets=tuple(i / 10 for i in range(1, 11)),
            registry=registry,
        )
        self.fallbacks = Counter(
            "llm_fallbacks_total",
            "Uploads handed to the fallback engine, by reason (empty | malformed | error).",
            ["reason"],
            registry=registry,
        )
