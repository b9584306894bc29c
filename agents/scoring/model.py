"""The scorer network and its pickle-free folder format.

A folder holds::

    scorer.json          format tag, ScorerConfig, name, version and free metadata
    head.safetensors     the regression head (and the wide path over card features)
    encoder/             the fine-tuned encoder and its tokenizer (save_pretrained: safetensors)

Only safetensors and JSON are read back, so loading a folder can never execute code.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

import torch
from torch import nn

from agents.encoder import encoder_path, mean_pool, transformers_names
from agents.exceptions import ModelLoadError
from agents.scoring import features as card_features
from agents.scoring.text import encode_pairs
from schemas.events import Card

FORMAT = "cardstream-quality-scorer/1"
CONFIG_FILE = "scorer.json"
HEAD_FILE = "head.safetensors"
ENCODER_DIR = "encoder"


@dataclass(frozen=True)
class ScorerConfig:
    max_length: int = 128  # card + source word pieces; source sentences rarely need more
    hidden: int = 128  # width of the head's one hidden layer
    dropout: float = 0.1
    prior: float = 0.5  # mean training quality: the head starts by predicting it
    # "segments": the answer's and the prompt's tokens are pooled apart and the head sees
    # [answer, prompt, answer * prompt, log lengths of both]: a mean forgets how many tokens
    # it averaged, and an answer's length is much of its quality.
    # "mean": one mean over the whole pair (sentence-transformers' pooling).
    pooling: Literal["segments", "mean"] = "segments"
    # surface features of the card (``agents.scoring.features``) beside the encoder: "" for none
    features: str = card_features.FEATURE_SET
    ridge: float = 1.0  # L2 strength of the wide path's closed-form start


class QualityModel(nn.Module):
    """Wide and deep: sigmoid(deep + wide), predicted quality 0..1.

    deep  encoder → pooling (+ card features) → Linear-GELU-Dropout-Linear
    wide  Linear over the card features (absent when ``config.features`` is "")
    """

    def __init__(self, encoder: Any, tokenizer: Any, config: ScorerConfig) -> None:
        super().__init__()
        self.encoder: Any = encoder  # a transformers PreTrainedModel (BertModel for MiniLM)
        self.tokenizer = tokenizer
        self.config = config
        hidden = int(encoder.config.hidden_size)
        if config.features not in ("", card_features.FEATURE_SET):
            raise ModelLoadError(f"unknown card feature set {config.features!r}")
        n_features = len(card_features.NAMES) if config.features else 0
        width = (3 * hidden + 2 if config.pooling == "segments" else hidden) + n_features
        out = nn.Linear(config.hidden, 1)
        # start at the prior instead of 0.5: the first steps then learn the signal, not the mean
        prior = min(max(config.prior, 1e-3), 1 - 1e-3)
        with torch.no_grad():
            out.bias.fill_(math.log(prior / (1 - prior)))
        self.head = nn.Sequential(
            nn.Linear(width, config.hidden), nn.GELU(), nn.Dropout(config.dropout), out
        )
        self.wide: nn.Linear | None = nn.Linear(n_features, 1) if n_features else None
        if self.wide is not None:
            with torch.no_grad():
                self.wide.weight.zero_()
                self.wide.bias.zero_()

    @classmethod
    def from_encoder(cls, config: ScorerConfig, path: Path | None = None) -> QualityModel:
        """A fresh head on the pretrained all-MiniLM-L6-v2 (or another encoder folder)."""
        encoder, tokenizer = _load_encoder(path or encoder_path())
        return cls(encoder, tokenizer, config)

    def train_top_layers(self, n: int) -> None:
        """Fine-tune only the top ``n`` transformer layers (and the head); freeze the rest.

        Gradients then stop at the lowest trainable layer, which roughly halves a CPU training
        step for n=3 of MiniLM's 6 layers. ``n`` at or above the depth trains everything.
        """
        layers = getattr(getattr(self.encoder, "encoder", None), "layer", None)
        if layers is None or n >= len(layers):
            self.encoder.requires_grad_(True)
            return
        self.encoder.requires_grad_(False)
        for layer in list(layers)[len(layers) - n :]:
            layer.requires_grad_(True)

    @torch.no_grad()
    def fit_wide(self, sources: list[str], cards: list[Card], qualities: list[float]) -> None:
        """Start the wide path at the ridge fit of the ratings' logits on the card features, and
        the deep head at zero output: training then begins from a linear model of the users'
        taste instead of from their mean. Needs a few dozen ratings, not thousands."""
        if self.wide is None or not cards:
            return
        x = card_features.feature_matrix(sources, cards).double()
        q = torch.tensor(qualities, dtype=torch.float64).clamp(0.05, 0.95)
        y = torch.log(q / (1 - q))
        mean_x, mean_y = x.mean(0), y.mean()
        xc = x - mean_x
        gram = xc.T @ xc + self.config.ridge * torch.eye(x.shape[1], dtype=torch.float64)
        weight = torch.linalg.solve(gram, xc.T @ (y - mean_y))
        self.wide.weight.copy_(weight.unsqueeze(0).float())
        self.wide.bias.fill_(float(mean_y - mean_x @ weight))
        out = self.head[-1]
        assert isinstance(out, nn.Linear)
        out.weight.zero_()
        out.bias.zero_()

    def forward(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        features = batch.get("features")
        inputs = {k: v for k, v in batch.items() if k != "features"}
        hidden = self.encoder(**inputs).last_hidden_state
        mask = batch["attention_mask"]
        if self.config.pooling == "segments":
            # pair encoding marks the answer side with token type 0 and the prompt side with 1
            second = batch["token_type_ids"] == 1
            answer_mask, prompt_mask = mask * ~second, mask * second
            answer = mean_pool(hidden, answer_mask)
            prompt = mean_pool(hidden, prompt_mask)
            lengths = torch.stack([answer_mask.sum(1), prompt_mask.sum(1)], dim=-1)
            pooled = torch.cat(
                [answer, prompt, answer * prompt, torch.log1p(lengths.to(hidden.dtype)) / 5],
                dim=-1,
            )
        else:
            pooled = mean_pool(hidden, mask)
        if self.wide is None:
            return torch.sigmoid(self.head(pooled).squeeze(-1))
        if features is None:
            raise ValueError("this scorer needs card features: build batches with encode()")
        deep = self.head(torch.cat([pooled, features.to(pooled.dtype)], dim=-1))
        return torch.sigmoid((deep + self.wide(features)).squeeze(-1))

    def encode(self, sources: list[str], cards: list[Card]) -> dict[str, torch.Tensor]:
        batch = dict(encode_pairs(self.tokenizer, sources, cards, self.config.max_length))
        if self.wide is not None:
            batch["features"] = card_features.feature_matrix(sources, cards)
        return batch

    @torch.inference_mode()
    def predict(self, sources: list[str], cards: list[Card], batch_size: int = 32) -> list[float]:
        """Predicted qualities in eval mode; the caller restores train mode if it trains."""
        self.eval()
        out: list[float] = []
        for start in range(0, len(cards), batch_size):
            end = start + batch_size
            batch = self.encode(sources[start:end], cards[start:end])
            out.extend(self(batch).tolist())
        return out

    def save(self, folder: Path, meta: dict[str, Any] | None = None) -> Path:
        from safetensors.torch import save_file

        folder.mkdir(parents=True, exist_ok=True)
        self.encoder.save_pretrained(folder / ENCODER_DIR)
        self.tokenizer.save_pretrained(folder / ENCODER_DIR)
        head = {key: value.detach().contiguous() for key, value in self.head.state_dict().items()}
        if self.wide is not None:
            head.update({f"wide.{k}": v.detach().contiguous()
                         for k, v in self.wide.state_dict().items()})
        save_file(head, str(folder / HEAD_FILE))
        doc = {"format": FORMAT, "config": asdict(self.config), **(meta or {})}
        (folder / CONFIG_FILE).write_text(json.dumps(doc, indent=2, sort_keys=True))
        return folder

    @classmethod
    def load(cls, folder: Path) -> tuple[QualityModel, dict[str, Any]]:
        """The model and the rest of ``scorer.json`` (name, version, metadata)."""
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            doc = json.loads((folder / CONFIG_FILE).read_text())
        except (OSError, ValueError) as exc:
            raise ModelLoadError(f"{folder} is not a scorer folder: {exc}") from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ModelLoadError(f"{folder / CONFIG_FILE} is not in format {FORMAT}")
        known = {f.name for f in fields(ScorerConfig)}
        # a folder from before card features existed has no "features" key: it used none
        saved = {"features": "", **doc.get("config", {})}
        config = ScorerConfig(**{k: v for k, v in saved.items() if k in known})
        encoder, tokenizer = _load_encoder(folder / ENCODER_DIR)
        model = cls(encoder, tokenizer, config)
        try:
            tensors = load_file(str(folder / HEAD_FILE))
            model.head.load_state_dict({k: v for k, v in tensors.items()
                                        if not k.startswith("wide.")})
            if model.wide is not None:
                model.wide.load_state_dict({k.removeprefix("wide."): v
                                            for k, v in tensors.items() if k.startswith("wide.")})
        except (OSError, SafetensorError, RuntimeError) as exc:
            raise ModelLoadError(f"cannot load the scorer head from {folder}: {exc}") from exc
        model.eval()
        return model, doc


def _load_encoder(path: Path) -> tuple[Any, Any]:
    AutoModel, AutoTokenizer = transformers_names("AutoModel", "AutoTokenizer")
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        encoder = AutoModel.from_pretrained(path, local_files_only=True, use_safetensors=True)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot load the scorer encoder from {path}: {exc}") from exc
    return encoder, tokenizer
