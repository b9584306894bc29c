"""What an idle stack costs: CPU seconds used by each process of `cardstream up --no-retrainer`
over a window with nothing to do, two checkouts side by side, taking turns.

    flock /tmp/cardstream-bench.lock python -m bench.idle_cpu --before /work/main --after . \
        --repeat 2

Each turn starts a real `up` (durable by default; ``--ephemeral`` for the in-memory broker) in
a fresh folder, waits for "worker consuming" and then ``--settle`` seconds (the worker's first
seconds are not idle: its card engine loads in the background), reads the CPU time (user +
system, /proc) of `up` and every process under it, again after ``--window`` seconds, and stops
it. A process's children (the worker's OCR pool) count with it.

``--watching`` measures the window with a client waiting, as `upload --wait` waits while a page
is read: the checkout's own watcher, in a process of its own ("client"), waits on the stack for
results that never come. What it costs the broker and the object store is what a waiting user
takes from the OCR processes on the same cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.startup import Up
from bench.startup_compare import environment

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def cpu_by_process(roots: dict[str, int]) -> dict[str, float]:
    """CPU seconds so far of each named process, its descendants included."""
    parents: dict[int, int] = {}
    seconds: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents[int(entry.name)], seconds[int(entry.name)] = stat

    def root_of(pid: int) -> str | None:
        seen = set()
        while pid not in seen:
            seen.add(pid)
            for name, root in roots.items():
                if pid == root:
                    return name
            pid = parents.get(pid, 0)
        return None

    totals = dict.fromkeys(roots, 0.0)
    for pid, used in seconds.items():
        name = root_of(pid)
        if name is not None:
            totals[name] += used
    return totals


# the checkout's client, waiting for an upload that was never sent (argv: seconds)
WAITER = """import sys
from cardstream import bootstrap
from streams.settings import Settings
client = bootstrap.client(Settings())
with client.watcher() as watch:
    print("watching", flush=True)
    watch.wait(["never-sent"], float(sys.argv[1]))
"""


def idle(checkout: Path, ephemeral: bool, settle_s: float, window_s: float,
         watching: bool = False) -> dict[str, float]:
    run_dir = Path(tempfile.mkdtemp(prefix="bench-idle-"))
    env = environment(checkout, run_dir)
    up = Up(run_dir, env, ephemeral, cwd=checkout)
    waiter: subprocess.Popen[str] | None = None
    try:
        up.wait_for("worker consuming")
        time.sleep(settle_s)
        pids = json.loads((run_dir / "cardstream.json").read_text())["pids"]
        if watching:
            waiter = subprocess.Popen([sys.executable, "-c", WAITER, str(window_s + 30)],
                                      env=env, cwd=checkout, stdout=subprocess.PIPE, text=True)
            assert waiter.stdout is not None
            if waiter.stdout.readline().strip() != "watching":
                raise SystemExit(f"the waiting client did not start (exit {waiter.wait()})")
            time.sleep(1.0)  # its first fetches and the broker's first answers
            pids["client"] = waiter.pid
        # each process counts its descendants, except the named ones (`up`'s are its children)
        before = cpu_by_process(pids)
        time.sleep(window_s)
        after = cpu_by_process(pids)
    finally:
        if waiter is not None:
            waiter.kill()
            waiter.wait()
        up.stop()
    used = {name: after[name] - before[name] for name in pids}
    used["all"] = sum(used.values())
    return used


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="checkout before the change")
    parser.add_argument("--after", type=Path, required=True, help="checkout after the change")
    parser.add_argument("--repeat", type=int, default=2, help="turns of each checkout")
    parser.add_argument("--settle", type=float, default=30.0, help="seconds after consuming")
    parser.add_argument("--window", type=float, default=20.0, help="seconds measured")
    parser.add_argument("--ephemeral", action="store_true", help="the in-memory broker")
    parser.add_argument("--watching", action="store_true",
                        help="a client waits for results during the window (upload --wait)")
    args = parser.parse_args(argv)
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    print(f"load average before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    for turn in range(args.repeat):
        for side, checkout in (("before", args.before), ("after", args.after)):
            used = idle(checkout, args.ephemeral, args.settle, args.window, args.watching)
            runs[side].append(used)
            print(f"turn {turn + 1} {side}: " + ", ".join(
                f"{name} {seconds:.2f}" for name, seconds in used.items()), file=sys.stderr)
    mode = ("memory" if args.ephemeral else "durable S3") + (
        ", a client waiting" if args.watching else "")
    print(f"\nCPU seconds per {args.window:g} s idle, {mode}, median of {args.repeat}")
    names = list(runs["before"][0])
    print(f"{'':12} {'before':>8} {'after':>8} {'after/before':>13}")
    for name in names:
        b = statistics.median(r.get(name, 0.0) for r in runs["before"])
        a = statistics.median(r.get(name, 0.0) for r in runs["after"])
        print(f"{name:12} {b:8.2f} {a:8.2f} {a / b if b else float('nan'):13.2f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
