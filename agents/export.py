"""Export cards to CSV and to an Anki deck (.apkg). Pure: rows in, a file out.

Anki identifies a note by its GUID; ours is derived from ``card_id``, which is itself a hash of
the upload and the card's content, so importing a re-exported deck updates notes instead of
duplicating them. Model and deck ids are fixed numbers (Anki needs them stable across exports).
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
from collections.abc import Iterable
from pathlib import Path

import genanki

from schemas.events import Card

Row = tuple[Card, str, str | None, str]  # (card, upload_id, subject, filename)

MODEL_ID = 1_607_392_401  # fixed forever: changing it makes Anki see a new note type
DECK_BASE_ID = 2_059_400_110
CSV_COLUMNS = (
    "card_id", "upload_id", "filename", "subject", "type", "difficulty", "language",
    "question", "answer", "choices", "quality_score", "source_sentence", "tags",
)  # fmt: skip

MODEL = genanki.Model(
    MODEL_ID,
    "cardstream card",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "CardId"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<br><small>{{Source}}</small>',
        }
    ],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }",
)


def deck_id(deck_name: str) -> int:
    """A stable id per deck name, so re-exports land in the same deck."""
    return DECK_BASE_ID + int(hashlib.sha256(deck_name.encode()).hexdigest()[:8], 16) % 10**9


def _tag(text: str) -> str:
    return re.sub(r"[^\w:-]+", "_", text.strip().lower()).strip("_")  # Anki tags: no spaces


def front(card: Card) -> str:
    question = html.escape(card.question)
    if card.type == "mcq" and card.choices:
        items = "".join(f"<li>{html.escape(c)}</li>" for c in card.choices)
        return f"{question}<ol type='A'>{items}</ol>"
    return question


def write_apkg(rows: Iterable[Row], path: Path | str, deck_name: str) -> Path:
    deck = genanki.Deck(deck_id(deck_name), deck_name)
    for card, upload_id, subject, filename in rows:
        tags = [f"type:{card.type}", f"difficulty:{card.difficulty}", f"upload:{upload_id}"]
        if subject:
            tags.append(f"subject:{_tag(subject)}")
        if filename:
            tags.append(f"file:{_tag(Path(filename).stem)}")
        deck.add_note(
            genanki.Note(
                model=MODEL,
                fields=[
                    front(card),
                    html.escape(card.answer),
                    html.escape(card.source_sentence or ""),
                    card.card_id,
                ],
                guid=genanki.guid_for(card.card_id),
                tags=[_tag(t) for t in tags],
            )
        )
    path = Path(path)
    genanki.Package(deck).write_to_file(str(path))
    return path


def write_csv(rows: Iterable[Row], path: Path | str) -> Path:
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for card, upload_id, subject, filename in rows:
            writer.writerow([
                card.card_id, upload_id, filename, subject or "", card.type, card.difficulty,
                card.language or "", card.question, card.answer, " | ".join(card.choices),
                f"{card.quality_score:.4f}", card.source_sentence or "", " ".join(card.tags),
            ])  # fmt: skip
    return path
