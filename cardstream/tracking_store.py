"""The run folder's embedded MLflow store (``mlflow.db``): made once by `up`, waited for by the
processes it starts.

A fresh folder has no store. Making one is MLflow's ~50 schema migrations; processes that open a
fresh sqlite store together each start the migration and can leave it half done ("table
_alembic_tmp_latest_metrics already exists" for everyone after). So `up` makes it, once, on a
thread beside the broker's start, under another name renamed when complete (an `up` that dies
meanwhile leaves no half-made store for the next one to trust), and says so with a marker
holding its pid. The worker does not wait for it to start consuming: it first touches MLflow
after its group join (tracking windows, a learned scorer, an MLflow model), and waits there,
while the marker's `up` lives and the store is not there yet.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Any

from streams.runinfo import pid_alive

STORE = "mlflow.db"
MAKING = "mlflow.db.creating"
PENDING = "mlflow.db.pending"  # holds the pid of the `up` making the store


def store_uri(run_dir: Path) -> str:
    return f"sqlite:///{(run_dir / STORE).resolve()}"


def make_store(run_dir: Path, uri: str) -> concurrent.futures.Future[None] | None:
    """Start making the folder's store on a thread; None when there is nothing to make (it
    exists, or the tracking URI is elsewhere). The pending marker is written before this
    returns, so a process started after it knows to wait."""
    store = run_dir / STORE
    if store.exists() or uri != store_uri(run_dir):
        return None
    pending = run_dir / PENDING
    written = pending.with_suffix(".tmp")
    written.write_text(str(os.getpid()))
    os.replace(written, pending)  # whole when read
    made = concurrent.futures.Future[None]()
    made.set_running_or_notify_cancel()

    def make() -> None:
        try:
            _migrate(run_dir / MAKING)
            os.replace(run_dir / MAKING, store)
            _sync_folder(run_dir)  # the rename itself
        except BaseException as exc:  # the caller raises it
            pending.unlink(missing_ok=True)
            made.set_exception(exc)
            return
        pending.unlink(missing_ok=True)  # before anyone hears it is made
        made.set_result(None)

    threading.Thread(target=make, name="mlflow-store", daemon=True).start()
    return made


def _migrate(making: Path) -> None:
    """MLflow's schema in ``making``, on disk once, whole.

    Each migration is its own transaction, and sqlite syncs every commit to disk: on this
    machine's disk that was ~5 of the ~8 s a store took. The file is renamed into place only
    when complete, so those syncs bought nothing; its connections here skip them, and the
    finished file is synced once before the rename."""
    from mlflow import MlflowClient
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def unsynced(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            files = [row[2] for row in cursor.execute("PRAGMA database_list")]
            if str(making.resolve()) in files:  # no other store of this process
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA journal_mode=MEMORY")
        finally:
            cursor.close()

    making.unlink(missing_ok=True)
    event.listen(Engine, "connect", unsynced)
    try:
        client = MlflowClient(f"sqlite:///{making.resolve()}")
        client.search_experiments()
    finally:
        event.remove(Engine, "connect", unsynced)
    with open(making, "rb+") as made:
        os.fsync(made.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def wait_for_store(run_dir: Path, timeout: float = 120.0) -> bool:
    """Until the folder's store is whole, if an `up` that is still alive is making it.

    True when MLflow may be opened: no store is being made (it exists, the tracking URI is
    elsewhere, or the `up` making it died: then whoever opens it makes it, as a worker run on
    its own would). False after ``timeout``, the store still pending."""
    pending = run_dir / PENDING
    deadline = time.monotonic() + timeout
    while pending.exists() and not (run_dir / STORE).exists():
        if not _maker_alive(pending):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _maker_alive(pending: Path) -> bool:
    with contextlib.suppress(OSError, ValueError):
        return pid_alive(int(pending.read_text()))
    return False
