"""The model registry as the ``models`` verbs read it, without importing MLflow.

``import mlflow`` and opening its store cost 2-4 s, four times the 1 s a verb that talks to a
running stack may take. Reading is all these verbs do with the registry (changes travel as
``model-versions`` events; the retrainer writes them to MLflow), so they read it directly:

- an HTTP(S) tracking server through MLflow's documented REST API (``/api/2.0/mlflow/...``);
- the embedded store (``sqlite:///``) through sqlite3, read-only, from the tables MLflow's own
  migrations define (``model_versions``, ``model_version_tags``, ``registered_model_aliases``,
  ``latest_metrics``);
- anything else through the MLflow client, as before.

``tests/test_registry_view.py`` checks both readers against ``retrainer.registry.list_versions``
on a real MLflow store and server, so an MLflow upgrade that moves a table fails there.
Rows are the same dicts ``retrainer.registry.list_versions`` returns, newest first.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import unquote, urlparse

DELETED = "Deleted_Internal"  # MLflow's stage for a version being deleted; its searches skip it


class RegistryUnreadable(Exception):
    """The registry could not be read; the message says where and why."""


def list_versions(tracking_uri: str, name: str, timeout: float = 10.0) -> list[dict[str, Any]]:
    scheme = urlparse(tracking_uri).scheme
    if scheme == "sqlite":
        rows = _from_sqlite(tracking_uri, name)
    elif scheme in ("http", "https"):
        rows = _from_rest(tracking_uri, name, timeout)
    else:
        from retrainer import registry

        return registry.list_versions(registry.client_for(tracking_uri), name)
    return sorted(rows, key=lambda row: int(row["version"]), reverse=True)


def exists(tracking_uri: str, name: str, version: str) -> bool:
    return any(row["version"] == str(version) for row in list_versions(tracking_uri, name))


def _sqlite_path(tracking_uri: str) -> str:
    # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy (and so MLflow) reads them
    return unquote(tracking_uri[len("sqlite:///"):])


def _from_sqlite(tracking_uri: str, name: str) -> list[dict[str, Any]]:
    path = _sqlite_path(tracking_uri)
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as exc:
        raise RegistryUnreadable(f"cannot open the MLflow store {path}: {exc}") from exc
    try:
        versions = db.execute(
            "SELECT version, run_id, source, creation_time FROM model_versions "
            "WHERE name = ? AND (current_stage IS NULL OR current_stage != ?)",
            (name, DELETED)).fetchall()
        tags: dict[int, dict[str, str]] = {}
        for key, value, version in db.execute(
                "SELECT key, value, version FROM model_version_tags WHERE name = ?", (name,)):
            tags.setdefault(version, {})[key] = value
        aliases: dict[int, list[str]] = {}
        for alias, version in db.execute(
                "SELECT alias, version FROM registered_model_aliases WHERE name = ?", (name,)):
            aliases.setdefault(version, []).append(alias)
        rows = []
        for version, run_id, source, created in versions:
            metrics = {}
            if run_id:
                metrics = {key: value for key, value in db.execute(
                    "SELECT key, value FROM latest_metrics WHERE run_uuid = ? AND key LIKE "
                    "'val\\_%' ESCAPE '\\'", (run_id,))}
            rows.append(_row(version, run_id, source, created, aliases.get(version, []),
                             metrics, tags.get(version, {})))
        return rows
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # a store no model was ever registered in
            return []
        raise RegistryUnreadable(f"cannot read the MLflow store {path}: {exc}") from exc
    finally:
        db.close()


def _from_rest(tracking_uri: str, name: str, timeout: float) -> list[dict[str, Any]]:
    import httpx  # only for a tracking server: every verb imports this module

    api = tracking_uri.rstrip("/") + "/api/2.0/mlflow"
    try:
        with httpx.Client(timeout=timeout) as http:
            model = http.get(f"{api}/registered-models/get", params={"name": name})
            if model.status_code == 404 or (
                    model.status_code == 400 and "RESOURCE_DOES_NOT_EXIST" in model.text):
                return []
            model.raise_for_status()
            aliases: dict[str, list[str]] = {}
            for alias in model.json().get("registered_model", {}).get("aliases", []):
                aliases.setdefault(str(alias["version"]), []).append(alias["alias"])
            found, token = [], None
            while True:
                params: dict[str, str | int] = {"filter": f"name='{name}'", "max_results": 1000}
                if token:
                    params["page_token"] = token
                page = http.get(f"{api}/model-versions/search", params=params)
                page.raise_for_status()
                body = page.json()
                found.extend(body.get("model_versions", []))
                token = body.get("next_page_token")
                if not token:
                    break
            rows = []
            for mv in found:
                if mv.get("current_stage") == DELETED:
                    continue
                metrics = {}
                if mv.get("run_id"):
                    run = http.get(f"{api}/runs/get", params={"run_id": mv["run_id"]})
                    run.raise_for_status()
                    metrics = {m["key"]: m["value"]
                               for m in run.json()["run"]["data"].get("metrics", [])
                               if m["key"].startswith("val_")}
                rows.append(_row(
                    int(mv["version"]), mv.get("run_id"), mv.get("source"),
                    int(mv["creation_timestamp"]) if "creation_timestamp" in mv else None,
                    aliases.get(str(mv["version"]), []), metrics,
                    {t["key"]: t["value"] for t in mv.get("tags", [])}))
            return rows
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        raise RegistryUnreadable(f"cannot read the MLflow registry at {tracking_uri}: "
                                 f"{exc}") from exc


def _row(version: int, run_id: str | None, source: str | None, created: int | None,
         aliases: list[str], metrics: dict[str, float], tags: dict[str, str]) -> dict[str, Any]:
    return {"version": str(version), "aliases": sorted(aliases), "run_id": run_id or None,
            "source": source, "created_at": created, "metrics": metrics, "tags": tags}
