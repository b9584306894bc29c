"""Generation speed on one core, before and after: ms per document for the default engine.

"Before" is the engine at commit c181810 (the template engine, before the spaCy rebuild),
extracted with ``git archive`` into a temporary folder; "after" is this checkout. Each side
runs in its own process pinned to one core (one torch thread, OMP_NUM_THREADS=1), loads the
engine ``build_engine(None, None)`` (what the worker and ``cardstream generate`` use: rules +
the shared MiniLM encoder), warms up on one text, then times every document; the two sides
alternate (before, after, after, before, ...) so that load on the machine hits both alike.
Per document the median over rounds is taken, then the mean over documents.

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
job = json.load(sys.stdin)
started = time.perf_counter()
from agents.generation import GenerationRequest, build_engine
engine = build_engine(None, None)
engine.generate(GenerationRequest(job["texts"][0], "warm-up", job["cards"]))
load = time.perf_counter() - started
ms, cards = [], 0
for i, text in enumerate(job["texts"]):
    t = time.perf_counter()
    cards += len(engine.generate(GenerationRequest(text, f"doc-{i}", job["cards"])).cards)
    ms.append(1000 * (time.perf_counter() - t))
print(json.dumps({"load_s": load, "ms": ms, "cards": cards}))
"""


def documents(n: int) -> dict[str, list[str]]:
    paragraphs = [p.text for s in splits.SPLITS for p in splits.squad(s)]
    pages = [p.text for s in splits.SPLITS for p in splits.textbook(s)]
    full = [" ".join(paragraphs[i : i + 3]) for i in range(0, 3 * n, 3)]
    return {"SQuAD paragraph": paragraphs[:n], "textbook excerpt": pages[:n], "full page": full}


def extract(rev: str, into: Path) -> Path:
    """The tree of ``rev`` as files (no .git), for importing its engine."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                         capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into


def timed(tree: Path, texts: list[str], cards: int, core: int) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree), "BENCH_CORE": str(core),
           "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(
        {"texts": texts, "cards": cards}), capture_output=True, text=True, cwd=tree, env=env)
    if done.returncode:
        raise SystemExit(f"timing in {tree} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20, help="documents of each kind")
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of each side")
    parser.add_argument("--before", default=BEFORE, help="the commit to compare against")
    parser.add_argument("--core", type=int, default=max(os.sched_getaffinity(0)))
    args = parser.parse_args()

    docs = documents(args.docs)
    kinds = list(docs)
    texts = [t for kind in kinds for t in docs[kind]]
    with tempfile.TemporaryDirectory(prefix="cardstream-before-") as tmp:
        trees = {"before": extract(args.before, Path(tmp)), "after": ROOT}
        runs: dict[str, list[dict[str, object]]] = {"before": [], "after": []}
        for round_ in range(args.rounds):
            # ABBA: before/after, then after/before, so drift in the machine's load cancels
            for side in ("before", "after") if round_ % 2 == 0 else ("after", "before"):
                runs[side].append(timed(trees[side], texts, args.cards, args.core))
    load = os.getloadavg()
    print(f"default engine, {args.cards} cards a document, one core (cpu {args.core}), "
          f"torch threads 1; {args.rounds} alternating rounds, median per document; "
          f"before = {args.before}, after = {ROOT.name} working tree; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'documents':18s} {'n':>3s} {'words':>5s} {'before ms':>10s} {'after ms':>9s} "
          f"{'delta ms':>9s} {'ratio':>6s}")
    medians = {side: [statistics.median(float(r["ms"][i]) for r in runs[side])  # type: ignore[index]
                      for i in range(len(texts))] for side in runs}
    start, deltas = 0, {}
    for kind in kinds:
        n = len(docs[kind])
        words = statistics.mean(len(t.split()) for t in docs[kind])
        b = statistics.mean(medians["before"][start : start + n])
        a = statistics.mean(medians["after"][start : start + n])
        deltas[kind] = a - b
        print(f"{kind:18s} {n:3d} {words:5.0f} {b:10.1f} {a:9.1f} {a - b:+9.1f} {a / b:6.2f}")
        start += n
    for side in ("before", "after"):
        loads = ", ".join(f"{float(r['load_s']):.1f}" for r in runs[side])  # type: ignore[arg-type]
        print(f"{side}: engine load + first document {loads} s")
    delta = deltas["full page"]
    print(f"target: after - before ≤ +{TARGET_MS_PER_PAGE:.0f} ms per full page: "
          f"{'MET' if delta <= TARGET_MS_PER_PAGE else 'MISSED'} ({delta:+.1f} ms)")


if __name__ == "__main__":
    main()
