"""The composition root: every client is built here, from one Settings object, and passed down."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry

from streams.blobs import BlobStore, LocalBlobStore
from streams.client import CardstreamClient
from streams.objectstore import S3Endpoint, read_credentials
from streams.objectstore_blobs import S3BlobStore
from streams.processes import EXIT_WITH_ENV, exit_with
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
    blob_s3: S3Endpoint | None = None  # claim-check blobs on S3 instead of blob_dir


def endpoints(settings: Settings) -> Endpoints:
    """The cluster we talk to: KAFKA_BOOTSTRAP_SERVERS, else the stack `cardstream up` runs."""
    if settings.bootstrap_servers:
        return Endpoints(settings.bootstrap_servers, settings.resolved_tracking_uri,
                         settings.resolved_blob_dir, security_from(settings), s3_of(settings))
    info = RunInfo.read(settings.run_dir)
    s3 = None
    if info.s3.get("blobs"):  # a durable stack keeps its blobs in its bucket
        access, secret = read_credentials(settings.run_dir / "s3")
        s3 = S3Endpoint(info.s3["url"], info.s3["bucket"], access, secret)
    return Endpoints(info.bootstrap, info.tracking_uri, Path(info.blob_dir),
                     security_from(settings), s3)


def s3_of(settings: Settings) -> S3Endpoint | None:
    if not settings.blob_s3_url:
        return None
    secret = settings.blob_s3_secret_key
    return S3Endpoint(settings.blob_s3_url, settings.blob_s3_bucket,
                      settings.blob_s3_access_key or "",
                      secret.get_secret_value() if secret else "")


def blob_store(where: Endpoints, timeout_s: float = 30.0) -> BlobStore:
    if where.blob_s3 is not None:
        return S3BlobStore(where.blob_s3, timeout_s)
    return LocalBlobStore(where.blob_dir)


def codec(settings: Settings) -> AvroCodec:
    secret = settings.schema_registry_auth
    auth = secret.get_secret_value() if secret else None
    return codec_from_settings(settings.schema_registry_url, auth)


def client(settings: Settings, where: Endpoints | None = None) -> CardstreamClient:
    where = where or endpoints(settings)
    return CardstreamClient(where.bootstrap, codec(settings),
                            blob_store(where, settings.blob_timeout_s),
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

        tracking_store_ready(settings)
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


# agents.scoring brings torch (1.5 s of CPU on an idle machine, 6 s at load 20), which the
# worker needs for its first card or its first learned scorer, not to start consuming; so it is
# imported off the start path, by whichever thread needs it first, one thread at a time: two
# threads importing torch's package tree at once is the kind of race transformers already showed
# (agents/encoder.py), and the card engine's loader and the router's listener can both get here
_SCORING_IMPORT = threading.Lock()


def scoring_loader() -> Callable[[str, str], Any]:
    """``agents.scoring.load_rater``, imported by one thread at a time."""
    with _SCORING_IMPORT:
        from agents.scoring import load_rater
    return load_rater


def model_router(settings: Settings, where: Endpoints, registry: CollectorRegistry,
                 report: Any = None) -> Any:
    """The worker's model router; ``report`` publishes its loaded / load_failed records.
    Scorers load on the router's own thread, so torch is imported there, not at start-up."""
    import os
    import socket

    from agents.models import ModelRouter
    from agents.rollout import RolloutPolicy

    def load(uri: str) -> Any:
        tracking_store_ready(settings)
        return scoring_loader()(uri, where.tracking_uri)

    policy = RolloutPolicy(min_samples=settings.rollout_min_samples, margin=settings.rollout_margin)
    return ModelRouter(policy, load, registry,
                       report=report, actor=f"worker:{socket.gethostname()}:{os.getpid()}")


def tracking_store_ready(settings: Settings, timeout: float = 120.0) -> None:
    """Before a first use of MLflow: the run folder's store, if the `up` that started us is
    still making it (cardstream.tracking_store). Opened before that, MLflow would start a
    second migration of a store that is not there yet."""
    from agents.exceptions import ModelLoadError
    from cardstream.tracking_store import wait_for_store

    if not wait_for_store(settings.run_dir, timeout):
        raise ModelLoadError(f"the MLflow store in {settings.run_dir} was still being made "
                             f"after {timeout:.0f} s")


def exit_with_parent() -> None:
    """A child of ``up`` (told so in ``EXIT_WITH_ENV``) ends when ``up`` does, however ``up``
    ends. The variable is taken out of the environment: it names this process's parent, not
    that of any process this one starts."""
    parent = os.environ.pop(EXIT_WITH_ENV, None)
    if parent:
        exit_with(int(parent))


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level={"warn": logging.WARNING}.get(level, getattr(logging, level.upper(), logging.INFO)),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
