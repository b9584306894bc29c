"""Start-up, upload→cards overhead and produce rate: the in-memory broker and the durable one
(Tansu on the embedded SeaweedFS S3) side by side in one run.

    flock /tmp/cardstream-bench.lock python -m bench.latency --uploads 12

Per upload, the client times submit → cards event as the user waits for it (a watcher is
already assigned, as `upload --wait` has). The stages report their own time in the events
(``Text.processing_ms`` for OCR, ``Flashcards.processing_ms`` for generation); the overhead is
what is left: Kafka hops, fetch waits, polling, (de)serialisation. The page is the sample photo
``cardstream/samples/water-cycle.png`` (OCR + generation); a warm-up upload loads the engines
first and is not counted. ``--gap S`` pauses S seconds before each upload: the worker's
fetches are short only while records flow (streams.faust_app.FetchPace), so back to back
uploads (``--gap 0``) find it busy, and uploads more than ``BUSY_FOR_S`` apart find it idle, as
a user's first upload does. Start-up is timed to "accepting uploads" (the run file is written:
`upload` works, its events are kept) and to "worker consuming".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.modes import side_by_side
from cardstream import bootstrap
from cardstream.stack import Stack
from schemas.events import UploadOptions
from streams import kafka
from streams.settings import Settings

PAGE = Path(__file__).resolve().parents[1] / "cardstream" / "samples" / "water-cycle.png"


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_mode(ephemeral: bool, uploads: int, records: int, gap_s: float = 0.0) -> dict[str, Any]:
    run_dir = Path(tempfile.mkdtemp(prefix="bench-latency-"))
    settings = Settings(run_dir=run_dir, ephemeral=ephemeral, partitions=2, ocr_workers=1,
                        app_id=f"bench-{uuid.uuid4().hex[:8]}")
    marks: dict[str, float] = {}
    started = time.monotonic()

    def progress(line: str) -> None:
        for key in ("accepting uploads", "worker consuming"):
            if key in line:
                marks[key] = time.monotonic() - started

    result: dict[str, Any] = {}
    stack = Stack(settings, with_retrainer=False, progress=progress).start()
    try:
        result["start_accepting_s"] = marks["accepting uploads"]
        result["start_ready_s"] = marks["worker consuming"]
        client = bootstrap.client(settings)
        options = UploadOptions(num_cards=5)
        with client.watcher() as watch:
            warm = client.upload_file(PAGE, options)
            watch.wait([warm.upload_id], 600)
            rows = []
            for _ in range(uploads):
                time.sleep(gap_s)
                sent = time.perf_counter()
                upload = client.upload_file(PAGE, options)
                outcome = watch.wait([upload.upload_id], 300)[upload.upload_id]
                total_ms = (time.perf_counter() - sent) * 1000
                if outcome.flashcards is None or outcome.text is None:
                    raise SystemExit(f"upload failed: {outcome.status} {outcome.error}")
                ocr_ms = outcome.text.processing_ms
                gen_ms = outcome.flashcards.processing_ms
                rows.append((total_ms, ocr_ms, gen_ms, total_ms - ocr_ms - gen_ms))
        client.close()
        result["total_ms"] = p50([r[0] for r in rows])
        result["ocr_ms"] = p50([r[1] for r in rows])
        result["gen_ms"] = p50([r[2] for r in rows])
        result["overhead_ms"] = p50([r[3] for r in rows])
        result["overhead_all"] = sorted(round(r[3]) for r in rows)
        result["produce_per_s"] = produce_rate(stack.bootstrap, records)
    finally:
        stop_started = time.monotonic()
        stack.stop()
        result["stop_s"] = time.monotonic() - stop_started
    return result


def produce_rate(bootstrap_servers: str, records: int) -> float:
    """1 KB records with the producer settings the clients use (acks=all, idempotence)."""
    from confluent_kafka.admin import AdminClient, NewTopic

    topic = f"bench-produce-{uuid.uuid4().hex[:8]}"
    admin = AdminClient({"bootstrap.servers": bootstrap_servers})
    for future in admin.create_topics([NewTopic(topic, 1, -1)]).values():
        future.result(15)
    producer = kafka.producer(bootstrap_servers)
    value = os.urandom(1000)
    started = time.perf_counter()
    for i in range(records):
        while True:
            try:
                producer.produce(topic, key=str(i).encode(), value=value)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    producer.flush(120)
    return records / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uploads", type=int, default=12, help="timed uploads per broker")
    parser.add_argument("--records", type=int, default=20_000, help="1 KB records produced")
    parser.add_argument("--gap", type=float, default=0.0,
                        help="seconds of pause before each timed upload (4: an idle worker)")
    args = parser.parse_args(argv)
    results = side_by_side(
        lambda ephemeral: run_mode(ephemeral, args.uploads, args.records, args.gap))
    memory, durable = results["memory"], results["durable S3"]
    rows = [
        ("start-up: accepting uploads (s)", "start_accepting_s", "{:.2f}"),
        ("start-up: worker consuming (s)", "start_ready_s", "{:.2f}"),
        ("stop (s)", "stop_s", "{:.2f}"),
        ("upload→cards p50 (ms)", "total_ms", "{:.0f}"),
        ("  OCR stage p50 (ms)", "ocr_ms", "{:.0f}"),
        ("  generation stage p50 (ms)", "gen_ms", "{:.0f}"),
        ("  overhead p50 (ms)", "overhead_ms", "{:.0f}"),
        ("produce, 1 KB records/s", "produce_per_s", "{:,.0f}"),
    ]
    print(f"\n{'':34} {'memory':>10} {'durable S3':>11} {'durable/memory':>15}")
    for label, key, fmt in rows:
        ratio = durable[key] / memory[key] if memory[key] else float("nan")
        print(f"{label:34} {fmt.format(memory[key]):>10} {fmt.format(durable[key]):>11} "
              f"{ratio:>15.2f}")
    for name, result in results.items():
        print(f"overheads, {name} (ms): {result['overhead_all']}")
    print(f"gap before each upload: {args.gap:g} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
