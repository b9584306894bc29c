"""The serving side: a thread-safe ``LearnedRater`` and ``load_rater`` from a folder or MLflow."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import torch

from agents.exceptions import ModelLoadError
from agents.rollout import MODEL_NAME
from agents.scoring.fetch import download, is_remote
from agents.scoring.model import CONFIG_FILE, QualityModel
from schemas.events import Card

DEFAULT_NAME = MODEL_NAME  # defined once, with the alias names, in agents.rollout


class LearnedRater:
    """Predicted user quality (0..1) of cards given their source text.

    Implements ``agents.generation.types.CardRater``. One lock serialises calls: a torch module
    is not safe to run from several threads at once, and the generator calls from an executor.
    """

    def __init__(self, model: QualityModel, name: str = DEFAULT_NAME, version: str = "local",
                 batch_size: int = 32) -> None:
        self.model = model.eval()
        self.name = name
        self.version = version
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def predict(self, sources: list[str], cards: list[Card]) -> list[float]:
        if len(sources) != len(cards):
            raise ValueError(f"{len(sources)} sources for {len(cards)} cards")
        if not cards:
            return []
        with self._lock, torch.inference_mode():
            return self.model.predict(sources, cards, self.batch_size)

    def save(self, folder: Path, meta: dict[str, object] | None = None) -> Path:
        with self._lock:
            doc = {"name": self.name, "version": self.version, **(meta or {})}
            return self.model.save(folder, doc)


def load_rater(uri_or_path: str, tracking_uri: str | None = None) -> LearnedRater:
    """A rater from a local folder or an MLflow URI (``models:/name/3``, ``models:/name@champion``,
    ``runs:/<run>/scorer``). Any failure is a ``ModelLoadError`` naming the URI."""
    if not is_remote(uri_or_path):
        folder = Path(uri_or_path.removeprefix("file://"))
        if not folder.is_dir():
            raise ModelLoadError(f"no scorer folder at {folder}")
        return _from_folder(_scorer_root(folder), version=None)
    with tempfile.TemporaryDirectory(prefix="cardstream-scorer-") as tmp:
        # the weights are read into memory, so the download can go once loading is done
        local, version = download(uri_or_path, Path(tmp), tracking_uri)
        return _from_folder(_scorer_root(local), version=version)


def _from_folder(folder: Path, version: str | None) -> LearnedRater:
    model, doc = QualityModel.load(folder)
    name = str(doc.get("name") or DEFAULT_NAME)
    return LearnedRater(model, name=name, version=version or str(doc.get("version") or "local"))


def _scorer_root(folder: Path) -> Path:
    """The folder holding ``scorer.json``: itself, its only child (a ``runs:/<id>`` root), or
    inside an MLflow pyfunc model (retrainer.pyfunc keeps the files in artifacts/<name>)."""
    if (folder / CONFIG_FILE).is_file():
        return folder
    children = [found.parent for pattern in (f"*/{CONFIG_FILE}", f"artifacts/*/{CONFIG_FILE}",
                                             f"*/artifacts/*/{CONFIG_FILE}")
                for found in folder.glob(pattern)]
    if len(children) == 1:
        return children[0]
    raise ModelLoadError(f"{folder} holds no {CONFIG_FILE}: not a quality scorer")
