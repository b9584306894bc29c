"""The retrainer's configuration: flat, commented, frozen; saved as JSON with every model."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from agents.scoring.model import ScorerConfig
from retrainer.dataset import DataConfig


@dataclass(frozen=True)
class TrainConfig:
    """One training trial."""

    learning_rate: float = 5e-5  # peak lr of the encoder; set per trial by the search
    epochs: int = 3
    batch_size: int = 16
    weight_decay: float = 0.01  # not on biases and LayerNorm weights
    warmup_fraction: float = 0.1  # linear warmup over this share of the steps, then cosine
    min_lr_fraction: float = 0.1  # cosine decays to lr * this
    head_lr_multiplier: float = 20.0  # the head starts random: it needs bigger steps
    grad_clip: float = 1.0
    # the top layers of the 6 are fine-tuned, embeddings and lower layers stay frozen: half the
    # cost of a step on 2 CPU cores, and a few hundred ratings cannot improve lexical features
    trainable_layers: int = 3
    patience: int = 1  # evaluations (one per epoch) without improvement before stopping
    seed: int = 1337
    num_threads: int = 2  # torch intra-op threads: the retrainer runs next to the workers
    log_interval: int = 10  # steps


@dataclass(frozen=True)
class SearchConfig:
    """The hyperparameter search: one trial per learning rate, each evaluated every epoch, so
    every (lr, epochs <= max_epochs) pair is a candidate and the lowest validation MSE wins."""

    learning_rates: tuple[float, ...] = (2e-5, 5e-5, 1e-4)
    max_epochs: int = 3
    max_seconds: float = 210.0  # no new trial starts after this; the announcement budget is 5 min


@dataclass(frozen=True)
class GateConfig:
    """When a challenger is blessed (documented in ``retrainer.gate``)."""

    mse_margin: float = 0.01  # relative: validation MSE at least 1 % below the reference's
    # stars: selected-card rating at most this much below. The offline top-k is a few dozen
    # cards (standard error ~0.2 stars), so a tighter tolerance mostly rejects on noise; the
    # staged rollout on live feedback is the second line of defence.
    rating_tolerance: float = 0.1
    top_k: int = 3  # cards kept per upload for the selected-card rating


@dataclass(frozen=True)
class GeneratorConfig:
    """The optional fine-tune of a generative model on well-rated and corrected cards."""

    min_rating: float = 4.0  # cards rated at least this (and all corrections) are targets
    steps: int = 30
    learning_rate: float = 5e-4
    batch_size: int = 8
    max_length: int = 128
    min_examples: int = 8
    registered_name: str = "cardstream-generator"


@dataclass(frozen=True)
class RetrainConfig:
    data: DataConfig = field(default_factory=DataConfig)
    scorer: ScorerConfig = field(default_factory=ScorerConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    gate: GateConfig = field(default_factory=GateConfig)
    generator: GeneratorConfig = field(default_factory=GeneratorConfig)
    generator_path: str | None = None  # a causal/seq2seq model folder to fine-tune as well
    experiment: str = "cardstream-retrainer"
    rollout_percent: int = 10  # where an announced challenger starts

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def flat(self) -> dict[str, str]:
        """``section.key -> value`` strings, for MLflow params."""
        return {
            f"{section}.{key}" if isinstance(values, dict) else section: str(value)
            for section, values in self.to_dict().items()
            for key, value in (values.items() if isinstance(values, dict) else [(section, values)])
        }
