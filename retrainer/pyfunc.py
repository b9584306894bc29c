"""Logging the quality scorer as an MLflow Model (pyfunc flavour, signature, input example), so
``mlflow.pyfunc.load_model("models:/cardstream-quality-scorer@champion")`` loads and scores
cards. The scorer's own files (safetensors, JSON, tokenizer) are the model's ``scorer``
artifact; the workers load those directly (``agents.scoring.load_rater``)."""

from __future__ import annotations

import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from retrainer.registry import MlflowClient, log_folder, mlflow_errors

CODE = Path(__file__).with_name("scorer_model.py")
EXAMPLE = pd.DataFrame([{
    "source": "The mitochondrion produces most of the cell's ATP.",
    "question": "Which organelle produces most of the cell's ATP?",
    "answer": "The mitochondrion", "type": "qa", "choices": "", "language": "en",
}])


def _requirements() -> list[str]:
    wanted = []
    for package in ("mlflow", "torch", "transformers", "safetensors", "pandas"):
        try:
            wanted.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            wanted.append(package)
    return wanted


def save_scorer(scorer_folder: Path, destination: Path) -> Path:
    """An MLflow Model folder at ``destination`` around the scorer files in ``scorer_folder``."""
    import mlflow.pyfunc
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema

    signature = ModelSignature(
        inputs=Schema([ColSpec("string", "source"), ColSpec("string", "question"),
                       ColSpec("string", "answer"), ColSpec("string", "type"),
                       ColSpec("string", "choices", required=False),
                       ColSpec("string", "language", required=False)]),
        outputs=Schema([ColSpec("double", "quality")]),
    )
    with mlflow_errors(f"save the scorer in {scorer_folder} as an MLflow model"):
        mlflow.pyfunc.save_model(
            path=str(destination), python_model=str(CODE),
            artifacts={"scorer": str(scorer_folder)}, signature=signature,
            input_example=EXAMPLE, pip_requirements=_requirements(),
        )
    return destination


def log_scorer(client: MlflowClient, run_id: str, scorer_folder: Path,
               artifact_path: str) -> None:
    with tempfile.TemporaryDirectory(prefix="cardstream-pyfunc-") as tmp:
        log_folder(client, run_id, save_scorer(scorer_folder, Path(tmp) / "model"),
                   artifact_path)
