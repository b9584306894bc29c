"""The card generation engine: pure, no Kafka. Text in, scored and selected cards out.

build_engine(model_name, llm_settings, registry)  → CardEngine
RuleEngine   templates over the document's sentences and terms (the default)
LlmEngine    a transformers seq2seq or causal model, falling back to a RuleEngine per upload
QualityScorer  scores, filters, de-duplicates and selects for both engines
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agents.generation.factory import build_engine
    from agents.generation.llm import LlmEngine
    from agents.generation.metrics import LlmMetrics
    from agents.generation.quality import QualityScorer
    from agents.generation.rules import RuleEngine
    from agents.generation.types import (
        CardEngine,
        CardRater,
        GenerationRequest,
        GenerationResult,
        LlmSettings,
    )

# Loaded on first use (PEP 562): the engines pull in spaCy and torch (seconds), and importing
# ``agents.generation.types`` for its protocols must not pay for them. A worker starts
# consuming while its engine loads; `cardstream up` is ready that much sooner.
_HOMES = {
    "build_engine": "factory", "LlmEngine": "llm", "LlmMetrics": "metrics",
    "QualityScorer": "quality", "RuleEngine": "rules", "CardEngine": "types",
    "CardRater": "types", "GenerationRequest": "types", "GenerationResult": "types",
    "LlmSettings": "types",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"agents.generation.{home}"), name)


__all__ = [
    "CardEngine",
    "CardRater",
    "GenerationRequest",
    "GenerationResult",
    "LlmEngine",
    "LlmMetrics",
    "LlmSettings",
    "QualityScorer",
    "RuleEngine",
    "build_engine",
]
