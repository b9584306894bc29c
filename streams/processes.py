"""Child processes: the embedded stack's servers (Tansu, SeaweedFS), stopped the same way
everywhere, and children that end with the process that made them.

A stack's children must not outlive it, however it ends: a ``cardstream up`` killed with -9
cannot stop them, and its worker, retrainer, broker and object store used to run on for good
(the broker holding its port, the run file naming a dead ``up``). Our Python children watch
their parent (:func:`exit_with`, told its pid in ``EXIT_WITH_ENV``); the server binaries are
started under ``setpriv --pdeathsig KILL`` (:func:`dying_with_this_process`).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import threading
from collections.abc import Callable

EXIT_WITH_ENV = "CARDSTREAM_EXIT_WITH"  # a child started with this pid ends when that one does


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


def pool_child(parent: int, init: Callable[[], None] | None = None) -> None:
    """A process pool's initializer (``initargs=(os.getpid(), init)``): the child ends with
    ``parent``, then runs ``init``.

    A pool child waits for work on a pipe whose write end it holds itself (spawn pickles the
    whole queue), so it never sees its parent go: every worker killed with -9, or ended with
    ``os._exit`` before the pool's manager thread had told its children, left its OCR
    processes running for good, one per core."""
    exit_with(parent)
    if init is not None:
        init()


def exit_with(parent: int) -> None:
    """End this process as soon as ``parent`` ends: a daemon thread blocked on the parent's
    pidfd (no polling), or at once if it is already gone."""
    try:
        watched = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(0)
    if os.getppid() != parent:  # it ended, and its pid was reused, before the pidfd was open
        os._exit(0)

    def watch() -> None:
        select.select([watched], [], [])  # readable once the process has ended
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def dying_with_this_process(argv: list[str]) -> list[str]:
    """``argv`` run so that it is killed when this process ends: ``setpriv --pdeathsig KILL``
    (util-linux) sets the kernel's parent-death signal, kept across its exec of the program.

    The kernel sends it when the *thread* that forked the child ends, not the process, so it is
    set only from the main thread: a server started from a short-lived thread would be killed
    with it. Elsewhere, or without setpriv, the program runs as it is, and what it outlives is
    stopped by the next ``up`` in its folder (cardstream.stack.reap_orphans)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or threading.current_thread() is not threading.main_thread():
        return argv
    return [setpriv, "--pdeathsig", "KILL", "--", *argv]
