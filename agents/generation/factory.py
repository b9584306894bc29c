"""``build_engine``: the one place that decides which engine serves uploads."""

from __future__ import annotations

from prometheus_client import CollectorRegistry

from agents.generation import typos
from agents.generation.llm import LlmEngine
from agents.generation.metrics import LlmMetrics
from agents.generation.nlp import DEFAULT_PIPELINES
from agents.generation.quality import Encoder
from agents.generation.rules import RuleEngine
from agents.generation.types import CardEngine, LlmSettings

_SHARED = object()  # "use the process's shared MiniLM encoder"


def build_engine(
    model_name: str | None,
    llm_settings: LlmSettings | None,
    registry: CollectorRegistry | None = None,
    *,
    model_version: str | None = None,
    encoder: Encoder | object | None = _SHARED,
    spacy_pipelines: tuple[str, ...] = DEFAULT_PIPELINES,
) -> CardEngine:
    """A RuleEngine when ``model_name`` is None, else an LlmEngine over that model (a local
    folder, a cached hub id, or a path the caller resolved from an MLflow URI) that falls
    back to a RuleEngine. Loads everything now; raises ModelLoadError when it cannot.

    ``registry`` receives the LLM metrics; None gives them a private registry (never the
    global one). ``encoder=None`` runs without MiniLM (word-overlap scoring)."""
    if encoder is _SHARED:
        from agents.encoder import shared_encoder

        encoder = shared_encoder()
    enc: Encoder | None = encoder  # type: ignore[assignment]
    typos.load()  # the word lists, here rather than in the first upload's generation
    rules = RuleEngine(enc, pipelines=spacy_pipelines)
    if model_name is None:
        return rules
    metrics = LlmMetrics(registry if registry is not None else CollectorRegistry())
    return LlmEngine(
        model_name,
        fallback=rules,
        settings=llm_settings,
        metrics=metrics,
        encoder=enc,
        model_version=model_version,
    )
