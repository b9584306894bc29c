"""MLflow tracking and Model Registry: runs, pickle-free model artifacts, aliases, rollout tags.

Aliases, not stages (deprecated): ``champion`` serves by default, ``challenger`` is in rollout.
Rollout progress is written as version tags (``rollout_percent``, ``rollout_state``) so
``cardstream models list`` can show it. Every MLflow error becomes a ``RegistryError``.

Lineage: a version's ``run_id`` leads to its run, whose params hold the resolved config and whose
``data/lineage.json`` artifact lists every training and validation example id with the data hash.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException

from agents.rollout import BASELINE, CHALLENGER, CHAMPION
from retrainer.exceptions import RegistryError
from schemas.events import ModelVersion

__all__ = ["CHALLENGER", "CHAMPION"]
SCORER_ARTIFACT = "scorer"


@contextmanager
def mlflow_errors(what: str) -> Iterator[None]:
    try:
        yield
    except MlflowException as exc:
        raise RegistryError(f"MLflow failed to {what}: {exc.message}") from exc


def client_for(tracking_uri: str) -> MlflowClient:
    """One explicit client for tracking and registry (no global ``mlflow.set_tracking_uri``)."""
    return MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)


def start_run(client: MlflowClient, experiment: str, run_name: str, tags: dict[str, str],
              artifact_location: str | None = None) -> str:
    with mlflow_errors(f"start a run in experiment {experiment}"):
        found = client.get_experiment_by_name(experiment)
        experiment_id = (
            found.experiment_id if found is not None
            else client.create_experiment(experiment, artifact_location=artifact_location)
        )
        return str(client.create_run(experiment_id, run_name=run_name, tags=tags).info.run_id)


def end_run(client: MlflowClient, run_id: str, ok: bool) -> None:
    with mlflow_errors(f"end run {run_id}"):
        client.set_terminated(run_id, status="FINISHED" if ok else "FAILED")


def log_values(client: MlflowClient, run_id: str, params: dict[str, str] | None = None,
               metrics: dict[str, float] | None = None, tags: dict[str, str] | None = None,
               step: int = 0) -> None:
    """Params, metrics and tags in batches (MLflow caps a batch at 100 params / 1000 metrics)."""
    now = int(time.time() * 1000)
    params_list = [Param(k, str(v)[:6000]) for k, v in (params or {}).items()]
    metric_list = [Metric(k, float(v), now, step) for k, v in (metrics or {}).items()]
    tag_list = [RunTag(k, str(v)) for k, v in (tags or {}).items()]
    with mlflow_errors(f"log to run {run_id}"):
        for i in range(0, max(len(params_list), 1), 100):
            client.log_batch(run_id, params=params_list[i : i + 100],
                             metrics=metric_list if i == 0 else [], tags=tag_list if i == 0 else [])


def log_json(client: MlflowClient, run_id: str, document: Any, path: str) -> None:
    with mlflow_errors(f"log {path}"):
        client.log_dict(run_id, document, path)


def log_folder(client: MlflowClient, run_id: str, folder: Path, artifact_path: str) -> None:
    """The model as plain files (safetensors, JSON, tokenizer): nothing MLflow would pickle."""
    with mlflow_errors(f"upload {folder}"):
        client.log_artifacts(run_id, str(folder), artifact_path)


def register(client: MlflowClient, name: str, run_id: str, artifact_path: str,
             tags: dict[str, str], description: str = "") -> str:
    with mlflow_errors(f"register a version of {name}"):
        try:
            client.get_registered_model(name)
        except MlflowException:
            client.create_registered_model(name, description="cardstream: " + name)
        version = client.create_model_version(
            name, source=f"runs:/{run_id}/{artifact_path}", run_id=run_id, tags=tags,
            description=description,
        )
        return str(version.version)


def alias_version(client: MlflowClient, name: str, alias: str) -> str | None:
    """The version an alias points to, or None (no such model or alias)."""
    try:
        return str(client.get_registered_model(name).aliases[alias])
    except (MlflowException, KeyError):
        return None


def set_rollout_tag(client: MlflowClient, name: str, version: str, percent: int,
                    state: str) -> None:
    if not 0 <= percent <= 100:
        raise ValueError(f"rollout percent must be 0..100, got {percent}")
    with mlflow_errors(f"tag {name} version {version}"):
        client.set_model_version_tag(name, version, "rollout_percent", str(percent))
        client.set_model_version_tag(name, version, "rollout_state", state)


def announce(client: MlflowClient, name: str, version: str, percent: int) -> None:
    """Make ``version`` the challenger at ``percent``; a challenger it replaces is superseded."""
    previous = alias_version(client, name, CHALLENGER)
    with mlflow_errors(f"set the challenger of {name}"):
        client.set_registered_model_alias(name, CHALLENGER, version)
    if previous is not None and previous != version:
        set_rollout_tag(client, name, previous, 0, "superseded")
    set_rollout_tag(client, name, version, percent, "rollout")


def promote(client: MlflowClient, name: str, version: str) -> str | None:
    """Challenger → champion. The old champion loses the alias (and is tagged retired); the
    new one remembers it so ``rollback`` can restore it. Returns the old champion."""
    previous = alias_version(client, name, CHAMPION)
    with mlflow_errors(f"promote {name} version {version}"):
        client.set_registered_model_alias(name, CHAMPION, version)
        if alias_version(client, name, CHALLENGER) == version:
            client.delete_registered_model_alias(name, CHALLENGER)
        client.set_model_version_tag(name, version, "previous_champion", previous or "")
    set_rollout_tag(client, name, version, 100, CHAMPION)
    if previous is not None and previous != version:
        set_rollout_tag(client, name, previous, 0, "retired")
    return previous


def rollback(client: MlflowClient, name: str, version: str, reason: str = "",
             restored: str | None = None) -> str | None:
    """Withdraw ``version``. A challenger just loses its alias; a champion is replaced by
    ``restored`` when the event names it (the rollout state decided), else by the champion it
    replaced (or by none: the heuristic). Returns the champion afterwards."""
    champion = alias_version(client, name, CHAMPION)
    with mlflow_errors(f"roll back {name} version {version}"):
        if alias_version(client, name, CHALLENGER) == version:
            client.delete_registered_model_alias(name, CHALLENGER)
        if champion == version:
            if restored is None:
                restored = client.get_model_version(name, version).tags.get("previous_champion")
            restored = None if restored == BASELINE else restored
            if restored:
                client.set_registered_model_alias(name, CHAMPION, restored)
                set_rollout_tag(client, name, restored, 100, CHAMPION)
            else:
                client.delete_registered_model_alias(name, CHAMPION)
            champion = restored or None
        client.set_model_version_tag(name, version, "rollback_reason", reason or "rolled back")
    set_rollout_tag(client, name, version, 0, "rolled_back")
    return champion


def list_versions(client: MlflowClient, name: str) -> list[dict[str, Any]]:
    """Every version, newest first: aliases, run, validation metrics and tags."""
    with mlflow_errors(f"list versions of {name}"):
        try:
            aliases = client.get_registered_model(name).aliases
        except MlflowException:
            return []
        rows = []
        for mv in client.search_model_versions(f"name='{name}'"):
            metrics: dict[str, float] = {}
            if mv.run_id:
                run_metrics = client.get_run(mv.run_id).data.metrics
                metrics = {k: v for k, v in run_metrics.items() if k.startswith("val_")}
            rows.append({
                "version": str(mv.version),
                "aliases": sorted(a for a, v in aliases.items() if str(v) == str(mv.version)),
                "run_id": mv.run_id,
                "source": mv.source,
                "created_at": mv.creation_timestamp,
                "metrics": metrics,
                "tags": dict(mv.tags),
            })
    return sorted(rows, key=lambda row: int(row["version"]), reverse=True)


def exists(client: MlflowClient, name: str, version: str) -> bool:
    try:
        client.get_model_version(name, version)
    except MlflowException:
        return False
    return True


def audit(client: MlflowClient, event: ModelVersion) -> None:
    """The change as a version tag ``audit.<epoch ms>.<action>``: who, what, why, when."""
    stamp = int(event.announced_at.timestamp() * 1000)
    text = (f"{event.action} by {event.actor} at {event.announced_at.isoformat()}: "
            f"{event.rollout_percent} %, champion {event.champion or '-'}; {event.reason}")
    with mlflow_errors(f"audit {event.name} version {event.version}"):
        client.set_model_version_tag(event.name, event.version, f"audit.{stamp}.{event.action}",
                                     text[:5000])
        client.set_model_version_tag(event.name, event.version, "last_change", text[:5000])


def record(client: MlflowClient, event: ModelVersion) -> None:
    """Mirror one routing change from ``model-versions`` into the registry, with its audit
    record. The registry follows the topic; it never decides anything itself."""
    if event.action == "rollout":
        set_rollout_tag(client, event.name, event.version, event.rollout_percent, "rollout")
    elif event.action == "promoted":
        promote(client, event.name, event.version)
    elif event.action == "rolled_back":
        rollback(client, event.name, event.version, event.reason, restored=event.champion)
    elif event.action not in ("announced", "loaded", "load_failed"):
        return  # training answers are recorded on their run by the retrainer
    if exists(client, event.name, event.version):
        audit(client, event)
