"""The card store: every delivered card with its source, and every accepted rating.

Why a store and not a Faust table: training joins feedback with cards and their source text,
months apart, by card id, and Tansu has no log compaction, so a table's changelog would replay
every card ever made on each restart. SQLite (WAL mode: one writer, many readers) serves the
embedded stack, where the worker writes and the retrainer reads the same file; the class is
the seam for a shared database in a multi-host deployment.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schemas.events import Card, Feedback

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    upload_id TEXT PRIMARY KEY, filename TEXT, text TEXT NOT NULL, created_at REAL NOT NULL,
    subject TEXT);
CREATE TABLE IF NOT EXISTS cards (
    card_id TEXT PRIMARY KEY, upload_id TEXT NOT NULL, model_version TEXT,
    card_json TEXT NOT NULL, created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS cards_by_upload ON cards(upload_id);
CREATE TABLE IF NOT EXISTS feedback (
    feedback_id TEXT PRIMARY KEY, card_id TEXT NOT NULL, model_version TEXT,
    rating INTEGER NOT NULL, flags TEXT NOT NULL, corrected_question TEXT,
    corrected_answer TEXT, user_id TEXT, submitted_at REAL NOT NULL, trained_in TEXT);
CREATE INDEX IF NOT EXISTS feedback_untrained ON feedback(trained_in);
"""


@dataclass(frozen=True)
class CardRecord:
    card: Card
    upload_id: str
    model_version: str | None


@dataclass(frozen=True)
class StoredUpload:
    """One upload's delivered cards, as `cards` and `export` list them."""

    upload_id: str
    filename: str | None
    subject: str | None
    created_at: float  # when its cards were stored (epoch seconds)
    model_version: str | None
    cards: list[Card]


@dataclass(frozen=True)
class RatedCard:
    """One rating joined with its card and the document it came from."""

    feedback_id: str
    card: Card
    upload_id: str
    model_version: str | None
    rating: int
    flags: list[str]
    corrected_question: str | None
    corrected_answer: str | None
    document: str


def add_column(db: sqlite3.Connection, table: str, column: str) -> None:
    """``ALTER TABLE table ADD COLUMN column``, where another process (the worker and the
    retrainer open the store together) may just have added it: that is no error."""
    try:
        with db:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    except sqlite3.OperationalError as exc:
        if "duplicate column name" not in str(exc):
            raise


class CardStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
        if "subject" not in columns:  # a store made before subjects were kept
            add_column(self._db, "documents", "subject TEXT")

    def save_cards(self, upload_id: str, filename: str, document: str,
                   cards: Iterable[Card], model_version: str | None,
                   subject: str | None = None) -> None:
        now = time.time()
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO documents (upload_id, filename, text, created_at, subject) "
                "VALUES (?, ?, ?, ?, ?)",
                (upload_id, filename, document, now, subject),
            )
            # re-generation yields the same card ids: replace, never duplicate
            self._db.executemany(
                "INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?)",
                [(c.card_id, upload_id, model_version, c.model_dump_json(), now) for c in cards],
            )

    def uploads(self, upload_id: str | None = None,
                since: float | None = None) -> list[StoredUpload]:
        """Every upload's delivered cards, oldest first: what `cards` and `export` show.

        Read from the store, not the flashcards topic: one indexed query instead of replaying
        the topic and waiting to be sure nothing more comes.
        """
        query = ("SELECT d.upload_id, d.filename, d.subject, d.created_at, c.model_version, "
                 "c.card_json FROM documents d JOIN cards c ON c.upload_id = d.upload_id")
        where: list[str] = []
        params: list[str | float] = []
        if upload_id is not None:
            where.append("d.upload_id = ?")
            params.append(upload_id)
        if since is not None:
            where.append("d.created_at >= ?")
            params.append(since)
        if where:
            query += " WHERE " + " AND ".join(where)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY d.created_at, c.rowid", params).fetchall()
        found: dict[str, StoredUpload] = {}
        for uid, filename, subject, created_at, version, card_json in rows:
            upload = found.get(uid)
            if upload is None:
                upload = found[uid] = StoredUpload(uid, filename, subject, created_at, version, [])
            upload.cards.append(Card.model_validate_json(card_json))
        return list(found.values())

    def card(self, card_id: str) -> CardRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT card_json, upload_id, model_version FROM cards WHERE card_id = ?",
                (card_id,),
            ).fetchone()
        if row is None:
            return None
        return CardRecord(Card.model_validate_json(row[0]), row[1], row[2])

    def known_cards(self, card_ids: Iterable[str]) -> dict[str, CardRecord]:
        ids = list(dict.fromkeys(card_ids))
        found: dict[str, CardRecord] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = self._db.execute(
                    "SELECT card_id, card_json, upload_id, model_version FROM cards "
                    f"WHERE card_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                for card_id, card_json, upload_id, version in rows:
                    found[card_id] = CardRecord(Card.model_validate_json(card_json), upload_id,
                                                version)
        return found

    def add_feedback(self, rated: Iterable[tuple[Feedback, str | None]]) -> None:
        """Store ratings, each with the model version that made its card; a feedback id seen
        before is ignored, so a redelivered batch stores nothing twice."""
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                [
                    (f.feedback_id, f.card_id, version, f.rating,
                     json.dumps(f.flags) if f.flags else "[]",
                     f.corrected_question, f.corrected_answer, f.user_id,
                     f.submitted_at.timestamp())
                    for f, version in rated
                ],
            )

    def rated_cards(self, untrained_only: bool = False) -> list[RatedCard]:
        query = (
            "SELECT f.feedback_id, c.card_json, c.upload_id, f.model_version, f.rating, f.flags, "
            "f.corrected_question, f.corrected_answer, d.text FROM feedback f "
            "JOIN cards c ON c.card_id = f.card_id JOIN documents d ON d.upload_id = c.upload_id"
        )
        if untrained_only:
            query += " WHERE f.trained_in IS NULL"
        with self._lock:
            rows = self._db.execute(query + " ORDER BY f.submitted_at").fetchall()
        return [
            RatedCard(fid, Card.model_validate_json(card_json), upload_id, version, rating,
                      json.loads(flags), cq, ca, text)
            for fid, card_json, upload_id, version, rating, flags, cq, ca, text in rows
        ]

    def mark_trained(self, feedback_ids: Iterable[str], run_id: str) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "UPDATE feedback SET trained_in = ? WHERE feedback_id = ?",
                [(run_id, fid) for fid in feedback_ids],
            )

    def live_stats(self) -> dict[str, tuple[int, float]]:
        """Ratings per model version: (count, mean quality 0..1), for `models list`."""
        with self._lock:
            rows = self._db.execute(
                "SELECT COALESCE(model_version, 'baseline'), COUNT(*), AVG((rating - 1) / 4.0) "
                "FROM feedback GROUP BY 1"
            ).fetchall()
        return {version: (count, mean) for version, count, mean in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()

