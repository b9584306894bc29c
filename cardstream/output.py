"""How results look on a terminal and as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
                         "words_kept": outcome.text.words_kept,
                         "coverage": outcome.text.coverage}
    if outcome.error is not None:
        result["error"] = {"stage": outcome.error.stage, "reason": outcome.error.reason}
    elif outcome.status == "pending":
        result["error"] = {"stage": "wait", "reason": "timed out waiting for a result"}
    return result


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


_live: Any = None  # the rich Progress on screen, if any: messages print above it


def progress(message: str) -> None:
    """A status line on stderr (stdout is for results)."""
    if _live is not None:
        _live.console.print(message, markup=False, highlight=False)
    else:
        print(message, file=sys.stderr, flush=True)


def bars_wanted() -> bool:
    """Bars only for a person watching: stderr is a terminal that can redraw a line."""
    import os

    return sys.stderr.isatty() and os.environ.get("TERM", "") != "dumb"


class Bar:
    """One task of a progress display; ``advance`` and ``describe`` do nothing when bars are off."""

    def __init__(self, progress_: Any, task: Any) -> None:
        self._progress, self._task = progress_, task

    def advance(self, steps: float = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, steps)

    def describe(self, description: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=description)


@contextmanager
def bar(description: str, total: float | None = None) -> Iterator[Bar]:
    """A rich progress bar (or, without a total, a spinner with the time taken) on stderr while
    the block runs; nothing at all when stderr is not a terminal (logs and pipes stay clean)."""
    global _live
    if not bars_wanted() or _live is not None:
        yield Bar(None, None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as shown:
        _live = shown
        try:
            yield Bar(shown, shown.add_task(description, total=total))
        finally:
            _live = None


def print_cards(cards: list[Card], indent: str = "  ") -> None:
    for number, card in enumerate(cards, 1):
        print(f"{indent}{number:>2}. [{card.type}, {card.difficulty}, quality "
              f"{card.quality_score:.2f}] {card.question}")
        for choice in card.choices:
            mark = "*" if choice == card.answer else " "
            print(f"{indent}      {mark} {choice}")
        print(f"{indent}      → {card.answer}    (id {card.card_id})")
