"""Feedback aggregation speed: events/s through the Faust table on one worker.

Side by side in one run: the worker writing the table once per event (``FEEDBACK_BATCH=1``,
Faust's idiom) and once per model version per batch (the default). Each run starts an
embedded stack with only the generate and feedback agents, makes cards to rate, produces N
feedback events for them, and reads the worker's own counter until all N are aggregated.

    .venv/bin/python bench/feedback_throughput.py [--events 50000]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TEXT = (REPO / "cardstream" / "samples" / "photosynthesis.txt").read_text()


def processed(metrics_url: str) -> float:
    body = urllib.request.urlopen(metrics_url, timeout=10).read().decode()
    match = re.search(r'cardstream_events_total\{stage="feedback",status="ok"\} ([0-9.e+]+)', body)
    return float(match.group(1)) if match else 0.0


def run(batch: int, events: int) -> tuple[float, float]:
    from cardstream import bootstrap
    from cardstream.stack import Stack
    from schemas.events import Feedback, UploadOptions
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
            from schemas.events import Text

            with client.watcher() as watch:
                text = Text(upload_id=uuid.uuid4().hex, filename="p.txt",
                            content_type="text/plain", text=TEXT, language="eng",
                            source="text", options=UploadOptions(num_cards=10))
                client.send(text, text.upload_id)
                outcome = watch.wait([text.upload_id], 300)[text.upload_id]
            cards = outcome.flashcards.cards if outcome.flashcards else []
            if not cards:
                raise SystemExit(f"no cards to rate: {outcome.error}")
            batch_events = [
                Feedback(feedback_id=uuid.uuid4().hex, card_id=cards[i % len(cards)].card_id,
                         rating=1 + i % 5)
                for i in range(events)
            ]
            # users' ratings arrive from many clients; one bench client batches like many would
            from streams import kafka

            client._producer = kafka.producer(client.bootstrap, **{
                "linger.ms": 50, "batch.num.messages": 100_000, "batch.size": 1_000_000})
            started = time.perf_counter()
            client.send_many(batch_events, key_of=lambda e: e.card_id)  # type: ignore[attr-defined]
            produced = time.perf_counter() - started
            while processed(url) < events:
                if time.perf_counter() - started > 600:
                    raise SystemExit(f"only {processed(url):.0f} of {events} aggregated")
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
            client.close()
    return events / elapsed, events / produced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--per-event-events", type=int, default=10_000)
    args = parser.parse_args()
    per_event, _ = run(1, args.per_event_events) if args.per_event_events else (1.0, 0)
    batched, producer_rate = run(int(__import__("os").environ.get("FB_BATCH", 2000)), args.events)
    print(f"per-event table writes: {per_event:,.0f} events/s ({args.per_event_events} events)")
    print(f"batched table writes:   {batched:,.0f} events/s ({args.events} events; "
          f"the client produced {producer_rate:,.0f}/s)")
    print(f"ratio {batched / per_event:.2f}x; target >= 10,000 events/s")


if __name__ == "__main__":
    main()
