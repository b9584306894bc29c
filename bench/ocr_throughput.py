"""OCR throughput: pages/s through the OCR agent (Kafka in and out) against the machine's ceiling.

Measured side by side in every round, on the same pages, with N = cores:

1. ceiling  N single-threaded ``tesseract FILE - --psm 3`` programs at once: the issue's raw
            limit and the headline ratio's denominator;
2. engine   our OCR engine in N spawned processes (``worker_init``, ``plan_pages`` here,
            ``run_page`` in the pool), no Kafka: what the engine itself does, so the agent's
            Kafka and event overhead shows separately (agent / engine);
3. agent    every page uploaded through the embedded broker to an OCR-only worker (a process
            pool of N single-threaded Tesseracts), timed until its text event is read back.

Two page sets: "short" pages (phototest.tif and one-paragraph renders, where starting a
program is half the work) and "full" pages of prose (~45 lines each). Every round measures the
ceiling and the engine first, then starts the stack, warms it (all N pool processes read a
page, the worker's CPU settles after start-up) and measures the agent; the stack is stopped
before the next round, so no measurement shares the cores with an idle stack. Each agent run
also reports the cores every process of the stack used (the OCR processes; beside them the
broker, the object store, the worker's own process and this client waiting for texts): what
the agent path takes from Tesseract on the same cores, readable even on a loaded machine.
At the end, the seed's design for reference: default-threaded pytesseract, one page at a time.

    flock /tmp/cardstream-bench.lock .venv/bin/python -m bench.ocr_throughput \\
        [--pages 24] [--full-pages 20] [--rounds 2] [--seed-pages 4]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from agents.ocr import OcrConfig, plan_pages, run_page, worker_init  # noqa: E402
from bench.pages import TEXTS, clean, full_page, render_page  # noqa: E402

SHARED = REPO.parent / "shared" / "data"


def short_pages(count: int) -> list[bytes]:
    base = [(SHARED / "phototest.tif").read_bytes()]
    base += [clean(render_page(text)) for text in TEXTS.values()]
    return [base[i % len(base)] for i in range(count)]


def full_pages(count: int) -> list[bytes]:
    base = [clean(full_page(index)) for index in range(len(TEXTS))]
    return [base[i % len(base)] for i in range(count)]


def ceiling(files: list[Path], workers: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "--psm", "3"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))
    return len(files) / (time.perf_counter() - started)


def engine(pages: list[bytes], workers: int) -> float:
    """Pages/s of plan_pages + run_page over N spawned pool processes, as the worker runs them."""
    config = OcrConfig()
    spawn = multiprocessing.get_context("spawn")  # as agents.worker.ocr_pool
    with ProcessPoolExecutor(workers, mp_context=spawn, initializer=worker_init) as pool:
        warm = [job for i, data in enumerate(pages[: 2 * workers])
                for job in plan_pages(data, None, f"warm{i}", config)]
        list(pool.map(run_page, warm, repeat(config)))  # every process started and warm
        started = time.perf_counter()
        jobs = [job for i, data in enumerate(pages)
                for job in plan_pages(data, None, f"p{i}", config)]
        list(pool.map(run_page, jobs, repeat(config)))
        return len(pages) / (time.perf_counter() - started)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, idle_share: float = 0.05, limit_s: float = 60.0) -> None:
    """Wait until process ``pid`` uses under ``idle_share`` of a core (start-up work done:
    imports, model and MLflow warm-up), at most ``limit_s``."""
    deadline = time.monotonic() + limit_s
    last = _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = _cpu_seconds(pid)
        if now - last < idle_share:
            return
        last = now
    print(f"  (worker still busy after {limit_s:.0f} s of waiting; measuring anyway)")


def stack_roles(stack: Any, worker: int) -> dict[str, int]:
    """The stack's processes by role; each counts its descendants unless they are named."""
    from bench.idle_cpu import _stat

    pool = [pid for pid in map(int, filter(str.isdigit, os.listdir("/proc")))
            if (_stat(pid) or (None, 0.0))[0] == worker]
    roles = {"broker": stack.broker.pid, "object store": stack.s3.pid, "worker": worker,
             "this client": os.getpid(), **{f"ocr {pid}": pid for pid in pool}}
    return {role: pid for role, pid in roles.items() if pid is not None}


def cores_by_role(before: dict[str, float], after: dict[str, float],
                  seconds: float) -> dict[str, float]:
    """Cores each role used over ``seconds``; the OCR processes summed as one role."""
    used: dict[str, float] = {}
    for role in after:
        key = "ocr" if role.startswith("ocr ") else role
        used[key] = used.get(key, 0.0) + (after[role] - before.get(role, 0.0)) / seconds
    return used


def through_agent(
    sets: dict[str, list[bytes]], workers: int, gaps: dict[str, float] | None = None
) -> dict[str, tuple[float, float, dict[str, float]]]:
    """Pages/s, seconds, and the cores each process of the stack used (the OCR processes, and
    beside them the broker, the object store, the worker's own process, this client waiting),
    for every page set through one running stack. A set with a gap in ``gaps`` is uploaded one
    page every that many seconds (a steady stream) instead of all at once."""
    from bench.idle_cpu import cpu_by_process
    from cardstream import bootstrap
    from cardstream.stack import Stack
    from schemas.events import UploadOptions
    from streams.settings import Settings

    out = {}
    with tempfile.TemporaryDirectory() as run_dir:
        settings = Settings(run_dir=Path(run_dir), agents="ocr", ocr_workers=workers,
                            partitions=4, topic_prefix="bench-", app_id="bench-ocr")
        with Stack(settings, with_retrainer=False) as stack:
            client = bootstrap.client(settings)
            options = UploadOptions(num_cards=1)
            warm_pages = next(iter(sets.values()))[: 2 * workers]
            with client.watcher() as watch:  # the pool starts a process per concurrent page
                ids = [client.upload_bytes(page, f"warm{i}.png", None, options).upload_id
                       for i, page in enumerate(warm_pages)]
                watch.wait_for_text(ids, 300)
            worker = stack.processes["worker"].pid
            settle(worker)
            roles = stack_roles(stack, worker)
            for name, pages in sets.items():
                with client.watcher() as watch:
                    cpu = cpu_by_process(roles)
                    started = time.perf_counter()
                    ids, gap = [], (gaps or {}).get(name, 0.0)
                    for i, page in enumerate(pages):
                        if gap:  # meanwhile the texts queue in the watcher's consumer
                            time.sleep(max(0.0, started + i * gap - time.perf_counter()))
                        ids.append(client.upload_bytes(page, f"p{i}.png", None, options).upload_id)
                    seen = watch.wait_for_text(ids, 900)
                    elapsed = time.perf_counter() - started
                    cores = cores_by_role(cpu, cpu_by_process(roles), elapsed)
                if len(seen) != len(pages):
                    raise SystemExit(f"{name}: only {len(seen)} of {len(pages)} pages came back")
                out[name] = (len(pages) / elapsed, elapsed, cores)
            client.close()
    return out


def _cores(cores: dict[str, float]) -> str:
    others = sum(used for role, used in cores.items() if role != "ocr")
    return (", ".join(f"{role} {used:.3f}" for role, used in cores.items())
            + f"; beside the OCR processes {others:.3f} of {os.cpu_count()}")


def seed_design(files: list[Path], limit: int) -> float:
    """pytesseract with Tesseract's default OpenMP threads, one call at a time."""
    import pytesseract
    from PIL import Image

    env_before = os.environ.pop("OMP_THREAD_LIMIT", None)  # the tesseract programs inherit it
    try:
        started = time.perf_counter()
        for path in files[:limit]:
            pytesseract.image_to_string(Image.open(path))
        return limit / (time.perf_counter() - started)
    finally:
        if env_before is not None:
            os.environ["OMP_THREAD_LIMIT"] = env_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24, help="short pages per round")
    parser.add_argument("--full-pages", type=int, default=20, help="full pages per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed-pages", type=int, default=4, help="0 skips the seed design")
    parser.add_argument("--steady", action="store_true",
                        help="also send the full pages as a steady stream ('steady'), one every "
                        "1/(1.5 x the round's ceiling) s: uploads keep arriving while the OCR "
                        "processes are saturated, as with many users, not one batch")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    workers = os.cpu_count() or 1
    sets = {"short": short_pages(args.pages), "full": full_pages(args.full_pages)}
    sets = {name: pages for name, pages in sets.items() if pages}
    if args.steady and "full" in sets:
        sets["steady"] = sets["full"]  # the same pages, measured against the same ceiling
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sets}
    beside: dict[str, list[dict[str, float]]] = {name: [] for name in sets}
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[Path]] = {}
        for name, pages in sets.items():
            if name == "steady":
                continue
            files[name] = []
            for i, page in enumerate(pages):
                path = Path(tmp) / f"{name}{i}.img"
                path.write_bytes(page)
                files[name].append(path)
        print(f"{args.pages} short + {args.full_pages} full pages per round, {workers} cores, "
              "OMP_THREAD_LIMIT=1 for ceiling, engine and agent")
        for round_ in range(1, args.rounds + 1):
            before = os.getloadavg()[0]
            alone = {name: (ceiling(files[name], workers), engine(pages, workers))
                     for name, pages in sets.items() if name != "steady"}
            gaps: dict[str, float] = {}
            if "steady" in sets:
                alone["steady"] = alone["full"]
                gaps["steady"] = 1 / (1.5 * alone["full"][0])
            agents = through_agent(sets, workers, gaps)
            # The machine is shared: a ratio is only as good as the load it was measured at.
            print(f"round {round_}: load average (1 min) {before:.1f} at its start,"
                  f" {os.getloadavg()[0]:.1f} at its end")
            for name in sets:
                raw, ours = alone[name]
                agent, elapsed, cores = agents[name]
                rows[name].append((raw, ours, agent))
                beside[name].append(cores)
                print(f"round {round_} {name:5}: ceiling {raw:5.2f}  engine {ours:5.2f}  "
                      f"agent {agent:5.2f} pages/s ({elapsed:4.1f} s) | agent/ceiling "
                      f"{agent / raw:.3f}  engine/ceiling {ours / raw:.3f}  agent/engine "
                      f"{agent / ours:.3f}")
                print(f"    cores used: {_cores(cores)}")
        seed = seed_design(files["short"], args.seed_pages) if args.seed_pages else None
    print()
    for name, values in rows.items():
        headline = [agent / raw for raw, _, agent in values]
        print(f"{name:5} pages, mean of {len(values)} rounds: agent/ceiling "
              f"{statistics.fmean(headline):.3f} (target >= 0.95; per round "
              f"{', '.join(f'{r:.3f}' for r in headline)})  engine/ceiling "
              f"{statistics.fmean(o / r for r, o, _ in values):.3f}  agent/engine "
              f"{statistics.fmean(a / o for _, o, a in values):.3f}")
    # what ran beside Tesseract on the same cores: the agent path's CPU, whatever the load
    for name, runs in beside.items():
        mean = {role: statistics.fmean(run.get(role, 0.0) for run in runs) for role in runs[0]}
        print(f"{name:5} pages, cores used through the agent (mean): {_cores(mean)}")
    if seed is not None and "short" in rows:
        best_raw = max(raw for raw, _, _ in rows["short"])
        print(f"seed design (default threads, one at a time, short pages): {seed:.2f} pages/s = "
              f"{seed / best_raw:.2f}x the ceiling")


if __name__ == "__main__":
    main()
