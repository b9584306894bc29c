"""The composition root: every client is built here, from one Settings object, and passed down."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry

from streams.blobs import LocalBlobStore
from streams.client import CardstreamClient
from streams.runinfo import RunInfo
from streams.security import PLAINTEXT, KafkaSecurity, security_from
from streams.serde import AvroCodec, codec_from_settings
from streams.settings import Settings
from streams.store import CardStore, StoredUpload


@dataclass(frozen=True)
class Endpoints:
    bootstrap: str
    tracking_uri: str
    blob_dir: Path
    security: KafkaSecurity = PLAINTEXT


def endpoints(settings: Settings) -> Endpoints:
    """The cluster we talk to: KAFKA_BOOTSTRAP_SERVERS, else the stack `cardstream up` runs."""
    if settings.bootstrap_servers:
        return Endpoints(settings.bootstrap_servers, settings.resolved_tracking_uri,
                         settings.resolved_blob_dir, security_from(settings))
    info = RunInfo.read(settings.run_dir)
    return Endpoints(info.bootstrap, info.tracking_uri, Path(info.blob_dir),
                     security_from(settings))


def codec(settings: Settings) -> AvroCodec:
    secret = settings.schema_registry_auth
    auth = secret.get_secret_value() if secret else None
    return codec_from_settings(settings.schema_registry_url, auth)


def client(settings: Settings, where: Endpoints | None = None) -> CardstreamClient:
    where = where or endpoints(settings)
    return CardstreamClient(where.bootstrap, codec(settings), LocalBlobStore(where.blob_dir),
                            settings.inline_limit_bytes, settings.topic_prefix,
                            security=where.security)


def card_store(settings: Settings) -> CardStore:
    return CardStore(settings.run_dir / "cards.db")


def delivered_cards(settings: Settings, upload_id: str | None = None,
                    since: float | None = None) -> list[StoredUpload] | None:
    """The cards in the run folder's card store (a stopped stack's too); None when this
    machine has no store (a remote cluster), and the caller reads the flashcards topic."""
    path = settings.run_dir / "cards.db"
    if not path.exists():
        return None
    store = CardStore(path)
    try:
        return store.uploads(upload_id, since)
    finally:
        store.close()


def card_engine(settings: Settings, registry: CollectorRegistry | None = None,
                tracking_uri: str | None = None) -> Any:
    """The rule engine, or MODEL_NAME (a local folder, a cached hub id, or an MLflow
    ``models:/``/``runs:/`` URI, downloaded here) with the rule engine as its fallback."""
    from agents.generation import build_engine
    from agents.generation.types import LlmSettings

    llm = LlmSettings(max_length=settings.max_length, temperature=settings.temperature,
                      top_p=settings.top_p, num_beams=settings.num_beams)
    model = settings.model_name
    if model and model.split(":", 1)[0] in ("models", "runs"):
        import mlflow

        from agents.exceptions import ModelLoadError

        try:
            model = mlflow.artifacts.download_artifacts(
                artifact_uri=model, tracking_uri=tracking_uri or settings.resolved_tracking_uri
            )
        except Exception as exc:  # MlflowException, OSError: one clear line either way
            raise ModelLoadError(f"cannot fetch MODEL_NAME={settings.model_name}: {exc}") from exc
    from agents.generation.nlp import parse_names

    pipelines = parse_names(settings.spacy_pipelines)
    engine = build_engine(model, llm, registry, spacy_pipelines=pipelines) \
        if settings.use_encoder \
        else build_engine(model, llm, registry, encoder=None, spacy_pipelines=pipelines)
    if model is None and registry is not None:
        # the rule engine does not measure itself: the llm_* metrics describe it all the same
        from agents.generation.metrics import LlmMetrics
        from agents.metrics import MeteredEngine

        return MeteredEngine(engine, LlmMetrics(registry))
    return engine


def model_router(settings: Settings, where: Endpoints, registry: CollectorRegistry,
                 report: Any = None) -> Any:
    """The worker's model router; ``report`` publishes its loaded / load_failed records."""
    import os
    import socket

    from agents.models import ModelRouter
    from agents.rollout import RolloutPolicy
    from agents.scoring import load_rater

    policy = RolloutPolicy(min_samples=settings.rollout_min_samples, margin=settings.rollout_margin)
    return ModelRouter(policy, lambda uri: load_rater(uri, where.tracking_uri), registry,
                       report=report, actor=f"worker:{socket.gethostname()}:{os.getpid()}")


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level={"warn": logging.WARNING}.get(level, getattr(logging, level.upper(), logging.INFO)),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
