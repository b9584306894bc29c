"""``cardstream export``: the cards made so far as an Anki deck or CSV, to a file or stdout."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from cardstream import bootstrap
from cardstream.options import Since, Verb, with_settings
from cardstream.output import bar, progress
from streams.settings import Settings

FORMATS = {".apkg": "apkg", ".csv": "csv"}


def export_format(out: str, given: str | None) -> str:
    """The format asked for, else the one ``out``'s extension names (CSV on stdout)."""
    if given is not None:
        return given
    if out == "-":
        return "csv"
    found = FORMATS.get(Path(out).suffix.lower())
    if found is None:
        raise click.BadParameter(
            f"cannot tell the format of {out!r} from its extension; name the file "
            f"{' or '.join('*' + e for e in FORMATS)}, or give --format",
            ctx=click.get_current_context(silent=True), param_hint="'--out'")
    return found


@click.command(cls=Verb)
@click.option("--out", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="the file to write, or - for stdout")
@click.option("--format", "fmt", type=click.Choice(sorted(set(FORMATS.values()))), default=None,
              show_default="from the --out extension; csv for -",
              help="apkg (an Anki deck) or csv")
@click.option("--upload", "upload_id", default=None, show_default="every upload",
              help="only the cards of this upload id")
@click.option("--since", type=Since(), default=None, show_default="the beginning",
              help="only cards made since: a duration (90m, 2d, 1w, 1y) or an ISO date/time")
@click.option("--deck", default="cardstream", help="the Anki deck name")
@with_settings
def export(settings: Settings, out: str, fmt: str | None, upload_id: str | None,
           since: datetime | None, deck: str) -> int:
    """Write the cards made so far as an Anki deck (.apkg) or CSV."""
    from agents.export import write_apkg, write_csv

    fmt = export_format(out, fmt)
    rows: dict[str, Any] = {}  # by card id: a re-generated upload replaces, never duplicates
    stored = bootstrap.delivered_cards(settings, upload_id, since.timestamp() if since else None)
    if stored is not None:  # the card store; the flashcards topic only on a remote cluster
        for upload in stored:
            for card in upload.cards:
                rows[card.card_id] = (card, upload.upload_id, upload.subject, upload.filename)
    else:
        client = bootstrap.client(settings)
        try:
            with bar("reading cards") as reading:
                for event in client.flashcards(follow=False):
                    if upload_id and event.upload_id != upload_id:
                        continue
                    if since and event.produced_at < since:
                        continue
                    for card in event.cards:
                        rows[card.card_id] = (card, event.upload_id, event.subject,
                                              event.filename)
                    reading.describe(f"reading cards: {len(rows)} so far")
        finally:
            client.close()
    if not rows:
        progress("no cards match; nothing written")
        return 1
    write = write_csv if fmt == "csv" else lambda r, p: write_apkg(r, p, deck)
    with bar(f"writing {fmt}"):
        if out == "-":
            # the writers take a path; on stdout the bytes go through a temporary file
            with tempfile.TemporaryDirectory() as tmp:
                path = write(rows.values(), Path(tmp) / f"cards.{fmt}")
                with path.open("rb") as written:
                    shutil.copyfileobj(written, sys.stdout.buffer)
                sys.stdout.buffer.flush()
        else:
            write(rows.values(), Path(out))
    progress(f"{len(rows)} cards written to {'stdout' if out == '-' else out} as {fmt}")
    return 0


COMMANDS = (export,)
