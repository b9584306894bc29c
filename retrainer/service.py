"""One retraining, end to end: data → search → evaluate → gate → MLflow → announcement.

Failure policy: a ``DataError`` (too little clean feedback) is raised before any run is made; an
error after the run has started marks the run FAILED and is re-raised as a ``RetrainerError``;
a challenger that loses the gate is not an error - its run is kept, tagged ``blessed=false``
with the reason, it is not registered, and nothing is announced.
"""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from agents.exceptions import ModelLoadError
from agents.rollout import Decision
from agents.scoring.rater import LearnedRater, load_rater
from retrainer import registry
from retrainer.config import RetrainConfig
from retrainer.dataset import DataStats, TrainingExample, TrainingSet, build_dataset
from retrainer.exceptions import RetrainerError, TrainingError
from retrainer.gate import Verdict, baseline_metrics, judge
from retrainer.metrics import evaluate
from retrainer.train import SearchResult, search
from schemas.events import ModelVersion, RetrainRequest

log = logging.getLogger(__name__)

MODEL_NAME = "cardstream-quality-scorer"


@dataclass(frozen=True)
class TrainingOutcome:
    announcement: ModelVersion | None  # publish it on model-versions when not None
    blessed: bool
    reason: str
    run_id: str | None
    metrics: dict[str, float]  # validation metrics of the challenger (val_*) and reference
    seconds: float
    version: str | None = None  # the registered version, when blessed
    stats: DataStats | None = None
    generator_version: str | None = None


def run_training(examples: list[TrainingExample], request: RetrainRequest,
                 config: RetrainConfig, tracking_uri: str,
                 model_name: str = MODEL_NAME, artifact_location: str | None = None
                 ) -> TrainingOutcome:
    t0 = time.monotonic()
    data = build_dataset(examples, config.data)
    client = registry.client_for(tracking_uri)
    run_id = registry.start_run(
        client, config.experiment, run_name=f"retrain-{request.request_id}",
        tags={"request_id": request.request_id, "trigger": request.trigger,
              "request_reason": request.reason[:5000], "model_name": model_name,
              "data_hash": data.stats.data_hash},
        artifact_location=artifact_location,
    )
    ok = False
    try:
        outcome = _train_and_judge(client, run_id, data, request, config, tracking_uri,
                                   model_name, t0)
        ok = True
        return outcome
    except RetrainerError:
        raise
    except (ModelLoadError, OSError, RuntimeError, ValueError) as exc:
        raise TrainingError(f"retraining {request.request_id} failed: {exc}") from exc
    finally:
        registry.end_run(client, run_id, ok)


def _train_and_judge(client: registry.MlflowClient, run_id: str, data: TrainingSet,
                     request: RetrainRequest, config: RetrainConfig, tracking_uri: str,
                     model_name: str, t0: float) -> TrainingOutcome:
    registry.log_values(client, run_id, params=config.flat(), metrics=data.stats.as_metrics())
    registry.log_json(client, run_id, config.to_dict(), "config.json")
    registry.log_json(client, run_id, _stats_document(data.stats), "data/stats.json")
    registry.log_json(client, run_id, data.lineage, "data/lineage.json")

    result = search(data.train, data.validation, config)
    _log_search(client, run_id, result)
    top_k = config.gate.top_k
    sources = [item.source for item in data.validation]
    cards = [item.card for item in data.validation]
    challenger = evaluate(data.validation, result.model.predict(sources, cards), top_k)
    verdict = _judge(challenger, data, config, tracking_uri, model_name)
    metrics = {f"val_{k}": v for k, v in challenger.items()}
    metrics |= {f"ref_{k}": v for k, v in verdict.reference_metrics.items()}
    registry.log_values(client, run_id, metrics=metrics,
                        tags={"blessed": str(verdict.blessed).lower(),
                              "gate_reason": verdict.reason[:5000],
                              "gate_reference": verdict.reference})

    with tempfile.TemporaryDirectory(prefix="cardstream-scorer-") as tmp:
        rater = LearnedRater(result.model, name=model_name, version=f"run-{run_id}")
        rater.save(Path(tmp), {"run_id": run_id, "data_hash": data.stats.data_hash,
                               "metrics": metrics, "train_config": config.to_dict()})
        registry.log_folder(client, run_id, Path(tmp), registry.SCORER_ARTIFACT)

    version = generator_version = None
    announcement = None
    if verdict.blessed:
        version = registry.register(
            client, model_name, run_id, registry.SCORER_ARTIFACT,
            tags={"blessed": "true", "data_hash": data.stats.data_hash,
                  "request_id": request.request_id, "gate_reason": verdict.reason[:5000]},
            description=verdict.reason,
        )
        registry.announce(client, model_name, version, config.rollout_percent)
        announcement = ModelVersion(
            name=model_name, version=version, run_id=run_id,
            uri=f"models:/{model_name}/{version}", action="announced",
            alias=registry.CHALLENGER, rollout_percent=config.rollout_percent,
            metrics=metrics, reason=verdict.reason,
        )
    if config.generator_path:
        # judged on its own validation loss, independently of the scorer's verdict
        from retrainer.generator import finetune_generator

        generator_version = finetune_generator(client, run_id, data, config)
    log.info("retraining %s: %s", request.request_id, verdict.reason)
    seconds = time.monotonic() - t0
    registry.log_values(client, run_id, metrics={"seconds_total": seconds})
    return TrainingOutcome(
        announcement=announcement, blessed=verdict.blessed, reason=verdict.reason,
        run_id=run_id, metrics=metrics, seconds=seconds, version=version, stats=data.stats,
        generator_version=generator_version,
    )


def apply_decision(client: registry.MlflowClient, name: str, decision: Decision) -> ModelVersion:
    """Carry out a rollout decision in the registry and say what to announce on model-versions.

    advance → rollout tag at the new percent; promote → champion alias; rollback → the
    challenger alias is removed (the champion keeps serving).
    """
    version = decision.version
    if decision.action == "advance":
        registry.set_rollout_tag(client, name, version, decision.to_percent, "rollout")
        action, alias, percent = "rollout", registry.CHALLENGER, decision.to_percent
    elif decision.action == "promote":
        registry.promote(client, name, version)
        action, alias, percent = "promoted", registry.CHAMPION, 100
    else:
        registry.rollback(client, name, version, decision.reason)
        action, alias, percent = "rolled_back", None, 0
    with registry.mlflow_errors(f"read {name} version {version}"):
        run_id = client.get_model_version(name, version).run_id
    return ModelVersion(
        name=name, version=version, run_id=run_id, uri=f"models:/{name}/{version}",
        action=action, alias=alias,
        rollout_percent=percent, reason=decision.reason,
        metrics={"live_challenger_mean": decision.challenger_mean,
                 "live_champion_mean": decision.champion_mean,
                 "live_challenger_n": float(decision.challenger_n),
                 "live_champion_n": float(decision.champion_n)},
    )


def _judge(challenger: dict[str, float], data: TrainingSet, config: RetrainConfig,
           tracking_uri: str, model_name: str) -> Verdict:
    """Against the champion on this validation set, else against the baseline."""
    top_k = config.gate.top_k
    client = registry.client_for(tracking_uri)
    champion = registry.alias_version(client, model_name, registry.CHAMPION)
    note = ""
    if champion is not None:
        try:
            rater = load_rater(f"models:/{model_name}/{champion}", tracking_uri)
        except ModelLoadError as exc:
            note = f" (champion {champion} could not be loaded: {exc})"
        else:
            sources = [item.source for item in data.validation]
            predictions = rater.predict(sources, [item.card for item in data.validation])
            reference = evaluate(data.validation, predictions, top_k)
            return judge(challenger, reference, config.gate, f"champion {champion}")
    verdict = judge(challenger, baseline_metrics(data.train, data.validation, top_k),
                    config.gate, "baseline")
    return Verdict(verdict.blessed, verdict.reason + note, verdict.reference,
                   verdict.reference_metrics)


def _log_search(client: registry.MlflowClient, run_id: str, result: SearchResult) -> None:
    """The winning trial's curve as train_loss/val_loss by epoch; every trial's as trial<i>_*."""
    for i, trial in enumerate(result.trials):
        registry.log_values(client, run_id, params={
            f"trial{i}_learning_rate": str(trial.config.learning_rate),
            f"trial{i}_best_epoch": str(trial.best_epoch),
        })
        for row in trial.history:
            step = int(row["epoch"])
            curve = {f"trial{i}_val_loss": row["val_loss"]}
            if step > 0:
                curve[f"trial{i}_train_loss"] = row["train_loss"]
            if trial is result.best:
                curve |= {k.removeprefix(f"trial{i}_"): v for k, v in curve.items()}
            registry.log_values(client, run_id, metrics=curve, step=step)
    registry.log_values(client, run_id, params={
        "best_learning_rate": str(result.best.config.learning_rate),
        "best_epoch": str(result.best.best_epoch),
    }, metrics={"search_seconds": result.seconds, "best_val_loss": result.best.best_val_loss})
    registry.log_json(client, run_id, [
        {"learning_rate": t.config.learning_rate, "best_val_loss": t.best_val_loss,
         "best_epoch": t.best_epoch, "steps": t.steps, "seconds": t.seconds,
         "history": t.history}
        for t in result.trials
    ], "search.json")


def _stats_document(stats: DataStats) -> dict[str, object]:
    return {
        key: getattr(stats, key)
        for key in ("records", "kept", "cards", "corrections", "train", "validation",
                    "train_groups", "validation_groups", "mean_rating", "rating_histogram",
                    "dropped", "by_model_version", "data_hash")
    }
