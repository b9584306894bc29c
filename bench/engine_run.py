"""Run a bench's own ``--emit`` mode under another checkout of the engine: the one way the
side-by-side benches (card_defects, qa_defects) make an old engine's cards in the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def emit(script: str, root: Path, items: Any, *also: Path) -> Any:
    """``script --emit`` in a child whose imports come from ``root`` (then ``also``): it reads
    ``items`` as JSON on stdin and prints its result as JSON on its last line."""
    path = os.pathsep.join(str(p) for p in (root, *also))
    env = {**os.environ, "PYTHONPATH": path, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, str(Path(script).resolve()), "--emit"],
                          input=json.dumps(items), capture_output=True, text=True, env=env,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{root}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
