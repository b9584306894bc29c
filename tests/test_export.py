"""CSV and Anki export: the deck opens, holds the cards, and re-export keeps the GUIDs."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

from agents.export import write_apkg, write_csv
from agents.generation import GenerationRequest, RuleEngine

TEXT = """The Battle of Hastings was fought in 1066 between the Norman-French army of William,
the Duke of Normandy, and an English army under King Harold Godwinson. The Domesday Book was
completed in 1086 and recorded the land and resources of England. William was crowned king of
England on Christmas Day in 1066 at Westminster Abbey."""


def rows(subject: str | None = "History of England") -> list:  # type: ignore[type-arg]
    cards = RuleEngine(None).generate(GenerationRequest(TEXT, "up-1", 8)).cards
    return [(card, "up-1", subject, "notes/chapter 1.pdf") for card in cards]


def read_notes(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", path.parent / path.stem)
    db = sqlite3.connect(path.parent / path.stem / "collection.anki2")
    try:
        return db.execute("select guid, flds, tags from notes order by guid").fetchall()
    finally:
        db.close()


def test_apkg_opens_and_holds_the_cards(tmp_path: Path) -> None:
    data = rows()
    notes = read_notes(write_apkg(data, tmp_path / "deck.apkg", "cardstream::history"))
    assert len(notes) == len(data)
    fields = [flds.split("\x1f") for _, flds, _ in notes]
    assert {f[3] for f in fields} == {card.card_id for card, *_ in data}
    tags = " ".join(t for _, _, t in notes)
    assert "type:mcq" in tags and "difficulty:intermediate" in tags
    assert "subject:history_of_england" in tags
    mcq = next(card for card, *_ in data if card.type == "mcq")
    front = next(f[0] for f in fields if f[3] == mcq.card_id)
    assert all(choice.replace("'", "&#x27;") in front for choice in mcq.choices)


def test_re_export_keeps_guids(tmp_path: Path) -> None:
    first = read_notes(write_apkg(rows(), tmp_path / "a.apkg", "deck"))
    second = read_notes(write_apkg(rows(), tmp_path / "b.apkg", "deck"))
    assert [g for g, _, _ in first] == [g for g, _, _ in second]


def test_csv_has_one_row_per_card(tmp_path: Path) -> None:
    data = rows(subject=None)
    path = write_csv(data, tmp_path / "cards.csv")
    with path.open(encoding="utf-8") as handle:
        read = list(csv.DictReader(handle))
    assert [r["card_id"] for r in read] == [card.card_id for card, *_ in data]
    mcq = next(r for r in read if r["type"] == "mcq")
    assert mcq["answer"] in mcq["choices"].split(" | ")
    assert read[0]["filename"] == "notes/chapter 1.pdf"
