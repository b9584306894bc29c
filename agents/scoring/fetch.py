"""Downloading a scorer folder from MLflow, with every MLflow error turned into ModelLoadError."""

from __future__ import annotations

import re
from pathlib import Path

from agents.exceptions import ModelLoadError

_MODELS = re.compile(
    r"^models:/(?P<name>[^/@]+)(?:@(?P<alias>[^/]+)|/(?P<version>\d+))(?P<rest>/.*)?$"
)


def is_remote(uri: str) -> bool:
    """A URI with a scheme (``models:/``, ``runs:/``, ``s3://``…), not a local path."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+:/", uri) is not None and not uri.startswith("file:")


def download(uri: str, dst: Path, tracking_uri: str | None) -> tuple[Path, str | None]:
    """Download into ``dst``; returns the local folder and the registry version when known.

    An alias is resolved to its version first and that exact version is downloaded, so the
    version reported is the one loaded even if the alias moves meanwhile. ``models:/`` URIs are
    resolved here with an explicit client: MLflow's own ``models:/`` download resolves them
    against the *global* registry URI and ignores the ``registry_uri`` it is given
    (``ModelsArtifactRepository._get_model_uri_infos`` in MLflow 3.x).
    """
    try:
        import mlflow
        from mlflow import MlflowClient
        from mlflow.exceptions import MlflowException
    except ImportError as exc:  # pragma: no cover - mlflow is a dependency
        raise ModelLoadError("mlflow is not installed") from exc
    version = None
    try:
        match = _MODELS.match(uri)
        if match:
            client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
            name = match["name"]
            if match["alias"]:
                version = str(client.get_model_version_by_alias(name, match["alias"]).version)
            else:
                version = match["version"]
            source = client.get_model_version_download_uri(name, version)
            uri = source.rstrip("/") + (match["rest"] or "")
        elif uri.startswith("runs:/"):
            version = "run-" + uri.removeprefix("runs:/").split("/")[0]
        local = mlflow.artifacts.download_artifacts(
            artifact_uri=uri,
            dst_path=str(dst),
            tracking_uri=tracking_uri,
            registry_uri=tracking_uri,
        )
    except (MlflowException, OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot download scorer {uri}: {exc}") from exc
    return Path(local), version
