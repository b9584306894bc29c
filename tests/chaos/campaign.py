"""The reliability campaign, one command: ``make chaos`` (``python -m tests.chaos.campaign``).

Not part of ``make test``: it runs for many minutes. Everything is real: the Tansu broker, the
worker processes, Tesseract, the client. Four parts, each printing what it measured:

1. kill -9 of the worker with >= 150 uploads in flight, three times; the stack's supervisor
   restarts it. Target: 0 lost, 0 duplicate card ids.
2. SIGTERM of ``cardstream up`` mid-stream and a restart, eight times, against a broker that
   outlives it. Target: 0 lost.
3. >= 500 malformed and hostile uploads (blob-URI escapes, FIFO, symlink, frame bombs, oversize
   text, bad options, garbage bytes, ...), with the worker's RSS (its OCR processes included)
   sampled throughout. Target: 0 worker crashes, every one ``error`` with a one-line reason,
   peak RSS under the budget.
4. An external cluster stopped under the running worker and started again, empty, on the same
   address: reported once each way, topics recreated, cards again.
5. Security: TLS and SASL (SCRAM over TLS) end to end for every client, and the embedded
   Tansu's own limits, by running ``tests/integration/test_tls.py`` and ``test_sasl.py``.

Run it under ``flock /tmp/cardstream-bench.lock``; it prints a summary and exits 1 if a target
was missed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
SQUAD = REPO.parent / "shared" / "data" / "squad2_dev_subset.json"
WAIT = 900.0


def paragraphs() -> list[str]:
    return [p["context"] for p in json.loads(SQUAD.read_text())["paragraphs"]]


def settings_for(run_dir: Path, **extra: Any) -> Any:
    from streams.settings import Settings

    tag = uuid.uuid4().hex[:8]
    return Settings(run_dir=run_dir, topic_prefix=f"c{tag}-", app_id=f"chaos-{tag}",
                    partitions=4, ocr_workers=2, use_encoder=False, **extra)


# --- helpers ---------------------------------------------------------------------------------
def rss_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 2**20


class RssSampler(threading.Thread):
    def __init__(self, pid: Callable[[], int]) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopping = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.25):
            pid = self.pid()
            if pid:
                self.peak = max(self.peak, rss_mb(pid))


@contextmanager
def supervising(stack: Any) -> Iterator[None]:
    """What ``cardstream up``'s loop does, in a thread beside the campaign."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(0.3):
            fatal = stack.supervise()
            if fatal:
                print("  !!", fatal, flush=True)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def wait_for(watch: Any, ids: list[str], count: int, timeout: float = 300) -> dict[str, Any]:
    """Outcomes until at least ``count`` uploads are finished (the rest still in flight)."""
    seen: dict[str, Any] = {}
    deadline = time.monotonic() + timeout
    while len(seen) < count and time.monotonic() < deadline:
        pending = [i for i in ids if i not in seen]
        seen.update({k: v for k, v in watch.wait(pending, 0.5).items()
                     if v.status != "pending"})
    return seen


def all_flashcards(client: Any) -> list[Any]:
    return list(client.flashcards(follow=False, idle_timeout=5.0))


def duplicates(client: Any, ids: set[str]) -> tuple[int, int]:
    """(card ids shared by two different uploads or two different cards, uploads delivered more
    than once). A redelivered upload must repeat exactly the same card ids."""
    owner: dict[str, tuple[str, str]] = {}
    clashes, deliveries = 0, Counter[str]()
    for event in all_flashcards(client):
        if event.upload_id not in ids:
            continue
        deliveries[event.upload_id] += 1
        for card in event.cards:
            content = f"{event.upload_id}|{card.question}|{card.answer}"
            seen = owner.setdefault(card.card_id, (event.upload_id, content))
            clashes += seen != (event.upload_id, content)
    return clashes, sum(1 for n in deliveries.values() if n > 1)


# --- 1. kill -9 of the worker ---------------------------------------------------------------
def kill9(rounds: int, uploads: int, base: Path) -> dict[str, Any]:
    from cardstream import bootstrap
    from cardstream.stack import Stack
    from schemas.events import UploadOptions

    texts = paragraphs()
    settings = settings_for(base / "kill9")
    results = []
    with Stack(settings, with_retrainer=False) as stack, supervising(stack):
        client = bootstrap.client(settings)
        for number in range(1, rounds + 1):
            with client.watcher() as watch:
                ids = [client.upload_text(texts[i % len(texts)], UploadOptions(num_cards=3))
                       .upload_id for i in range(uploads)]
                # let a few finish so the kill lands mid-stream, with the rest in flight
                seen = wait_for(watch, ids, 10)
                worker = stack.processes["worker"]
                os.kill(worker.pid, signal.SIGKILL)
                killed_at = len(seen)
                outcomes = {**seen, **watch.wait([i for i in ids if i not in seen], WAIT)}
            lost = sum(1 for o in outcomes.values() if o.status == "pending")
            failed = sum(1 for o in outcomes.values() if o.status == "error")
            clashes, redelivered = duplicates(client, set(ids))
            row = {"round": number, "uploads": uploads, "done_before_kill": killed_at,
                   "lost": lost, "errors": failed, "duplicate_card_ids": clashes,
                   "redelivered_uploads": redelivered,
                   "restarts": stack.supervisor.children["worker"].restarts}
            print("  kill -9", row, flush=True)
            results.append(row)
        client.close()
    return {"rounds": results,
            "ok": all(r["lost"] == 0 and r["duplicate_card_ids"] == 0 and r["errors"] == 0
                      for r in results)}


# --- 2. SIGTERM of `up`, broker kept ---------------------------------------------------------
def sigterm_up(rounds: int, uploads: int, base: Path) -> dict[str, Any]:
    from cardstream import bootstrap
    from cardstream.stack import READY_FILE
    from schemas.events import UploadOptions
    from streams.broker import EmbeddedBroker
    from streams.settings import settings_env
    from streams.topics import create_topics, topic_specs

    texts = paragraphs()
    run_dir = base / "sigterm"
    run_dir.mkdir(parents=True, exist_ok=True)
    results = []
    with EmbeddedBroker(log_path=base / "sigterm-tansu.log") as broker:
        settings = settings_for(run_dir, bootstrap_servers=broker.bootstrap)
        create_topics(broker.bootstrap, topic_specs(settings))
        env = {**os.environ, **settings_env(settings), "PYTHONPATH": str(REPO)}
        log = open(base / "sigterm-up.log", "ab")  # noqa: SIM115

        def start_up() -> subprocess.Popen[bytes]:
            (run_dir / READY_FILE).unlink(missing_ok=True)
            process = subprocess.Popen([sys.executable, "-m", "cardstream.cli", "up"],
                                       stdout=log, stderr=subprocess.STDOUT, env=env)
            deadline = time.monotonic() + 180
            while not (run_dir / READY_FILE).exists():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("`cardstream up` did not get ready; see sigterm-up.log")
                time.sleep(0.2)
            return process

        client = bootstrap.client(settings)
        up = start_up()
        for number in range(1, rounds + 1):
            with client.watcher() as watch:
                ids = [client.upload_text(texts[(number * 7 + i) % len(texts)],
                                          UploadOptions(num_cards=3)).upload_id
                       for i in range(uploads)]
                seen = wait_for(watch, ids, 3)
                up.send_signal(signal.SIGTERM)
                status = up.wait(120)
                up = start_up()
                outcomes = {**seen, **watch.wait([i for i in ids if i not in seen], WAIT)}
            lost = sum(1 for o in outcomes.values() if o.status == "pending")
            errors = sum(1 for o in outcomes.values() if o.status == "error")
            row = {"round": number, "uploads": uploads, "done_before_sigterm": len(seen),
                   "up_exit": status, "lost": lost, "errors": errors}
            print("  SIGTERM up", row, flush=True)
            results.append(row)
        up.send_signal(signal.SIGTERM)
        up.wait(120)
        client.close()
        log.close()
    return {"rounds": results, "ok": all(r["lost"] == 0 and r["errors"] == 0 for r in results)}


# --- 4. an external cluster lost and back ---------------------------------------------------
def broker_return(base: Path, outage_s: float = 15.0) -> dict[str, Any]:
    """The cluster goes away under a running worker and comes back empty on the same address:
    `up` reports it once each way, recreates the topics, and uploads after that get cards."""
    import logging

    from cardstream import bootstrap
    from cardstream.stack import Stack
    from schemas.events import UploadOptions
    from streams.broker import EmbeddedBroker
    from streams.ports import free_port

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logging.getLogger("cardstream").addHandler(Keep(logging.WARNING))
    texts = paragraphs()
    port = free_port()
    broker = EmbeddedBroker(port=port, log_path=base / "return-tansu.log").start()
    settings = settings_for(base / "return", bootstrap_servers=broker.bootstrap)
    with Stack(settings, with_retrainer=False) as stack, supervising(stack):
        client = bootstrap.client(settings)
        with client.watcher() as watch:
            before = client.upload_text(texts[0], UploadOptions(num_cards=2)).upload_id
            first = watch.wait([before], WAIT)[before].status
        client.close()
        broker.stop()
        time.sleep(outage_s)
        broker = EmbeddedBroker(port=port, log_path=base / "return-tansu.log").start()
        returned = time.monotonic()
        client = bootstrap.client(settings)
        deadline = time.monotonic() + WAIT
        status, after = "pending", ""
        while status != "ok" and time.monotonic() < deadline:
            try:
                with client.watcher() as watch:
                    after = client.upload_text(texts[1], UploadOptions(num_cards=2)).upload_id
                    status = watch.wait([after], 60)[after].status
            except Exception as exc:  # topics not there yet: the stack recreates them
                status = f"retry ({type(exc).__name__})"
                time.sleep(2)
        resumed_s = time.monotonic() - returned
        client.close()
        restarts = stack.supervisor.children["worker"].restarts
    broker.stop()
    row = {"before_outage": first, "after_return": status,
           "seconds_from_return_to_cards": round(resumed_s, 1),
           "loss_reports": sum("unreachable" in r for r in records),
           "return_reports": sum("is back" in r for r in records),
           "worker_restarts": restarts}
    print("  broker return", row, flush=True)
    row["ok"] = (first == "ok" and status == "ok" and row["loss_reports"] == 1
                 and row["return_reports"] == 1)
    return row


# --- 3. hostile uploads ---------------------------------------------------------------------
def tiff(frames: int, size: tuple[int, int], mode: str = "1") -> bytes:
    pages = [Image.new(mode, size, 1 if mode == "1" else 255) for _ in range(frames)]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", compression="group4" if mode == "1" else "tiff_lzw",
                  save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def hostile_cases(client: Any, scratch: Path,
                  page_pixels: int) -> list[tuple[str, Callable[[str], None]]]:
    """(category, send(upload_id)) pairs: each send produces one hostile upload."""
    from schemas.events import Upload, UploadOptions
    from streams import kafka

    codec, topic = client.codec, client.topic("uploads")

    def raw(upload_id: str, value: bytes | None) -> None:
        kafka.produce_sync(client._producer, topic, upload_id, value)

    def event(upload_id: str, **fields: Any) -> bytes:
        values = {"upload_id": upload_id, "filename": "x.bin", "content_type": "text/plain",
                  "size_bytes": 1, "sha256": "", "data": None, "blob_uri": None,
                  "options": UploadOptions(), "user_id": None}
        values.update(fields)
        return codec.encode(Upload.model_construct(**values))

    def options(**bad: Any) -> Any:
        good = UploadOptions().model_dump()
        good.update(bad)
        return UploadOptions.model_construct(**good)

    def inline(upload_id: str, data: bytes, **fields: Any) -> None:
        raw(upload_id, event(upload_id, data=data, sha256=hashlib.sha256(data).hexdigest(),
                             size_bytes=len(data), **fields))

    passwd = Path("/etc/passwd").read_bytes()
    passwd_sha = hashlib.sha256(passwd).hexdigest()
    store = client.blobs

    def fifo(upload_id: str) -> None:
        digest = hashlib.sha256(upload_id.encode()).hexdigest()
        path = store.path_of(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        raw(upload_id, event(upload_id, blob_uri=path.as_uri(), sha256=digest))

    def symlink(upload_id: str) -> None:
        path = store.path_of(passwd_sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_symlink():
            path.unlink(missing_ok=True)
            path.symlink_to("/etc/passwd")
        raw(upload_id, event(upload_id, blob_uri=path.as_uri(), sha256=passwd_sha))

    def device(upload_id: str) -> None:
        digest = hashlib.sha256(b"dev-zero").hexdigest()
        path = store.path_of(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_symlink():
            path.symlink_to("/dev/zero")
        raw(upload_id, event(upload_id, blob_uri=path.as_uri(), sha256=digest))

    bomb = tiff(50, (3000, 3000))  # 450 MP in ~10 KB, over the per-upload budget
    heavy = tiff(12, (3000, 3000))  # 108 MP: within budget, decoded frame by frame, no text
    png = io.BytesIO()
    Image.new("L", (400, 300), 255).save(png, format="PNG")
    tif = io.BytesIO()
    Image.new("L", (600, 400), 255).save(tif, format="TIFF")
    # a header claiming 9000x9000 with its CRC fixed, so the PNG decoder believes it and our
    # per-page pixel budget, not a checksum or Pillow's own bomb guard, is what refuses it
    huge_png = bytearray(png.getvalue())
    huge_png[16:24] = (9000).to_bytes(4, "big") * 2
    huge_png[29:33] = zlib.crc32(bytes(huge_png[12:29])).to_bytes(4, "big")
    big_text = ("Word " * 220_000).encode()  # 1.1 MB by claim-check, read in sections
    # over CARDSTREAM_MAX_TEXT_CHARS (2,000,000): refused by the setting, with its name
    too_long = "\n\n".join(paragraphs() * 40).encode()
    valid = event("x", data=b"text", sha256=hashlib.sha256(b"text").hexdigest())

    def put_blob(upload_id: str, data: bytes, name: str, kind: str) -> None:
        uri, digest = store.put(data)
        raw(upload_id, event(upload_id, blob_uri=uri, sha256=digest, size_bytes=len(data),
                             filename=name, content_type=kind))

    cases: list[tuple[str, Callable[[str], None]]] = [
        ("blob: file:///etc/passwd, no sha",
         lambda u: raw(u, event(u, blob_uri="file:///etc/passwd"))),
        ("blob: file:///etc/passwd with its sha",
         lambda u: raw(u, event(u, blob_uri="file:///etc/passwd", sha256=passwd_sha))),
        ("blob: ../ out of the store", lambda u: raw(u, event(
            u, blob_uri=f"{store.root.as_uri()}/ab/../../../../etc/passwd", sha256=passwd_sha))),
        ("blob: http URI", lambda u: raw(u, event(u, blob_uri="http://169.254.169.254/",
                                                   sha256=passwd_sha))),
        ("blob: FIFO in the store", fifo),
        ("blob: symlink to /etc/passwd", symlink),
        ("blob: symlink to /dev/zero", device),
        ("blob: sha of other bytes", lambda u: raw(u, event(
            u, blob_uri=store.put(b"real bytes")[0], sha256=passwd_sha))),
        ("frame bomb 50x3000x3000 TIFF", lambda u: client.upload_bytes(
            bomb, "bomb.tiff", "image/tiff", upload_id=u)),
        ("pixel-bomb PNG header", lambda u: inline(u, bytes(huge_png), filename="big.png",
                                                   content_type="image/png")),
        ("oversize text 1.1 MB, no sentences", lambda u: client.upload_bytes(
            big_text, "big.txt", "text/plain", upload_id=u)),
        ("text over CARDSTREAM_MAX_TEXT_CHARS", lambda u: client.upload_bytes(
            too_long, "book.txt", "text/plain", upload_id=u)),
        ("bad options: num_cards", lambda u: inline(u, b"Some text.",
                                                    options=options(num_cards=100_000))),
        ("bad options: min_confidence", lambda u: inline(u, b"Some text.",
                                                         options=options(min_confidence=500))),
        ("bad options: difficulty", lambda u: inline(u, b"Some text.",
                                                     options=options(difficulty="godlike"))),
        ("bad options: no types", lambda u: inline(u, b"Some text.",
                                                   options=options(question_types=[]))),
        ("garbage bytes", lambda u: raw(u, os.urandom(200))),
        ("null value", lambda u: raw(u, None)),
        ("unknown fingerprint", lambda u: raw(u, valid[:2] + os.urandom(8) + valid[10:])),
        ("data and sha disagree", lambda u: raw(u, event(u, data=b"abc", sha256=passwd_sha))),
        ("truncated TIFF", lambda u: inline(u, tif.getvalue()[:120], filename="cut.tiff",
                                            content_type="image/tiff")),
        ("corrupt PNG", lambda u: inline(u, b"\x89PNG\r\n\x1a\n" + os.urandom(300),
                                         filename="x.png", content_type="image/png")),
        ("zero bytes", lambda u: inline(u, b"", filename="empty.txt")),
        ("GIF", lambda u: inline(u, b"GIF89a" + os.urandom(100), filename="x.gif")),
        ("garbage PDF", lambda u: inline(u, b"%PDF-1.7\n" + os.urandom(400),
                                         filename="x.pdf", content_type="application/pdf")),
        ("unknown language", lambda u: inline(u, b"Mitochondria make ATP. Cells need it.",
                                              options=options(language="xx"))),
        ("binary as text", lambda u: inline(u, os.urandom(2000), filename="x.txt")),
        ("blank page image", lambda u: inline(u, png.getvalue(), filename="blank.png",
                                              content_type="image/png")),
    ]
    heavy_case = ("heavy 12x3000x3000 TIFF (within budget, blank)", lambda u: put_blob(
        u, heavy, "heavy.tiff", "image/tiff"))
    # one blank page just within the per-page limit the memory budget derives: every
    # preprocessing candidate is tried on it, the most memory one page can take
    side = int(page_pixels ** 0.5)
    edge = io.BytesIO()
    Image.new("L", (side, side), 255).save(edge, format="PNG")
    edge_case = (f"blank page at the per-page limit ({side}x{side})", lambda u: inline(
        u, edge.getvalue(), filename="edge.png", content_type="image/png"))
    return [*cases, edge_case, heavy_case]


def hostile(total: int, base: Path) -> dict[str, Any]:
    from agents.pipeline.budget import memory_budget
    from cardstream import bootstrap
    from cardstream.stack import Stack

    # blobs on the local file system (the embedded S3 keeps them in its bucket otherwise), so
    # the FIFO, symlink, device and ../ cases meet the checks they are aimed at
    settings = settings_for(base / "hostile", ephemeral=True)
    budget = memory_budget(settings.worker_memory_mb, settings.ocr_workers,
                           settings.blob_max_bytes, settings.max_upload_pixels)
    print(f"  memory budget (CARDSTREAM_WORKER_MEMORY_MB): {budget.describe()}", flush=True)
    with Stack(settings, with_retrainer=False) as stack, supervising(stack):
        client = bootstrap.client(settings)
        cases = hostile_cases(client, base, budget.max_page_pixels)
        worker_pid = stack.processes["worker"].pid
        sampler = RssSampler(lambda: getattr(stack.processes.get("worker"), "pid", 0))
        sampler.start()
        idle_mb = rss_mb(worker_pid)
        edge, heavy = cases[-2:]
        plan = [cases[i % (len(cases) - 2)] for i in range(total)]
        random.Random(10).shuffle(plan)
        # three of the heaviest at once, first, as in the memory finding
        plan = [edge, edge, edge, heavy, heavy, heavy, *plan]
        category: dict[str, str] = {}
        with client.watcher() as watch:
            for name, send in plan:
                upload_id = uuid.uuid4().hex
                category[upload_id] = name
                send(upload_id)
            outcomes = watch.wait(list(category), WAIT)
        sampler.stopping.set()
        sampler.join()
        restarts = stack.supervisor.children["worker"].restarts
        same_worker = stack.processes["worker"].pid == worker_pid
        client.close()
    by_category: dict[str, Counter[str]] = {}
    bad_reasons = []
    for upload_id, outcome in outcomes.items():
        name = category[upload_id]
        by_category.setdefault(name, Counter())[outcome.status] += 1
        reason = outcome.error.reason if outcome.error else ""
        clean = (outcome.status == "error" and reason and "\n" not in reason
                 and "Traceback" not in reason and outcome.error.upload_id == upload_id)
        if not clean:
            bad_reasons.append((name, outcome.status, reason[:160]))
    examples = {}
    for upload_id, outcome in outcomes.items():
        if outcome.error is not None:
            examples.setdefault(category[upload_id], outcome.error.reason[:140])
    for name in sorted(by_category):
        print(f"  {name:48s} {dict(by_category[name])}  e.g. {examples.get(name, '')!r}")
    internal = sum(1 for o in outcomes.values()
                   if o.error is not None and o.error.reason.startswith("internal error"))
    result = {"uploads": len(plan), "errors_with_clear_reason": len(plan) - len(bad_reasons),
              "not_clean": bad_reasons[:20], "internal_errors": internal,
              "worker_restarts": restarts, "same_worker_pid": same_worker,
              "worker_rss_idle_mb": round(idle_mb), "worker_rss_peak_mb": round(sampler.peak),
              "budget_mb": settings.worker_memory_mb}
    result["ok"] = (not bad_reasons and restarts == 0 and same_worker
                    and sampler.peak < settings.worker_memory_mb)
    return result


def security() -> dict[str, Any]:
    """The TLS and SASL tests, run as they are in ``make test``, their verdict recorded."""
    files = ["tests/integration/test_tls.py", "tests/integration/test_sasl.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *files], cwd=REPO, capture_output=True, text=True, check=False)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    print(f"  {last}", flush=True)
    return {"tests": files, "result": last, "ok": done.returncode == 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="kill9,sigterm,hostile,return,security")
    parser.add_argument("--kill-rounds", type=int, default=3)
    parser.add_argument("--kill-uploads", type=int, default=150)
    parser.add_argument("--sigterm-rounds", type=int, default=8)
    parser.add_argument("--sigterm-uploads", type=int, default=30)
    parser.add_argument("--hostile", type=int, default=500)
    parser.add_argument("--out", type=Path, default=REPO / ".run" / "chaos")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args.out.mkdir(parents=True, exist_ok=True)
    parts = args.parts.split(",")
    print(f"load: {os.getloadavg()}", flush=True)
    summary: dict[str, Any] = {}
    started = time.monotonic()
    if "kill9" in parts:
        print("1. kill -9 of the worker mid-stream", flush=True)
        summary["kill9"] = kill9(args.kill_rounds, args.kill_uploads, args.out)
    if "sigterm" in parts:
        print("2. SIGTERM of `cardstream up` mid-stream, broker kept", flush=True)
        summary["sigterm"] = sigterm_up(args.sigterm_rounds, args.sigterm_uploads, args.out)
    if "hostile" in parts:
        print("3. hostile uploads", flush=True)
        summary["hostile"] = hostile(args.hostile, args.out)
    if "return" in parts:
        print("4. an external cluster lost and back, empty", flush=True)
        summary["broker_return"] = broker_return(args.out)
    if "security" in parts:
        print("5. TLS and SASL end to end", flush=True)
        summary["security"] = security()
    summary["seconds"] = round(time.monotonic() - started)
    summary["load_after"] = os.getloadavg()
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    print(json.dumps(summary, indent=2, default=str))
    return 0 if all(part.get("ok") for part in summary.values() if isinstance(part, dict)) else 1


if __name__ == "__main__":
    sys.exit(main())
