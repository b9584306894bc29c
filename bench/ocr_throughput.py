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

The wall clock of a shared machine moves with what else runs (a ratio of 0.66 at load 12 is
the load, not the agent), so every run also reports CPU seconds per page (the ceiling's
tesseract programs; the engine's pool processes and this process; the agent's whole stack, the
waiting client left out) and the share of the run the OCR processes had work (on a core or
waiting in a run queue, /proc/PID/schedstat). The share is what the load leaves alone: under
~99 % pages waited on the Kafka path, a tail or a start-up cost, not on Tesseract. CPU seconds
per page move with the load too (cache contention: a clean full page took 1.5-2.1 CPU-s at
load 10-16), so "by CPU per page" compares runs only at a similar load, like the wall clock.
The CPU per page is also told apart: in the OCR processes themselves (the same ``run_page``
through the engine and through the agent) and beside them (this process planning for the
engine; broker, object store and worker for the agent), so a gap shows where it is.
At the end, the seed's design for reference: default-threaded pytesseract, one page at a time.

The host's speed drifts between rounds (+-25 %), so one round's ceiling and agent are a pair
measured next to each other, and the order alternates (ceiling first in odd rounds, the agent
first in even ones: ABBA), so a drift within a round hits both sides alike. The headline is
the mean of the per-round ratios with a 95 % bootstrap interval over rounds
(scipy.stats.bootstrap, percentile), by the wall clock and by CPU seconds per page (the
ceiling's programs against the agent's OCR processes, and against its whole stack); an
interval that holds 0.95 does not say the target is met or missed. A loaded machine stretches
a page's wall time, and with it the stack's CPU per page beside the OCR processes (a rate of
polling, not work per page), so the ratio is also projected onto idle cores: the OCR processes'
CPU per page against the ceiling's, less the share of the N cores the rest of the stack takes
(the cores it used per second of the run). ``--no-engine`` leaves the
engine out (a third of a round's time) when only agent/ceiling is wanted. ``--trace`` shows
where each OCR process's time went through the agent (:class:`PoolSampler`, every 2 ms): reading
pages, no job before its first page, between pages (the pool not fed) and after its last page
(the tail, and the hops of the last text to the client), waiting for the rest of a job (a job
larger than the pipe, written by the worker's feeder thread while the process waits).

    flock /tmp/cardstream-bench.lock .venv/bin/python -m bench.ocr_throughput \\
        [--pages 24] [--full-pages 20] [--rounds 2] [--seed-pages 4] [--no-engine] [--trace]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

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


class Run(NamedTuple):
    """One timed run: pages/s by the wall clock, CPU seconds per page, and the share of the
    run the OCR processes were on a core or waiting for one (None where not measured).
    ``ocr_cpu`` is the part of ``cpu`` spent in the OCR processes themselves (None for the
    ceiling, whose programs are nothing else): apart from what runs beside them (planning
    and pickling in this process for the engine; broker, object store and worker for the
    agent), it says whether a page costs Tesseract's processes more through the agent."""

    rate: float
    cpu: float
    demand: float | None = None
    ocr_cpu: float | None = None


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _sched_seconds(pids: list[int]) -> float:
    """Seconds the main threads of ``pids`` (where a pool process reads its pages) spent on a
    core or runnable in a run queue (/proc/PID/schedstat): the time they had work, whatever
    else the shared machine ran. Helper threads are left out: one waiting for a core beside
    the main thread is no more work for the process."""
    total = 0
    for pid in pids:
        try:
            on_cpu, waiting = Path(f"/proc/{pid}/schedstat").read_text().split()[:2]
        except (OSError, ValueError):
            continue
        total += int(on_cpu) + int(waiting)
    return total / 1e9


def ceiling(files: list[Path], workers: int) -> Run:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "--psm", "3"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    cpu = _children_cpu()  # the tesseract programs, each waited for by subprocess.run
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))
    elapsed = time.perf_counter() - started
    return Run(len(files) / elapsed, (_children_cpu() - cpu) / len(files))


def engine(pages: list[bytes], workers: int) -> Run:
    """Pages/s of plan_pages + run_page over N spawned pool processes, as the worker runs them;
    its CPU counts the pool processes and this one (planning, pickling pages to the pool)."""
    config = OcrConfig()
    spawn = multiprocessing.get_context("spawn")  # as agents.worker.ocr_pool
    with ProcessPoolExecutor(workers, mp_context=spawn, initializer=worker_init) as pool:
        warm = [job for i, data in enumerate(pages[: 2 * workers])
                for job in plan_pages(data, None, f"warm{i}", config)]
        list(pool.map(run_page, warm, repeat(config)))  # every process started and warm
        pids = list(pool._processes)  # started by the warm-up; no public accessor
        ocr, here = sum(_cpu_seconds(pid) for pid in pids), time.process_time()
        sched = _sched_seconds(pids)
        started = time.perf_counter()
        jobs = [job for i, data in enumerate(pages)
                for job in plan_pages(data, None, f"p{i}", config)]
        list(pool.map(run_page, jobs, repeat(config)))
        elapsed = time.perf_counter() - started
        ocr = sum(_cpu_seconds(pid) for pid in pids) - ocr
        here = time.process_time() - here
        demand = (_sched_seconds(pids) - sched) / (workers * elapsed)
        return Run(len(pages) / elapsed, (ocr + here) / len(pages), demand, ocr / len(pages))


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

    children = [pid for pid in map(int, filter(str.isdigit, os.listdir("/proc")))
                if (_stat(pid) or (None, 0.0))[0] == worker]
    # The spawn context's resource tracker is a child of the worker too, and never reads a
    # page: counted as an OCR process, it made the pool look idle a third of the time.
    pool = [pid for pid in children if b"spawn_main" in _cmdline(pid)]
    roles = {"broker": stack.broker.pid, "object store": stack.s3.pid, "worker": worker,
             "this client": os.getpid(), **{f"ocr {pid}": pid for pid in pool},
             **{f"worker child {pid}": pid for pid in children if pid not in pool}}
    return {role: pid for role, pid in roles.items() if pid is not None}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def cores_by_role(before: dict[str, float], after: dict[str, float],
                  seconds: float) -> dict[str, float]:
    """Cores each role used over ``seconds``; the OCR processes summed as one role."""
    used: dict[str, float] = {}
    for role in after:
        key = "ocr" if role.startswith("ocr ") else "worker" if role.startswith("worker ") else role
        used[key] = used.get(key, 0.0) + (after[role] - before.get(role, 0.0)) / seconds
    return used


class PoolSampler:
    """What each pool process's main thread is doing, sampled every ``period`` seconds from
    /proc/PID/syscall (no tracer: the OCR processes run as they do unwatched): on a core or
    in a system call of its page work ("page"), blocked reading the 4-byte length of a job
    from the pool's pipe ("no job": nothing queued for it), blocked reading the rest of a job
    ("rest of job": the worker's feeder thread has not written it yet), or writing a result.
    Each sample stands for the time since the one before; the sampling runs in this client."""

    READ, WRITE = 0, 1  # x86-64 system call numbers

    def __init__(self, pids: list[int], period: float = 0.002) -> None:
        self.pids = pids
        self.period = period
        self.samples: dict[int, list[tuple[float, str]]] = {pid: [] for pid in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pool-sampler", daemon=True)

    def state(self, pid: int) -> str:
        try:
            fields = Path(f"/proc/{pid}/syscall").read_text().split()
        except OSError:
            return "gone"
        if not fields or fields[0] == "running" or not fields[0].isdigit():
            return "page"
        number = int(fields[0])
        if number == self.READ and len(fields) > 3:
            return "no job" if int(fields[3], 16) == 4 else "rest of job"
        return "result" if number == self.WRITE else "page"

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.perf_counter()
            for pid in self.pids:
                self.samples[pid].append((now, self.state(pid)))
            time.sleep(self.period)

    def __enter__(self) -> PoolSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def timeline(self, pid: int, started: float, elapsed: float) -> str:
        """Where ``pid``'s time went over the run from ``started`` (perf_counter) for
        ``elapsed`` seconds: each state's seconds, and the first and last page sampled."""
        spent: dict[str, float] = {}
        pages = [t - started for t, state in self.samples[pid] if state == "page"
                 and 0 <= t - started <= elapsed]
        first, last = (pages[0], pages[-1]) if pages else (0.0, 0.0)
        before = after = 0.0
        previous = started
        for t, state in self.samples[pid]:
            if t <= started or previous >= started + elapsed:
                previous = t
                continue
            took = min(t, started + elapsed) - max(previous, started)
            previous = t
            at = t - started
            if state == "no job" and at <= first:
                before += took
            elif state == "no job" and at >= last:
                after += took
            else:
                spent[state] = spent.get(state, 0.0) + took
        return (f"ocr {pid}: pages {spent.get('page', 0.0):.3f} s ({first:.2f}-{last:.2f}); "
                f"no job before its first page {before:.3f} s, between pages "
                f"{spent.get('no job', 0.0):.3f} s, after its last page {after:.3f} s; "
                f"waiting for the rest of a job {spent.get('rest of job', 0.0):.3f} s; "
                f"handing back results {spent.get('result', 0.0):.3f} s (run {elapsed:.2f} s)")


def through_agent(
    sets: dict[str, list[bytes]], workers: int, gaps: dict[str, float] | None = None,
    trace: bool = False,
) -> dict[str, tuple[Run, float, dict[str, float]]]:
    """The run, its seconds, and the cores each process of the stack used (the OCR processes, and
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
                ocr = [pid for role, pid in roles.items() if role.startswith("ocr ")]
                sampler = PoolSampler(ocr) if trace else contextlib.nullcontext()
                with client.watcher() as watch, sampler:
                    cpu = cpu_by_process(roles)
                    sched = _sched_seconds(ocr)
                    started, mono = time.perf_counter(), time.monotonic()
                    ids, gap = [], (gaps or {}).get(name, 0.0)
                    for i, page in enumerate(pages):
                        if gap:  # meanwhile the texts queue in the watcher's consumer
                            time.sleep(max(0.0, started + i * gap - time.perf_counter()))
                        ids.append(client.upload_bytes(page, f"p{i}.png", None, options).upload_id)
                    seen = watch.wait_for_text(ids, 900)
                    elapsed = time.perf_counter() - started
                    cores = cores_by_role(cpu, cpu_by_process(roles), elapsed)
                    demand = (_sched_seconds(ocr) - sched) / (len(ocr) * elapsed)
                if isinstance(sampler, PoolSampler):
                    back = sorted(at - (mono - watch._started) for at in seen.values())
                    print(f"  {name}: texts back at {back[0]:.2f}-{back[-1]:.2f} s; each OCR "
                          "process's time (s from the first upload):")
                    for pid in ocr:
                        print("    " + sampler.timeline(pid, started, elapsed))
                if len(seen) != len(pages):
                    raise SystemExit(f"{name}: only {len(seen)} of {len(pages)} pages came back")
                # the stack's CPU per page: what serving a page costs, the client's left out
                # (the ceiling has none: its programs read the files themselves)
                stack_cpu = sum(used for role, used in cores.items() if role != "this client")
                per_page = elapsed / len(pages)
                out[name] = (Run(len(pages) / elapsed, stack_cpu * per_page, demand,
                                 cores.get("ocr", 0.0) * per_page), elapsed, cores)
            client.close()
    return out


def _others(cores: dict[str, float]) -> float:
    """Cores the stack used beside its OCR processes (this client waiting left out)."""
    return sum(used for role, used in cores.items() if role not in ("ocr", "this client"))


def _cores(cores: dict[str, float]) -> str:
    others = sum(used for role, used in cores.items() if role != "ocr")
    return (", ".join(f"{role} {used:.3f}" for role, used in cores.items())
            + f"; beside the OCR processes {others:.3f} of {os.cpu_count()}")


def _cpu(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.3f}"


def _beside(run: Run) -> float | None:
    """CPU seconds per page outside the OCR processes (None where not told apart)."""
    return None if run.ocr_cpu is None else run.cpu - run.ocr_cpu


def _rate(run: Run | None) -> str:
    return "    -" if run is None else f"{run.rate:5.2f}"


def _ratio(top: Run | None, bottom: Run | None) -> str:
    return "-" if top is None or bottom is None else f"{top.rate / bottom.rate:.3f}"


def _share(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f} %"


def interval(ratios: list[float], level: float = 0.95) -> tuple[float, float] | None:
    """The ``level`` bootstrap interval of the mean of per-round ratios (None under 3 rounds,
    where resampling tells nothing); percentile, since BCa needs more rounds than a bench has."""
    if len(ratios) < 3:
        return None
    import numpy as np
    from scipy.stats import bootstrap

    found = bootstrap((np.asarray(ratios),), np.mean, confidence_level=level,
                      n_resamples=9999, method="percentile", random_state=0)
    return float(found.confidence_interval.low), float(found.confidence_interval.high)


def summary(ratios: list[float]) -> str:
    """'mean [low, high]' over rounds, then every round's ratio."""
    bounds = interval(ratios)
    spread = "" if bounds is None else f" [{bounds[0]:.3f}, {bounds[1]:.3f}]"
    return (f"{statistics.fmean(ratios):.3f}{spread} (per round "
            f"{', '.join(f'{r:.3f}' for r in ratios)})")


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
    parser.add_argument("--no-engine", action="store_true",
                        help="leave the engine out: agent and ceiling only")
    parser.add_argument("--steady", action="store_true",
                        help="also send the full pages as a steady stream ('steady'), one every "
                        "1/(1.5 x the round's ceiling) s: uploads keep arriving while the OCR "
                        "processes are saturated, as with many users, not one batch")
    parser.add_argument("--trace", action="store_true",
                        help="sample what each OCR process of the agent does every 2 ms and "
                        "print where its time went: pages, no job (before its first page, "
                        "between pages, after its last), waiting for the rest of a job; the "
                        "sampling takes ~0.05 of a core in this client (measured at load 14-16)")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    workers = os.cpu_count() or 1
    sets = {"short": short_pages(args.pages), "full": full_pages(args.full_pages)}
    sets = {name: pages for name, pages in sets.items() if pages}
    if args.steady and "full" in sets:
        sets["steady"] = sets["full"]  # the same pages, measured against the same ceiling
    rows: dict[str, list[tuple[Run, Run | None, Run]]] = {name: [] for name in sets}
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

            def alone_runs() -> dict[str, tuple[Run, Run | None]]:
                runs: dict[str, tuple[Run, Run | None]] = {
                    name: (ceiling(files[name], workers),
                           None if args.no_engine else engine(pages, workers))
                    for name, pages in sets.items() if name != "steady"}
                if "steady" in sets:
                    runs["steady"] = runs["full"]
                return runs

            # ABBA: the ceiling first in odd rounds, the agent first in even ones; the steady
            # stream's pace then comes from the previous round's ceiling
            gaps: dict[str, float] = {}
            if round_ % 2:
                alone = alone_runs()
            if "steady" in sets:
                gaps["steady"] = 1 / (1.5 * alone["full"][0].rate)
            agents = through_agent(sets, workers, gaps, args.trace)
            if not round_ % 2:
                alone = alone_runs()
            # The machine is shared: a ratio is only as good as the load it was measured at.
            order = "ceiling, then agent" if round_ % 2 else "agent, then ceiling"
            print(f"round {round_} ({order}): load average (1 min) {before:.1f} at its start,"
                  f" {os.getloadavg()[0]:.1f} at its end")
            for name in sets:
                raw, ours = alone[name]
                agent, elapsed, cores = agents[name]
                rows[name].append((raw, ours, agent))
                beside[name].append(cores)
                print(f"round {round_} {name:5}: ceiling {raw.rate:5.2f}  engine {_rate(ours)}"
                      f"  agent {agent.rate:5.2f} pages/s ({elapsed:4.1f} s) | agent/ceiling "
                      f"{agent.rate / raw.rate:.3f}  engine/ceiling {_ratio(ours, raw)}  "
                      f"agent/engine {_ratio(agent, ours)}")
                print(f"    CPU s/page: ceiling {raw.cpu:.3f}  engine {_cpu(ours and ours.cpu)}  "
                      f"agent {agent.cpu:.3f} | ceiling/agent {raw.cpu / agent.cpu:.3f}  "
                      f"ceiling/agent's OCR processes {raw.cpu / (agent.ocr_cpu or agent.cpu):.3f}"
                      f"; OCR processes had work {_share(ours and ours.demand)} "
                      f"(engine), {_share(agent.demand)} (agent) of the time")
                print(f"    CPU s/page in the OCR processes: engine "
                      f"{_cpu(ours and ours.ocr_cpu)}  agent {_cpu(agent.ocr_cpu)}; beside them: "
                      f"engine {_cpu(ours and _beside(ours))}  agent {_cpu(_beside(agent))}")
                print(f"    cores used: {_cores(cores)}")
        seed = seed_design(files["short"], args.seed_pages) if args.seed_pages else None
    print()
    for name, values in rows.items():
        # Pairs: each round's agent against its own ceiling, measured next to it.
        print(f"{name:5} pages, {len(values)} rounds, mean [95 % bootstrap interval]:")
        print("    agent/ceiling (target >= 0.95): "
              + summary([agent.rate / raw.rate for raw, _, agent in values]))
        # By CPU seconds per page: what the ratio would be on N cores of its own, unmoved by
        # what else the shared machine runs, as long as the OCR processes always had work.
        print("    by CPU per page, ceiling/agent's stack: "
              + summary([raw.cpu / agent.cpu for raw, _, agent in values]))
        print("    by CPU per page, ceiling/agent's OCR processes: "
              + summary([raw.cpu / (agent.ocr_cpu or agent.cpu) for raw, _, agent in values]))
        # On N cores of its own the agent reads a page per ocr_cpu / (N - beside) seconds,
        # beside = the cores the rest of the stack takes meanwhile (a rate: it does not grow
        # with a loaded machine's longer pages, as CPU-s per page beside does); the ceiling
        # reads one per ceiling_cpu / N. What the wall-clock ratio would be on a quiet machine.
        print("    projected on idle cores, (1 - beside/N) x ceiling/OCR processes: " + summary(
            [(1 - _others(cores) / workers) * raw.cpu / (agent.ocr_cpu or agent.cpu)
             for (raw, _, agent), cores in zip(values, beside[name], strict=True)]))
        print(f"    CPU s/page: ceiling {statistics.fmean(r.cpu for r, _, _ in values):.3f}  "
              f"agent's OCR processes {statistics.fmean(a.ocr_cpu or 0.0 for *_, a in values):.3f}"
              f"  beside them {statistics.fmean(_beside(a) or 0.0 for *_, a in values):.3f}; "
              f"OCR processes had work "
              f"{_share(statistics.fmean(a.demand or 0.0 for *_, a in values))} of the time")
        engines = [(raw, ours, agent) for raw, ours, agent in values if ours is not None]
        if engines:
            # Apart: the OCR processes' own CPU per page (the same run_page in both), and what
            # ran beside them. A gap in the first is work the agent adds inside the processes
            # (or cache contention from its neighbours); in the second, the Kafka path's cost.
            print("    engine/ceiling: " + summary([o.rate / r.rate for r, o, _ in engines])
                  + "  agent/engine: " + summary([a.rate / o.rate for _, o, a in engines]))
            print("    by CPU per page, ceiling/engine's OCR processes: "
                  + summary([r.cpu / (o.ocr_cpu or o.cpu) for r, o, _ in engines])
                  + "  agent's/engine's OCR processes: "
                  + summary([(a.ocr_cpu or a.cpu) / (o.ocr_cpu or o.cpu) for _, o, a in engines]))
            print(f"    CPU s/page in the OCR processes: engine "
                  f"{statistics.fmean(o.ocr_cpu or 0.0 for _, o, _ in engines):.3f}  agent "
                  f"{statistics.fmean(a.ocr_cpu or 0.0 for _, _, a in engines):.3f}; beside "
                  f"them: engine {statistics.fmean(_beside(o) or 0.0 for _, o, _ in engines):.3f}")
    # what ran beside Tesseract on the same cores: the agent path's CPU, whatever the load
    for name, runs in beside.items():
        mean = {role: statistics.fmean(run.get(role, 0.0) for run in runs) for role in runs[0]}
        print(f"{name:5} pages, cores used through the agent (mean): {_cores(mean)}")
    if seed is not None and "short" in rows:
        best_raw = max(raw.rate for raw, _, _ in rows["short"])
        print(f"seed design (default threads, one at a time, short pages): {seed:.2f} pages/s = "
              f"{seed / best_raw:.2f}x the ceiling")


if __name__ == "__main__":
    main()
