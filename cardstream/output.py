"""How results look on a terminal and as JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from schemas.events import Card
from streams.client import Outcome


def card_json(card: Card) -> dict[str, Any]:
    data = card.model_dump(mode="json")
    if not data["choices"]:
        data.pop("choices")
    return data


def outcome_json(outcome: Outcome, filename: str) -> dict[str, Any]:
    result: dict[str, Any] = {"upload_id": outcome.upload_id, "filename": filename,
                              "status": outcome.status if outcome.status != "pending" else "error",
                              "seconds": round(outcome.seconds, 3), "cards": []}
    if outcome.flashcards is not None:
        result["cards"] = [card_json(c) for c in outcome.flashcards.cards]
        result["notes"] = outcome.flashcards.notes
        result["language"] = outcome.flashcards.language
        result["model_version"] = outcome.flashcards.model_version
    if outcome.text is not None:
        result["ocr"] = {"source": outcome.text.source, "pages": len(outcome.text.pages),
                         "avg_confidence": outcome.text.avg_confidence,
                         "words_kept": outcome.text.words_kept}
    if outcome.error is not None:
        result["error"] = {"stage": outcome.error.stage, "reason": outcome.error.reason}
    elif outcome.status == "pending":
        result["error"] = {"stage": "wait", "reason": "timed out waiting for a result"}
    return result


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_cards(cards: list[Card], indent: str = "  ") -> None:
    for number, card in enumerate(cards, 1):
        print(f"{indent}{number:>2}. [{card.type}, {card.difficulty}, quality "
              f"{card.quality_score:.2f}] {card.question}")
        for choice in card.choices:
            mark = "*" if choice == card.answer else " "
            print(f"{indent}      {mark} {choice}")
        print(f"{indent}      → {card.answer}    (id {card.card_id})")
