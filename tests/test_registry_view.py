"""The MLflow-free registry reader of the ``models`` verbs gives what the MLflow client gives, on
a real MLflow store (sqlite, as the embedded stack has) and a real MLflow tracking server (REST)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from cardstream import registry_view
from retrainer import registry

NAME = "scorer-under-test"


def populate(client, version) -> None:
    """Version 1 champion, version 2 challenger at 50 %."""
    v1 = version(client, NAME, 0.10)
    registry.announce(client, NAME, v1, 10)
    registry.promote(client, NAME, v1)
    v2 = version(client, NAME, 0.08)
    registry.announce(client, NAME, v2, 10)
    registry.set_rollout_tag(client, NAME, v2, 50, "rollout")


def test_sqlite_store_reads_as_the_mlflow_client_does(tmp_path: Path, scorer_version):
    uri = f"sqlite:///{tmp_path}/mlflow.db"
    client = registry.client_for(uri)
    assert registry_view.list_versions(uri, NAME) == []  # a store with no model yet
    populate(client, scorer_version)
    rows = registry_view.list_versions(uri, NAME)
    assert rows == registry.list_versions(client, NAME)
    assert [row["version"] for row in rows] == ["2", "1"]
    assert rows[0]["aliases"] == ["challenger"] and rows[1]["aliases"] == ["champion"]
    assert rows[0]["metrics"] == {"val_mse": 0.08}
    assert rows[0]["tags"]["rollout_percent"] == "50"
    assert registry_view.exists(uri, NAME, "2") and not registry_view.exists(uri, NAME, "3")


def test_a_missing_store_is_one_clear_error(tmp_path: Path):
    with pytest.raises(registry_view.RegistryUnreadable, match="cannot open the MLflow store"):
        registry_view.list_versions(f"sqlite:///{tmp_path}/nothing/mlflow.db", NAME)


@pytest.fixture
def mlflow_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """MLflow's own tracking server app over real HTTP, served from a thread: the same handlers
    `mlflow server` runs, without the 20 s of starting its process."""
    from mlflow.server import app, handlers
    from mlflow.server.handlers import initialize_backend_stores
    from mlflow.tracking._tracking_service import utils
    from werkzeug.serving import make_server

    # The server's handlers set the process-wide tracking URI (and MLFLOW_TRACKING_URI) to
    # their store and cache it; undone afterwards, or a later test in this process resolves
    # runs against this test's deleted store ("Run … not found" in the full suite only).
    monkeypatch.setattr(utils, "_tracking_uri", utils._tracking_uri)
    monkeypatch.setattr(handlers, "_tracking_store", None)
    monkeypatch.setattr(handlers, "_model_registry_store", None)
    if "MLFLOW_TRACKING_URI" in os.environ:
        monkeypatch.setenv("MLFLOW_TRACKING_URI", os.environ["MLFLOW_TRACKING_URI"])
    else:
        monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)

    initialize_backend_stores(f"sqlite:///{tmp_path}/server.db", None,
                              str(tmp_path / "server-artifacts"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


def test_rest_api_reads_as_the_mlflow_client_does(mlflow_server: str, scorer_version):
    client = registry.client_for(mlflow_server)
    assert registry_view.list_versions(mlflow_server, NAME) == []
    populate(client, scorer_version)
    rows = registry_view.list_versions(mlflow_server, NAME)
    assert rows == registry.list_versions(client, NAME)
    assert [row["aliases"] for row in rows] == [["challenger"], ["champion"]]
