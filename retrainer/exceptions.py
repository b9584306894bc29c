"""Errors of the retrainer.

    RetrainerError            root: every error raised by this package is one of these
    ├── DataError             the feedback cannot make a training set (too little, one split empty)
    ├── TrainingError         training failed (non-finite loss, no trial finished)
    └── RegistryError         MLflow tracking or the Model Registry failed

A challenger that loses the gate is not an error: it is a ``TrainingOutcome`` with
``blessed=False`` and the reason, and its run stays in MLflow.
"""


class RetrainerError(Exception):
    """Root of every retrainer error."""


class DataError(RetrainerError):
    """The examples cannot make a usable training and validation set."""


class TrainingError(RetrainerError):
    """Training could not produce a model."""


class RegistryError(RetrainerError):
    """An MLflow tracking or registry call failed."""
