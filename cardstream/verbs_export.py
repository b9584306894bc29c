"""``cardstream export``: the cards on the flashcards topic as an Anki deck or CSV."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cardstream import bootstrap
from cardstream.output import progress
from streams.settings import Settings


def parse_since(value: str) -> datetime:
    """An ISO date/time, or a look-back like 2h, 3d, 30m."""
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    if value[:-1].isdigit() and value[-1] in units:
        return datetime.now(UTC) - timedelta(**{units[value[-1]]: int(value[:-1])})
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from agents.export import write_apkg, write_csv

    since = parse_since(args.since) if args.since else None
    client = bootstrap.client(settings)
    rows: dict[str, Any] = {}  # by card id: a re-generated upload replaces, never duplicates
    try:
        for event in client.flashcards(follow=False):
            if args.upload and event.upload_id != args.upload:
                continue
            if since and event.produced_at < since:
                continue
            for card in event.cards:
                rows[card.card_id] = (card, event.upload_id, event.subject, event.filename)
    finally:
        client.close()
    if not rows:
        progress("no cards match; nothing written")
        return 1
    out = Path(args.out)
    if args.format == "apkg":
        write_apkg(rows.values(), out, args.deck)
    else:
        write_csv(rows.values(), out)
    print(f"{len(rows)} cards written to {out}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="write cards as an Anki deck (.apkg) or CSV")
    p.add_argument("--upload", help="only this upload's cards")
    p.add_argument("--since", help="only cards made since: ISO time or 30m / 2h / 3d / 1w")
    p.add_argument("--format", choices=["apkg", "csv"], default="apkg")
    p.add_argument("--deck", default="cardstream")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)
