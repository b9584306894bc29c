"""The in-memory broker and the durable one (Tansu on the embedded SeaweedFS S3), side by side
in one run: the comparison every start-up and latency benchmark makes (bench.latency,
bench.startup)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
MODES = (("memory", True), ("durable S3", False))  # name, Settings.ephemeral


def side_by_side(run: Callable[[bool], T]) -> dict[str, T]:
    """``run(ephemeral)`` for each broker in turn, the machine's load said first (a number
    measured on a loaded machine is read with its load)."""
    print(f"load average before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    results = {}
    for name, ephemeral in MODES:
        print(f"running: {name}", file=sys.stderr, flush=True)
        results[name] = run(ephemeral)
    return results
