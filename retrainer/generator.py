"""Optional: fine-tune a generative card model on the cards users liked or corrected.

Targets are the training split's cards rated at least ``min_rating`` and every correction,
written in the LlmEngine's own prompt format (``agents.generation.prompts``) so the engine
parses the fine-tuned model's output unchanged. A causal model learns the target after the
prompt (no loss on the prompt); a seq2seq model maps prompt → target.

It is registered as its own model (``cardstream-generator``) in the scorer's run, and becomes
the challenger only when its loss on the validation split's liked cards went down.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import torch

from retrainer import registry
from retrainer.config import GeneratorConfig, RetrainConfig
from retrainer.dataset import Item, TrainingSet
from retrainer.exceptions import TrainingError

log = logging.getLogger(__name__)

GENERATOR_ARTIFACT = "generator"


def generator_pairs(items: list[Item], cfg: GeneratorConfig) -> list[tuple[str, str]]:
    from agents.generation.prompts import build_prompt, target_text

    return [
        (build_prompt(item.source, item.card.type, item.card.difficulty, None,
                      item.card.language or "en"),
         target_text(item.card.question, item.card.answer))
        for item in items
        if item.corrected or item.rating >= cfg.min_rating
    ]


def finetune_generator(client: Any, run_id: str, data: TrainingSet,
                       config: RetrainConfig) -> str | None:
    """Fine-tune ``config.generator_path``; returns the registered version, or None when there
    is too little to learn from or the validation loss did not improve."""
    cfg = config.generator
    train_pairs = generator_pairs(data.train, cfg)
    val_pairs = generator_pairs(data.validation, cfg) or train_pairs[:cfg.batch_size]
    if len(train_pairs) < cfg.min_examples:
        log.info("generator: %d liked cards, need %d: skipped", len(train_pairs), cfg.min_examples)
        registry.log_values(client, run_id, tags={"generator": "skipped: too few liked cards"})
        return None
    assert config.generator_path is not None
    with tempfile.TemporaryDirectory(prefix="cardstream-generator-") as tmp:
        folder = Path(tmp) / "model"
        shutil.copytree(config.generator_path, folder)
        metrics = _finetune(folder, train_pairs, val_pairs, cfg, config.train.seed)
        registry.log_values(client, run_id, metrics=metrics)
        registry.log_folder(client, run_id, folder, GENERATOR_ARTIFACT)
    improved = metrics["gen_val_loss_after"] < metrics["gen_val_loss_before"]
    registry.log_values(client, run_id, tags={"generator_improved": str(improved).lower()})
    if not improved:
        return None
    version = registry.register(
        client, cfg.registered_name, run_id, GENERATOR_ARTIFACT,
        tags={"base": str(config.generator_path), "examples": str(len(train_pairs))},
        description="fine-tuned on well-rated and corrected cards",
    )
    registry.announce(client, cfg.registered_name, version, config.rollout_percent)
    return version


def _finetune(folder: Path, train_pairs: list[tuple[str, str]],
              val_pairs: list[tuple[str, str]], cfg: GeneratorConfig,
              seed: int) -> dict[str, float]:
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    t0 = time.monotonic()
    torch.manual_seed(seed)
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        seq2seq = bool(AutoConfig.from_pretrained(folder, local_files_only=True).is_encoder_decoder)
        cls = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
        model = cls.from_pretrained(folder, local_files_only=True, use_safetensors=True)
    except (OSError, ValueError) as exc:
        raise TrainingError(f"cannot load the generator from {folder}: {exc}") from exc
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate)
    before = _val_loss(model, tokenizer, val_pairs, cfg, seq2seq)
    losses = []
    for step in range(cfg.steps):
        batch = [train_pairs[(step * cfg.batch_size + i) % len(train_pairs)]
                 for i in range(cfg.batch_size)]
        model.train()
        loss = _loss(model, tokenizer, batch, cfg, seq2seq)
        if not torch.isfinite(loss):
            raise TrainingError(f"generator loss is not finite at step {step}")
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
    after = _val_loss(model, tokenizer, val_pairs, cfg, seq2seq)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return {"gen_first_loss": losses[0], "gen_last_loss": losses[-1],
            "gen_val_loss_before": before, "gen_val_loss_after": after,
            "gen_examples": float(len(train_pairs)), "gen_seconds": time.monotonic() - t0}


def _loss(model: Any, tokenizer: Any, batch: list[tuple[str, str]], cfg: GeneratorConfig,
          seq2seq: bool) -> torch.Tensor:
    eos = tokenizer.eos_token or ""
    if seq2seq:
        enc = tokenizer([p for p, _ in batch], return_tensors="pt", padding=True,
                        truncation=True, max_length=cfg.max_length)
        labels = tokenizer([t + eos for _, t in batch], return_tensors="pt", padding=True,
                           truncation=True, max_length=cfg.max_length)
        label_ids = labels["input_ids"].masked_fill(labels["attention_mask"] == 0, -100)
    else:
        tokenizer.padding_side = "right"
        enc = tokenizer([p + t + eos for p, t in batch], return_tensors="pt", padding=True,
                        truncation=True, max_length=cfg.max_length)
        label_ids = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        for row, (prompt, _) in enumerate(batch):  # learn the card, not the prompt
            label_ids[row, : len(tokenizer(prompt)["input_ids"])] = -100
    enc.pop("token_type_ids", None)
    return model(**enc, labels=label_ids).loss


@torch.inference_mode()
def _val_loss(model: Any, tokenizer: Any, pairs: list[tuple[str, str]], cfg: GeneratorConfig,
              seq2seq: bool) -> float:
    model.eval()
    losses = [
        _loss(model, tokenizer, pairs[i : i + cfg.batch_size], cfg, seq2seq).item()
        for i in range(0, len(pairs), cfg.batch_size)
    ]
    return sum(losses) / len(losses)
