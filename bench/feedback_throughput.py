"""Feedback aggregation speed: events/s through the Faust table on one worker.

Side by side in one run, the same worker code with two batch sizes:

* ``FEEDBACK_BATCH=1``: every rating its own batch — its own card-store transaction, table write
  and recorded offset (waiting for the broker to acknowledge the table write each time);
* batched (``FEEDBACK_BATCH``, default 2000): the worker takes whatever the feedback reader has
  fetched, up to that many, and writes the store once and the table once per model version.

Each run starts an embedded stack with only the generate and feedback agents, makes cards to
rate, then times from the first rating produced until the worker's own counter
(``cardstream_events_total{stage="feedback",status="ok"}``) reaches N: produce, broker,
decode, validation, store, table and offsets, end to end. Each rating is its own Kafka message.

    .venv/bin/python bench/feedback_throughput.py [--events 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TEXT = (REPO / "cardstream" / "samples" / "photosynthesis.txt").read_text()
POLL_S = 0.05  # reading the counter: ~4 % of the worker's samples in a py-spy profile


def processed(metrics_url: str) -> float:
    body = urllib.request.urlopen(metrics_url, timeout=10).read().decode()
    match = re.search(r'cardstream_events_total\{stage="feedback",status="ok"\} ([0-9.e+]+)', body)
    return float(match.group(1)) if match else 0.0


def run(batch: int, events: int) -> tuple[float, float]:
    """(events/s aggregated end to end, events/s the client produced)."""
    from cardstream import bootstrap
    from cardstream.stack import Stack
    from schemas.events import Feedback, Text, UploadOptions
    from streams import kafka
    from streams.settings import Settings

    with tempfile.TemporaryDirectory() as run_dir:
        settings = Settings(run_dir=Path(run_dir), agents="generate,feedback",
                            feedback_batch=batch, feedback_threshold=10**9, use_encoder=False,
                            topic_prefix="fb-", app_id=f"bench-fb-{batch}")
        with Stack(settings, with_retrainer=False) as stack:
            assert stack.info is not None
            url = stack.info.metrics["worker"]
            client = bootstrap.client(settings)
            # cards to rate: the text stage is skipped, so write the text event directly
            with client.watcher() as watch:
                text = Text(upload_id=uuid.uuid4().hex, filename="p.txt",
                            content_type="text/plain", text=TEXT, language="eng",
                            source="text", options=UploadOptions(num_cards=10))
                client.send(text, text.upload_id)
                outcome = watch.wait([text.upload_id], 300)[text.upload_id]
            cards = outcome.flashcards.cards if outcome.flashcards else []
            if not cards:
                raise SystemExit(f"no cards to rate: {outcome.error}")
            ratings = [
                Feedback(feedback_id=uuid.uuid4().hex, card_id=cards[i % len(cards)].card_id,
                         rating=1 + i % 5)
                for i in range(events)
            ]
            # users' ratings arrive from many clients; one bench client batches like many would
            client._producer = kafka.producer(client.bootstrap, **{
                "linger.ms": 50, "batch.num.messages": 100_000, "batch.size": 1_000_000})
            started = time.perf_counter()
            client.send_many(ratings, key_of=lambda e: e.card_id)  # type: ignore[arg-type, attr-defined]
            produced = time.perf_counter() - started
            while processed(url) < events:
                if time.perf_counter() - started > 600:
                    raise SystemExit(f"only {processed(url):.0f} of {events} aggregated")
                time.sleep(POLL_S)
            elapsed = time.perf_counter() - started
            client.close()
    return events / elapsed, events / produced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--per-event-events", type=int, default=10_000,
                        help="ratings for the FEEDBACK_BATCH=1 row (0 skips it)")
    parser.add_argument("--batch", type=int, default=2000, help="FEEDBACK_BATCH when batched")
    parser.add_argument("--runs", type=int, default=1, help="batched runs (each a fresh stack)")
    args = parser.parse_args()
    per_event = run(1, args.per_event_events)[0] if args.per_event_events else None
    batched = [run(args.batch, args.events) for _ in range(args.runs)]
    rates = [rate for rate, _ in batched]
    if per_event is not None:
        print(f"per event (FEEDBACK_BATCH=1):    {per_event:,.0f} events/s "
              f"({args.per_event_events} events)")
    for rate, producer_rate in batched:
        print(f"batched (FEEDBACK_BATCH={args.batch}): {rate:,.0f} events/s ({args.events} events;"
              f" the client produced {producer_rate:,.0f}/s)")
    median = statistics.median(rates)
    ratio = f"; {median / per_event:.1f}x per event" if per_event else ""
    print(f"batched median {median:,.0f} events/s{ratio}; target >= 10,000 events/s")


if __name__ == "__main__":
    main()
