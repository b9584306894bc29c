"""Start-up of two checkouts side by side in one run: what a change to the start path buys.

    flock /tmp/cardstream-bench.lock python -m bench.startup_compare \
        --before /work/main --after . --repeat 3

Each checkout runs as real `cardstream up --no-retrainer` processes (``PYTHONPATH`` set to the
checkout, so its code shadows the installed one), the in-memory and the durable stack, each on
its own run folder: one cold start (fresh folder: the MLflow store is created), then
``--repeat`` warm starts on the same folder, the two checkouts taking turns so that the load
of this shared machine falls on both alike. Times run from the launch of `up`, as the user
waits: "ready" (uploads accepted), "worker consuming" (joined its group), and the cards of a
text uploaded at "ready" (worker join, card engine load, the work). Then `generate` (local,
no stack), turn by turn. Medians, and after/before ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.startup import TEXT, Up, cli

MODES = {"memory": True, "durable S3": False}


def environment(checkout: Path, run_dir: Path | None = None) -> dict[str, str]:
    """The checkout's code first. Every process also runs *in* the checkout: ``python -m``
    puts the working directory ahead of ``PYTHONPATH``, so a bench started from one checkout
    ran that checkout's code on both sides."""
    env = {**os.environ, "PYTHONPATH": str(checkout.resolve()), "OMP_THREAD_LIMIT": "1",
           "CARDSTREAM_OCR_WORKERS": "1"}
    if run_dir is not None:
        env.update({"CARDSTREAM_RUN_DIR": str(run_dir),
                    "CARDSTREAM_APP_ID": f"bench-{uuid.uuid4().hex[:8]}"})
    return env


def start(checkout: Path, run_dir: Path, ephemeral: bool, upload: bool) -> dict[str, float]:
    """One `up`: seconds from its launch to ready, to consuming, and (``upload``) to the
    cards of a text sent at ready."""
    env = environment(checkout, run_dir)
    up = Up(run_dir, env, ephemeral, cwd=checkout)
    try:
        times = {"ready": up.wait_for("ready")}
        if upload:
            done = subprocess.run(cli("upload", str(TEXT), "--wait", "--timeout", "5m"),
                                  env=env, capture_output=True, text=True, timeout=600,
                                  cwd=checkout)
            if done.returncode != 0:
                raise SystemExit(f"upload failed: {done.stderr.strip()[-500:]}")
            times["first cards"] = time.monotonic() - up.started
        times["consuming"] = up.wait_for("worker consuming")
    finally:
        if (run_dir / "cardstream.json").exists():
            up.stop()
        else:
            up.process.kill()
            up.process.wait(30)
    return times


def generate(checkout: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cli("generate", "--text-file", str(TEXT), "--num-cards", "5"),
                   env=environment(checkout), capture_output=True, check=True, timeout=600,
                   cwd=checkout)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="checkout measured first")
    parser.add_argument("--after", type=Path, required=True, help="checkout compared to it")
    parser.add_argument("--repeat", type=int, default=3, help="warm starts per checkout")
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"comma-separated, of {', '.join(MODES)}")
    args = parser.parse_args(argv)
    checkouts = {"before": args.before, "after": args.after}
    print(f"load average before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    rows: dict[str, dict[str, list[float]]] = {}

    def note(label: str, side: str, value: float) -> None:
        rows.setdefault(label, {"before": [], "after": []})[side].append(value)

    for mode in args.modes.split(","):
        ephemeral = MODES[mode]
        folders = {side: Path(tempfile.mkdtemp(prefix="bench-compare-")) for side in checkouts}
        for side, checkout in checkouts.items():
            print(f"{mode}, {side}: cold start", file=sys.stderr, flush=True)
            cold = start(checkout, folders[side], ephemeral, upload=False)
            note(f"{mode}: cold up -> ready", side, cold["ready"])
            note(f"{mode}: cold up -> worker consuming", side, cold["consuming"])
        for turn in range(args.repeat):
            for side, checkout in checkouts.items():
                print(f"{mode}, {side}: warm start {turn + 1}", file=sys.stderr, flush=True)
                warm = start(checkout, folders[side], ephemeral, upload=True)
                for stage, seconds in warm.items():
                    note(f"{mode}: up -> {stage}", side, seconds)
    for turn in range(args.repeat):
        for side, checkout in checkouts.items():
            print(f"generate, {side} {turn + 1}", file=sys.stderr, flush=True)
            note("generate --text-file (no stack)", side, generate(checkout))

    print(f"\n{'seconds (median)':44} {'before':>8} {'after':>8} {'after/before':>13}  runs")
    for label, sides in rows.items():
        before, after = (statistics.median(sides[s]) for s in ("before", "after"))
        print(f"{label:44} {before:8.2f} {after:8.2f} {after / before:13.2f}  "
              f"{len(sides['before'])}+{len(sides['after'])}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
