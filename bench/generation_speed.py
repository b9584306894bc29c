"""Generation speed on one core, before and after: ms per document for the default engine.

"Before" is the engine at commit c181810 (the template engine, before the spaCy rebuild),
extracted with ``git archive`` into a temporary folder; "after" is this checkout. Each side
runs in its own long-lived process pinned to the same core (one torch thread,
OMP_NUM_THREADS=1), loads the engine ``build_engine(None, None)`` (what the worker and
``cardstream generate`` use: rules + the shared MiniLM encoder) and warms up on one text. Then
the two take turns document by document, each going first half the time, so a busy machine
slows both alike. Per document: the median over rounds of the process's CPU time (what the
document costs a free core; robust to other processes on a shared box) and of wall time; per
kind of document: the means and the mean paired difference with a 95 % bootstrap interval.

Documents: SQuAD paragraphs (~120 words), the OpenStax textbook excerpts (~150-300 words) and
"full pages" (three consecutive SQuAD paragraphs, ~400 words, about one printed page). Target:
the new engine costs at most +150 ms per page.

    flock /tmp/cardstream-bench.lock .venv/bin/python -m bench.generation_speed \\
        [--docs 20] [--rounds 2] [--before c181810]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench import splits

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "c181810"
TARGET_MS_PER_PAGE = 150.0

CHILD = r"""
import json, os, sys, time
os.sched_setaffinity(0, {int(os.environ["BENCH_CORE"])})
import torch
torch.set_num_threads(1)
started, started_cpu = time.perf_counter(), time.process_time()
from agents.generation import GenerationRequest, build_engine
from agents.generation.answer_aware import cards_for_answers
engine = build_engine(None, None)
warm = json.loads(sys.stdin.readline())
engine.generate(GenerationRequest(warm["text"], "warm-up", 10))
if warm["answers"]:
    cards_for_answers(warm["text"], warm["answers"])
print(json.dumps({"load_s": time.perf_counter() - started,
                  "load_cpu_s": time.process_time() - started_cpu}), flush=True)
for line in sys.stdin:
    job = json.loads(line)
    wall, cpu = time.perf_counter(), time.process_time()
    if job["answers"]:  # answer-aware mode: one question per answer given
        made = cards_for_answers(job["text"], job["answers"])
    else:
        made = engine.generate(GenerationRequest(job["text"], job["id"], job["cards"])).cards
    print(json.dumps({"wall_ms": 1000 * (time.perf_counter() - wall),
                      "cpu_ms": 1000 * (time.process_time() - cpu), "cards": len(made)}),
          flush=True)
"""


def documents(n: int, answers: int = 0) -> dict[str, list[tuple[str, list[str]]]]:
    """(text, answers) of each kind; with ``answers``, only SQuAD text, each with its first
    ``answers`` gold answers (the answer-aware mode's cost: a user highlights that many)."""
    squad = [p for s in splits.SPLITS for p in splits.squad(s)]
    paragraphs = [(p.text, [a for _, a in p.questions][:answers]) for p in squad]
    full = [(" ".join(p.text for p in squad[i : i + 3]),
             [a for p in squad[i : i + 3] for _, a in p.questions][::3][:answers])
            for i in range(0, 3 * n, 3)]
    if answers:
        return {"SQuAD paragraph": paragraphs[:n], "full page": full}
    pages = [(p.text, []) for s in splits.SPLITS for p in splits.textbook(s)]
    return {"SQuAD paragraph": [(t, []) for t, _ in paragraphs[:n]],
            "textbook excerpt": pages[:n], "full page": [(t, []) for t, _ in full]}


def extract(rev: str, into: Path) -> Path:
    """The tree of ``rev`` as files (no .git), for importing its engine."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                         capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into


class Side:
    """One engine in its own process, pinned to ``core``, timing one document per request."""

    def __init__(self, tree: Path, core: int, warm: tuple[str, list[str]]) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree), "BENCH_CORE": str(core),
               "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false",
               "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        self.tree = tree
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=tree, env=env)
        loaded = self._ask(json.dumps({"text": warm[0], "answers": warm[1]}))
        self.load_s, self.load_cpu_s = float(loaded["load_s"]), float(loaded["load_cpu_s"])

    def _ask(self, line: str) -> dict[str, float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise SystemExit(f"the engine process in {self.tree} died (see its stderr above)")
        return dict(json.loads(answer))

    def time(self, doc: tuple[str, list[str]], cards: int, doc_id: str) -> dict[str, float]:
        return self._ask(json.dumps({"text": doc[0], "answers": doc[1], "cards": cards,
                                     "id": doc_id}))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def paired(deltas: list[float], seed: int = 9) -> str:
    """Mean paired delta and its 95 % bootstrap interval."""
    import numpy as np
    from scipy.stats import bootstrap

    values = np.array(deltas)
    if len(values) < 2:
        return f"{values.mean():+8.1f}"
    ci = bootstrap((values,), np.mean, method="percentile", n_resamples=5000,
                   rng=np.random.default_rng(seed)).confidence_interval
    return f"{values.mean():+8.1f} [{ci.low:+.0f}, {ci.high:+.0f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20, help="documents of each kind")
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="times each document is timed")
    parser.add_argument("--before", default=BEFORE, help="the commit to compare against")
    parser.add_argument("--answers", type=int, default=0,
                        help="answer-aware mode: time cards_for_answers with this many gold "
                             "answers a document (SQuAD paragraphs and full pages)")
    parser.add_argument("--core", type=int, default=max(os.sched_getaffinity(0)))
    args = parser.parse_args()

    docs = documents(args.docs, args.answers)
    # median over rounds per document and side; then per kind the mean and the paired delta
    times: dict[tuple[str, str, int], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="cardstream-before-") as tmp:
        warm = docs["SQuAD paragraph"][0]
        sides = {"before": Side(extract(args.before, Path(tmp)), args.core, warm),
                 "after": Side(ROOT, args.core, warm)}
        try:
            for round_ in range(args.rounds):
                for kind, texts in docs.items():
                    for i, text in enumerate(texts):
                        # the two sides take turns document by document, each going first
                        # half the time, so the machine's load falls on both alike
                        first = (i + round_) % 2 == 0
                        for side in ("before", "after") if first else ("after", "before"):
                            times.setdefault((kind, side, i), []).append(
                                sides[side].time(text, args.cards, f"doc-{i}"))
        finally:
            for s in sides.values():
                s.close()
    load = os.getloadavg()
    mode = (f"answer-aware mode (cards_for_answers), {args.answers} answers a document"
            if args.answers else f"default engine (build_engine(None, None)), {args.cards} "
                                 f"cards a document")
    print(f"{mode}, one core "
          f"(cpu {args.core}), torch threads 1, {args.rounds} rounds, the two engines taking "
          f"turns per document; before = {args.before}, after = {ROOT.name} working tree; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("CPU ms is the engine process's CPU time (what the document costs on a free core);"
          " wall ms also counts waiting for the shared CPU")
    print(f"{'documents':17s} {'n':>3s} {'words':>5s} {'CPU before':>10s} {'after':>7s} "
          f"{'delta [95% CI]':>22s} {'wall before':>11s} {'after':>7s} {'delta':>7s}")
    deltas: dict[str, float] = {}
    for kind, texts in docs.items():
        med = {(side, m): [statistics.median(r[m] for r in times[(kind, side, i)])
                           for i in range(len(texts))]
               for side in ("before", "after") for m in ("cpu_ms", "wall_ms")}
        cpu_d = [a - b for a, b in zip(med[("after", "cpu_ms")], med[("before", "cpu_ms")],
                                       strict=True)]
        deltas[kind] = statistics.mean(cpu_d)
        words = statistics.mean(len(t.split()) for t, _ in texts)
        wb, wa = (statistics.mean(med[(s, "wall_ms")]) for s in ("before", "after"))
        print(f"{kind:17s} {len(texts):3d} {words:5.0f} "
              f"{statistics.mean(med[('before', 'cpu_ms')]):10.1f} "
              f"{statistics.mean(med[('after', 'cpu_ms')]):7.1f} {paired(cpu_d):>22s} "
              f"{wb:11.1f} {wa:7.1f} {wa - wb:+7.1f}")
    for name, side in sides.items():
        print(f"{name}: engine load + first document {side.load_cpu_s:.1f} s CPU, "
              f"{side.load_s:.1f} s wall (once per worker process, not per upload)")
    delta = deltas["full page"]
    print(f"target: after - before ≤ +{TARGET_MS_PER_PAGE:.0f} ms (CPU) per full page: "
          f"{'MET' if delta <= TARGET_MS_PER_PAGE else 'MISSED'} ({delta:+.1f} ms)")


if __name__ == "__main__":
    main()
