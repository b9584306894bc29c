"""A Faust worker built as ours are (streams.faust_app.make_app, a table, an agent), for
tests/integration/test_recovery_flow.py. It appends each event it is handed to a file, and holds
its first event until a gate file exists, so that events wait in its agent's queue meanwhile.

Run as ``python flow_app.py BOOTSTRAP TOPIC APP_ID DATADIR HANDLED GATE``. The seek Faust makes
after a rebalance is given the time it takes on a loaded machine (a broker round trip per
partition, 0.3-2 s at load 10-15), so that what happens meanwhile happens on every run."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

SEEK_S = 3.0  # the seek after a rebalance, as slow as on a loaded machine


def main(bootstrap: str, topic: str, app_id: str, datadir: str, handled: str,
         gate: str) -> None:
    import faust
    from faust.transport import consumer as base

    from streams.faust_app import make_app, raw_topic

    app = make_app(app_id, bootstrap, Path(datadir))
    # a table, as the worker has: Faust's recovery then runs on every rebalance
    app.Table("counts", default=int, partitions=1)
    events = raw_topic(app, topic, 2)

    @app.agent(events, name="handle")
    async def handle(stream: Any) -> None:
        async for event in stream.events():
            with open(handled, "a") as out:
                out.write(f"{event.message.partition} {event.message.offset}\n")
            while not Path(gate).exists():
                await asyncio.sleep(0.1)

    seek = base.Consumer.perform_seek  # with streams.faust_app's patches, as in the worker

    async def slow_seek(self: Any) -> None:
        await seek(self)
        await asyncio.sleep(SEEK_S)

    base.Consumer.perform_seek = slow_seek  # type: ignore[method-assign]
    faust.Worker(app, loglevel="info", quiet=True).execute_from_commandline()


if __name__ == "__main__":
    main(*sys.argv[1:7])
