"""Fine-tuning the quality scorer: one readable loop, and a small search over learning rates.

The loop has nanoGPT's shape: set the lr → evaluate and keep the best weights → step → log →
stop. Validation runs before the first step and at every epoch boundary; training stops early
when validation MSE has not improved for ``patience`` evaluations, and the best weights seen are
the ones returned. Everything runs on CPU with ``num_threads`` torch threads.
"""

from __future__ import annotations

import logging
import math
import random
import time
from dataclasses import dataclass, field, replace
from typing import Any

import torch

from agents.scoring.model import QualityModel, ScorerConfig
from retrainer.config import RetrainConfig, TrainConfig
from retrainer.dataset import Item
from retrainer.exceptions import TrainingError

log = logging.getLogger(__name__)


@dataclass
class TrialResult:
    config: TrainConfig
    best_val_loss: float
    best_epoch: int  # 0 means no epoch beat the untrained head
    history: list[dict[str, float]]  # one row per evaluation
    steps: int
    seconds: float


@dataclass
class SearchResult:
    model: QualityModel  # the best trial's model, at its best epoch
    best: TrialResult
    trials: list[TrialResult] = field(default_factory=list)
    seconds: float = 0.0


def get_lr(it: int, max_iters: int, cfg: TrainConfig) -> float:
    """Linear warmup, then cosine decay to ``min_lr_fraction`` of the peak."""
    warmup = max(1, int(cfg.warmup_fraction * max_iters))
    if it < warmup:
        return cfg.learning_rate * (it + 1) / warmup
    progress = min(1.0, (it - warmup) / max(1, max_iters - warmup))
    coeff = 0.5 * (1.0 + math.cos(math.pi * progress))  # 1 → 0
    min_lr = cfg.learning_rate * cfg.min_lr_fraction
    return min_lr + coeff * (cfg.learning_rate - min_lr)


def train(model: QualityModel, train_items: list[Item], val_items: list[Item],
          cfg: TrainConfig, deadline: float = math.inf) -> TrialResult:
    t0 = time.monotonic()
    rng = random.Random(cfg.seed)  # the order of batches; the model's init was seeded earlier
    steps_per_epoch = math.ceil(len(train_items) / cfg.batch_size)
    max_iters = cfg.epochs * steps_per_epoch
    optimizer = configure_optimizer(model, cfg)

    iter_num, order = 0, list(range(len(train_items)))
    best_val, best_epoch, best_state, bad_evals = math.inf, 0, snapshot(model), 0
    history: list[dict[str, float]] = []
    epoch_losses: list[float] = []
    while True:
        # determine and set the learning rate for this iteration
        lr = get_lr(iter_num, max_iters, cfg)
        for group in optimizer.param_groups:
            group["lr"] = lr * group["lr_scale"]

        # evaluate at every epoch boundary and keep the best weights in memory
        if iter_num % steps_per_epoch == 0:
            epoch = iter_num // steps_per_epoch
            val_loss = evaluate_loss(model, val_items, cfg.batch_size * 4)
            train_loss = sum(epoch_losses) / len(epoch_losses) if epoch_losses else math.nan
            history.append({"epoch": epoch, "step": iter_num, "train_loss": train_loss,
                            "val_loss": val_loss, "lr": lr})
            log.info("epoch %d step %d: train %.4f val %.4f", epoch, iter_num, train_loss, val_loss)
            if val_loss < best_val:
                best_val, best_epoch, best_state, bad_evals = val_loss, epoch, snapshot(model), 0
            elif epoch > 0:
                bad_evals += 1
            if bad_evals >= cfg.patience:
                break  # early stopping: validation stopped improving
            if time.monotonic() > deadline:
                log.warning("time budget spent: stopping after epoch %d", epoch)
                break
            epoch_losses = []
            rng.shuffle(order)  # a new order for the epoch that starts here
        if iter_num >= max_iters:
            break

        # forward, backward, update
        start = (iter_num % steps_per_epoch) * cfg.batch_size
        batch_items = [train_items[i] for i in order[start : start + cfg.batch_size]]
        model.train()
        batch = model.encode([item.source for item in batch_items],
                             [item.card for item in batch_items])
        target = torch.tensor([item.quality for item in batch_items], dtype=torch.float32)
        loss = torch.nn.functional.mse_loss(model(batch), target)
        if not torch.isfinite(loss):
            raise TrainingError(f"non-finite loss at step {iter_num} (lr {lr:.2e})")
        loss.backward()
        if cfg.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

        # log
        epoch_losses.append(loss.item())
        if iter_num % cfg.log_interval == 0:
            log.debug("step %d: loss %.4f lr %.2e", iter_num, epoch_losses[-1], lr)
        iter_num += 1

    model.load_state_dict(best_state)
    model.eval()
    return TrialResult(config=cfg, best_val_loss=best_val, best_epoch=best_epoch,
                       history=history, steps=iter_num, seconds=time.monotonic() - t0)


def search(train_items: list[Item], val_items: list[Item], config: RetrainConfig) -> SearchResult:
    """One trial per learning rate (each up to ``max_epochs``, evaluated every epoch); the
    trial and epoch with the lowest validation MSE win. Trials stop starting after
    ``max_seconds``, and a running trial stops at its next evaluation after it, so a
    retraining fits the announcement budget even on a busy machine."""
    if not config.search.learning_rates:
        raise TrainingError("the search has no learning rates")
    t0 = time.monotonic()
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(config.train.num_threads)
    prior = sum(item.quality for item in train_items) / len(train_items)
    scorer_cfg: ScorerConfig = replace(config.scorer, prior=prior)
    deadline = t0 + config.search.max_seconds
    best: tuple[TrialResult, QualityModel] | None = None
    trials: list[TrialResult] = []
    try:
        for lr in config.search.learning_rates:
            if trials and time.monotonic() > deadline:
                log.warning("search budget of %.0fs spent: skipping lr %.1e",
                            config.search.max_seconds, lr)
                continue
            cfg = replace(config.train, learning_rate=lr, epochs=config.search.max_epochs)
            torch.manual_seed(cfg.seed)  # every trial starts from the same head
            model = QualityModel.from_encoder(scorer_cfg)
            model.fit_wide([i.source for i in train_items], [i.card for i in train_items],
                           [i.quality for i in train_items])
            model.train_top_layers(cfg.trainable_layers)
            trial = train(model, train_items, val_items, cfg, deadline)
            trials.append(trial)
            log.info("lr %.1e: best val %.4f at epoch %d in %.1fs", lr, trial.best_val_loss,
                     trial.best_epoch, trial.seconds)
            if best is None or trial.best_val_loss < best[0].best_val_loss:
                best = (trial, model)
    finally:
        torch.set_num_threads(previous_threads)
    assert best is not None
    return SearchResult(model=best[1], best=best[0], trials=trials,
                        seconds=time.monotonic() - t0)


def configure_optimizer(model: QualityModel, cfg: TrainConfig) -> torch.optim.AdamW:
    """AdamW; no weight decay on biases and LayerNorm weights (the 1-d parameters), and a larger
    lr for the randomly initialised head than for the pretrained encoder."""
    groups: list[dict[str, Any]] = []
    head = list(model.head.parameters()) + list(model.wide.parameters() if model.wide else [])
    for part, scale in ((list(model.encoder.parameters()), 1.0), (head, cfg.head_lr_multiplier)):
        params = [p for p in part if p.requires_grad]
        groups.append({"params": [p for p in params if p.dim() >= 2],
                       "weight_decay": cfg.weight_decay, "lr_scale": scale})
        groups.append({"params": [p for p in params if p.dim() < 2],
                       "weight_decay": 0.0, "lr_scale": scale})
    return torch.optim.AdamW(groups, lr=cfg.learning_rate)


@torch.inference_mode()
def evaluate_loss(model: QualityModel, items: list[Item], batch_size: int) -> float:
    predictions = model.predict([item.source for item in items], [item.card for item in items],
                                batch_size)
    return sum((p - item.quality) ** 2 for p, item in zip(predictions, items, strict=True)) / len(
        items
    )


def snapshot(model: QualityModel) -> dict[str, torch.Tensor]:
    """A copy of the weights in memory (about 90 MB): cheaper than writing a checkpoint."""
    return {key: value.detach().clone() for key, value in model.state_dict().items()}
