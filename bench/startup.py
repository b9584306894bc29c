"""Start-up, stop and verb latency as a user meets them: real `cardstream` processes, the durable
stack and the in-memory one side by side in one run.

    flock /tmp/cardstream-bench.lock python -m bench.startup --repeat 5

Start-up times run from the launch of the `up` process (what the user waits for, Python and the
CLI's imports included; `up`'s own printed times start after those). Per mode: a first `up` on a
fresh folder (it creates the MLflow store; one upload warms it and
leaves a pending tracking window), stopped; then the timed `up` on the same folder, a warm
machine: each stage `up` prints, with its time since start, side by side. "ready" is when an
upload is accepted and kept; the time from an upload sent at that moment to its cards is printed
too (it includes the worker joining and the card engine loading), then every verb that talks
to the stack is run ``--repeat`` times as its own process (median wall time, Python start-up
included, as a user waits for it), `generate` (local, no stack) once, and `up` is stopped with
SIGINT and timed until every process of it is gone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from bench.modes import side_by_side

REPO = Path(__file__).resolve().parents[1]
PHOTO = REPO / "cardstream" / "samples" / "water-cycle.png"
TEXT = REPO / "cardstream" / "samples" / "photosynthesis.txt"
STAGE = re.compile(r"^\s+(?P<what>.+) \((?P<seconds>[0-9.]+) s\)$")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cardstream.cli", *args]


class Up:
    """`cardstream up` as a process; its stage lines collected as they come."""

    def __init__(self, run_dir: Path, env: dict[str, str], ephemeral: bool,
                 cwd: Path | None = None) -> None:
        self.run_dir = run_dir
        self.stages: dict[str, float] = {}
        self.own_clock: dict[str, float] = {}
        self.started = time.monotonic()
        args = ["up", "--no-retrainer", *(["--ephemeral"] if ephemeral else [])]
        self.process = subprocess.Popen(cli(*args), env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True, cwd=cwd)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            match = STAGE.match(line.rstrip())
            if match:  # "broker (Tansu, S3) ready at 127.0.0.1:PORT": the port varies
                # timed from the launch of `up`, as the user waits (up's own clock starts
                # after its Python and CLI imports)
                what = match["what"].split(" at ")[0]
                self.stages[what] = time.monotonic() - self.started
                self.own_clock[what] = float(match["seconds"])

    def wait_for(self, stage: str, timeout: float = 300) -> float:
        deadline = time.monotonic() + timeout
        while not any(key.startswith(stage) for key in self.stages):
            if self.process.poll() is not None:
                raise SystemExit(f"up exited ({self.process.returncode}); see {self.run_dir}")
            if time.monotonic() > deadline:
                raise SystemExit(f"no '{stage}' from up within {timeout:.0f} s")
            time.sleep(0.02)
        return next(v for k, v in self.stages.items() if k.startswith(stage))

    def stop(self) -> dict[str, float]:
        """SIGINT, as Ctrl-C; seconds until each process of the stack is gone."""
        pids = json.loads((self.run_dir / "cardstream.json").read_text())["pids"]
        sent = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        gone: dict[str, float] = {}
        while len(gone) < len(pids):
            for name, pid in pids.items():
                if name not in gone and not _alive(pid):
                    gone[name] = time.monotonic() - sent
            self.process.poll()  # reap up itself
            time.sleep(0.02)
        self.process.wait(30)
        return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie child of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def timed(env: dict[str, str], *args: str, stdin: str | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cli(*args), env=env, capture_output=True, text=True, input=stdin,
                          timeout=600)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"cardstream {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return seconds, done.stdout


def run_mode(ephemeral: bool, repeat: int) -> dict[str, Any]:
    run_dir = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(run_dir), "OMP_THREAD_LIMIT": "1",
           "CARDSTREAM_APP_ID": f"bench-{uuid.uuid4().hex[:8]}", "CARDSTREAM_OCR_WORKERS": "1"}
    result: dict[str, Any] = {}
    # the first start: fresh folder, MLflow store created; an upload leaves data and a window
    first = Up(run_dir, env, ephemeral)
    result["cold_ready_s"] = first.wait_for("ready")
    result["cold_consuming_s"] = first.wait_for("worker consuming")
    timed(env, "upload", str(PHOTO), "--wait", "--timeout", "5m")
    first.stop()
    # the timed start on the same folder
    up = Up(run_dir, env, ephemeral)
    result["ready_s"] = up.wait_for("ready")
    sent = time.monotonic()
    timed(env, "upload", str(TEXT), "--wait", "--timeout", "5m")
    result["first_cards_after_ready_s"] = time.monotonic() - sent
    result["consuming_s"] = up.wait_for("worker consuming")
    result["stages"] = dict(up.stages)
    _, listing = timed(env, "cards", "--json")
    cards = [line for line in listing.splitlines() if line.strip()]
    first_card = json.loads(cards[0])  # one object per card
    upload_id, card_id = first_card["upload_id"], first_card["card_id"]
    export = run_dir / "deck.csv"
    verbs = {
        "--version": ["--version"],
        "upload (no --wait)": ["upload", str(TEXT)],
        "cards": ["cards"],
        "cards --upload ID": ["cards", "--upload", upload_id],
        "feedback": ["feedback", card_id, "--rating", "4"],
        "models list": ["models", "list"],
        "export --out deck.csv": ["export", "--out", str(export)],
    }
    result["verbs"] = {name: statistics.median(timed(env, *args)[0] for _ in range(repeat))
                       for name, args in verbs.items()}
    result["upload --text --wait"] = timed(env, "upload", "--text", TEXT.read_text(), "--wait")[0]
    result["stop"] = up.stop()
    result["stop_s"] = max(result["stop"].values())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each verb (median)")
    args = parser.parse_args(argv)
    results = side_by_side(lambda ephemeral: run_mode(ephemeral, args.repeat))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    generate_s = timed(env, "generate", "--text-file", str(TEXT), "--num-cards", "5")[0]
    memory, durable = results["memory"], results["durable S3"]

    def row(label: str, a: float | None, b: float | None) -> None:
        cells = [f"{v:.2f}" if v is not None else "-" for v in (a, b)]
        print(f"{label:42} {cells[0]:>9} {cells[1]:>11}")

    print(f"\n{'seconds':42} {'memory':>9} {'durable S3':>11}")
    print("up, warm (second start on the folder), stage by stage:")
    for stage in durable["stages"]:
        row(f"  {stage}", memory["stages"].get(stage), durable["stages"][stage])
    row("up, cold (fresh folder): ready", memory["cold_ready_s"], durable["cold_ready_s"])
    row("up, cold: worker consuming", memory["cold_consuming_s"], durable["cold_consuming_s"])
    row("upload sent at ready -> its cards", memory["first_cards_after_ready_s"],
        durable["first_cards_after_ready_s"])
    print(f"verbs against the running stack (median of {args.repeat}, whole process):")
    for verb in durable["verbs"]:
        row(f"  {verb}", memory["verbs"][verb], durable["verbs"][verb])
    row("  upload --text --wait (text -> cards)", memory["upload --text --wait"],
        durable["upload --text --wait"])
    print("stop (SIGINT until every process is gone):")
    for name in durable["stop"]:
        row(f"  {name} gone", memory["stop"].get(name), durable["stop"][name])
    row("generate --text-file (local, no stack)", generate_s, None)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
