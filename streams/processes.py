"""Child processes the embedded stack owns (Tansu, SeaweedFS): stopped the same way everywhere."""

from __future__ import annotations

import subprocess


def terminate(process: subprocess.Popen[bytes] | None, timeout: float) -> None:
    """SIGTERM, wait ``timeout`` seconds for a clean exit (a broker flushes its storage), then
    SIGKILL. A process that already ended, or was never started, is left as it is."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)
