"""The card generation engine: pure, no Kafka. Text in, scored and selected cards out.

build_engine(model_name, llm_settings, registry)  → CardEngine
RuleEngine   templates over the document's sentences and terms (the default)
LlmEngine    a transformers seq2seq or causal model, falling back to a RuleEngine per upload
QualityScorer  scores, filters, de-duplicates and selects for both engines
"""

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
