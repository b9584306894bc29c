"""The learned quality scorer: all-MiniLM-L6-v2, fine-tuned on user ratings, with a small
regression head predicting a card's user quality (0..1) from the card and its source text.

The generator consults it at serving time (``LearnedRater.predict``); the retrainer trains it
(``QualityModel``) and saves it pickle-free (safetensors + JSON + tokenizer files).
Errors are ``agents.exceptions.ModelLoadError``: loading is the only place this package fails
on its own.
"""

from agents.scoring.model import QualityModel, ScorerConfig
from agents.scoring.rater import LearnedRater, load_rater
from agents.scoring.text import answer_text, card_text, prompt_text

__all__ = [
    "LearnedRater",
    "QualityModel",
    "ScorerConfig",
    "answer_text",
    "card_text",
    "load_rater",
    "prompt_text",
]
