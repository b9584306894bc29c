"""One retraining, end to end: data → search → evaluate → gate → MLflow → announcement.

Every request gets a run, and every run an outcome (tag ``outcome``), so rejected trainings are
as visible in MLflow as blessed ones:

* ``insufficient_data``: too little clean feedback (a ``DataError``); the run is FINISHED with
  the reason. Not a failure: the loop simply waits for more ratings.
* ``rejected``: the challenger lost the gate; its run is kept, tagged ``blessed=false`` with the
  reason, it is not registered, and nothing is announced.
* ``announced``: blessed, registered, alias challenger.
* an error after the run has started marks the run FAILED and is re-raised as a
  ``TrainingError`` naming the run (``outcome=failed``).

``answer_for`` turns each of these into the ``model-versions`` event that answers the request
(matched by request id).
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from agents.exceptions import ModelLoadError
from agents.rollout import CHALLENGER, MODEL_NAME, uri_of
from agents.scoring.rater import LearnedRater, load_rater
from retrainer import registry
from retrainer.config import RetrainConfig
from retrainer.dataset import DataStats, TrainingExample, TrainingSet, build_dataset
from retrainer.exceptions import DataError, RetrainerError, TrainingError
from retrainer.gate import Verdict, baseline_metrics, judge
from retrainer.metrics import evaluate
from retrainer.pyfunc import log_scorer
from retrainer.train import SearchResult, search
from schemas.events import ModelVersion, RetrainRequest

log = logging.getLogger(__name__)
Status = Literal["announced", "rejected", "insufficient_data"]


class TrainingFailed(TrainingError):
    """Training failed after its run started; ``run_id`` names the FAILED run."""

    def __init__(self, message: str, run_id: str | None) -> None:
        super().__init__(message)
        self.run_id = run_id


@dataclass(frozen=True)
class TrainingOutcome:
    status: Status
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
                 model_name: str = MODEL_NAME, artifact_location: str | None = None,
                 on_start: Callable[[str], None] | None = None) -> TrainingOutcome:
    """``on_start(run_id)`` is called once the run exists (progress for whoever waits)."""
    t0 = time.monotonic()
    client = registry.client_for(tracking_uri)
    run_id = registry.start_run(
        client, config.experiment, run_name=f"retrain-{request.request_id}",
        tags={"request_id": request.request_id, "trigger": request.trigger,
              "request_reason": request.reason[:5000], "model_name": model_name},
        artifact_location=artifact_location,
    )
    if on_start is not None:
        on_start(run_id)
    ok = False
    try:
        try:
            data = build_dataset(examples, config.data)
        except DataError as exc:
            registry.log_values(client, run_id, params={"examples": str(len(examples))},
                                tags={"outcome": "insufficient_data", "reason": str(exc)[:5000]})
            ok = True  # nothing went wrong: there is not enough to learn from yet
            return TrainingOutcome(status="insufficient_data", announcement=None, blessed=False,
                                   reason=str(exc), run_id=run_id, metrics={},
                                   seconds=time.monotonic() - t0)
        registry.log_values(client, run_id, tags={"data_hash": data.stats.data_hash})
        outcome = _train_and_judge(client, run_id, data, request, config, tracking_uri,
                                   model_name, t0)
        registry.log_values(client, run_id, tags={"outcome": outcome.status})
        ok = True
        return outcome
    except (RetrainerError, ModelLoadError, OSError, RuntimeError, ValueError) as exc:
        with contextlib.suppress(RetrainerError):  # the run is ended FAILED below regardless
            registry.log_values(client, run_id, tags={"outcome": "failed",
                                                      "reason": str(exc)[:5000]})
        raise TrainingFailed(f"retraining {request.request_id} failed: {exc}", run_id) from exc
    finally:
        registry.end_run(client, run_id, ok)


def answer_for(request: RetrainRequest, outcome: TrainingOutcome | None,
               error: Exception | None = None, model_name: str = MODEL_NAME) -> ModelVersion:
    """The model-versions event that answers ``request`` (announced, rejected,
    insufficient_data, or failed when ``error``)."""
    if outcome is not None and outcome.announcement is not None:
        return outcome.announcement
    if outcome is not None:
        return ModelVersion(name=model_name, version="-", uri="", action=outcome.status,
                            run_id=outcome.run_id, metrics=outcome.metrics,
                            reason=outcome.reason, actor="retrainer",
                            request_id=request.request_id)
    return ModelVersion(name=model_name, version="-", uri="", action="failed",
                        run_id=getattr(error, "run_id", None), reason=str(error),
                        actor="retrainer", request_id=request.request_id)


def _train_and_judge(client: registry.MlflowClient, run_id: str, data: TrainingSet,
                     request: RetrainRequest, config: RetrainConfig, tracking_uri: str,
                     model_name: str, t0: float) -> TrainingOutcome:
    registry.log_values(client, run_id, params=config.flat(), metrics=data.stats.as_metrics())
    registry.log_json(client, run_id, config.to_dict(), "config.json")
    registry.log_json(client, run_id, _stats_document(data.stats), "data/stats.json")
    registry.log_json(client, run_id, data.lineage, "data/lineage.json")

    result = search(data.train, data.validation, config)
    _log_search(client, run_id, result, config.experiment)
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
        # an MLflow Model (pyfunc, signature, input example) around the pickle-free files
        log_scorer(client, run_id, Path(tmp), registry.SCORER_ARTIFACT)

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
            uri=uri_of(version, model_name), action="announced",
            alias=CHALLENGER, rollout_percent=config.rollout_percent,
            metrics=metrics, reason=verdict.reason, actor="retrainer",
            request_id=request.request_id,
        )
    if config.generator_path:
        # judged on its own validation loss, independently of the scorer's verdict
        from retrainer.generator import finetune_generator

        generator_version = finetune_generator(client, run_id, data, config)
    log.info("retraining %s: %s", request.request_id, verdict.reason)
    seconds = time.monotonic() - t0
    registry.log_values(client, run_id, metrics={"seconds_total": seconds})
    return TrainingOutcome(
        status="announced" if announcement is not None else "rejected",
        announcement=announcement, blessed=verdict.blessed, reason=verdict.reason,
        run_id=run_id, metrics=metrics, seconds=seconds, version=version, stats=data.stats,
        generator_version=generator_version,
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


def _log_search(client: registry.MlflowClient, run_id: str, result: SearchResult,
                experiment: str) -> None:
    """Each trial as a nested child run (its learning rate, its loss curve by epoch); the
    winning trial's curve also as train_loss/val_loss on the training run itself."""
    for i, trial in enumerate(result.trials):
        child = registry.start_run(
            client, experiment, run_name=f"trial-{i}-lr-{trial.config.learning_rate:g}",
            tags={"mlflow.parentRunId": run_id, "best": str(trial is result.best).lower()})
        registry.log_values(client, child, params={
            "learning_rate": str(trial.config.learning_rate),
            "best_epoch": str(trial.best_epoch),
        }, metrics={"best_val_loss": trial.best_val_loss, "seconds": trial.seconds})
        for row in trial.history:
            step = int(row["epoch"])
            curve = {"val_loss": row["val_loss"]}
            if step > 0:
                curve["train_loss"] = row["train_loss"]
            registry.log_values(client, child, metrics=curve, step=step)
            if trial is result.best:
                registry.log_values(client, run_id, metrics=curve, step=step)
        registry.end_run(client, child, ok=True)
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
