"""The card store's schema: made whole on a fresh file, brought up to date on an old one, and
safe when the worker and the retrainer open the same old store at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from streams.store import CardStore, add_column

OLD = ("CREATE TABLE documents (upload_id TEXT PRIMARY KEY, filename TEXT, text TEXT NOT NULL, "
       "created_at REAL NOT NULL)")


def columns(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[1] for row in db.execute("PRAGMA table_info(documents)")}


def test_a_fresh_store_is_made_with_every_column(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    traced: list[str] = []
    original = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        db = original(*args, **kwargs)
        db.set_trace_callback(traced.append)
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)
    CardStore(tmp_path / "cards.db").close()
    monkeypatch.undo()
    assert "subject" in columns(tmp_path / "cards.db")
    assert not [s for s in traced if "ALTER TABLE" in s]  # nothing to race over


def test_an_old_store_gains_the_subject_column_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "cards.db"
    with sqlite3.connect(path) as db:
        db.execute(OLD)
        db.execute("INSERT INTO documents VALUES ('u1', 'a.txt', 'text', 1.0)")
    store = CardStore(path)
    store.close()
    assert "subject" in columns(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT upload_id, subject FROM documents").fetchall() == [("u1", None)]


def test_a_column_another_process_just_added_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "cards.db"
    with sqlite3.connect(path) as db:
        db.execute(OLD)
    first, second = sqlite3.connect(path), sqlite3.connect(path)
    add_column(first, "documents", "subject TEXT")  # both had read the old columns
    add_column(second, "documents", "subject TEXT")
    first.close()
    second.close()
    assert "subject" in columns(path)
