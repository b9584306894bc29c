"""The quality scorer as an MLflow pyfunc model ("models from code": MLflow runs this file to
build the model, so nothing is pickled). Saved by ``retrainer.pyfunc.save_scorer``.

Input: a DataFrame with one card per row (``source``, ``question``, ``answer``, ``type``, and
optionally ``choices`` joined by " | " and ``language``). Output: the predicted quality of each
card, 0..1 (internal scale; a 1-5 star rating r is (r - 1) / 4).
"""

from __future__ import annotations

import mlflow
from mlflow.pyfunc import PythonModel, PythonModelContext


class QualityScorer(PythonModel):
    def load_context(self, context: PythonModelContext) -> None:
        from agents.scoring.rater import load_rater

        self.rater = load_rater(context.artifacts["scorer"])

    # no type hints on predict: MLflow would read them as the model's schema, and the
    # signature saved with the model is the schema
    def predict(self, context, model_input, params=None):
        from schemas.events import Card

        rows = model_input.to_dict("records")
        cards = [
            Card(card_id=f"row-{i}", type=row.get("type") or "qa", question=str(row["question"]),
                 answer=str(row["answer"]),
                 choices=[c for c in str(row.get("choices") or "").split(" | ") if c],
                 language=row.get("language") or None)
            for i, row in enumerate(rows)
        ]
        return self.rater.predict([str(row.get("source") or "") for row in rows], cards)


mlflow.models.set_model(QualityScorer())
