"""A worker that stops consuming while its partitions hold work is put back on its feet.

Why: Faust has thrown fetched records away unacknowledged while the fetcher moved past them, so
a partition holding work went unread until a restart. Two such ways are known and mended in
streams.faust_app: records dropped while the flow was stopped, on a partition aiokafka would
not seek back (never committed), and records emptied from the agents' queues by Faust's second
flow resume after every rebalance (seen in most runs of tests/integration/test_rebalance.py,
sought back by this watchdog 20-40 s later). streams.faust_app._guard_commits keeps such
events from being committed past; this watchdog is the backstop for any other way: work waiting
on an assigned partition while the worker handles nothing.

The check is the broker's view, read with a plain client (the group's committed offsets and the
partitions' ends), only when the worker has been idle — nothing in flight, nothing handled —
for ``stall_s``. A first stall seeks the lagging partitions back to the committed offset (or the
first offset, if none); a second in a row, with nothing handled since the seek, exits with
EXIT_STALLED, so ``up``'s supervisor restarts the worker, which starts from the committed offsets.
A stall after the seek got work moving again is a new first stall: exiting then would restart a
worker the seek had mended (and where nothing supervises the worker, as in the integration
tests, leave its partitions unread for good).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

STALL_S = 20.0  # idle (nothing in flight) with work waiting this long is a stall
CHECK_S = 10.0


@dataclass
class Progress:
    """Events in flight and when the worker last finished one (or was given partitions)."""

    clock: Callable[[], float] = time.monotonic
    in_flight: int = 0
    last: float = field(default=0.0)
    handled: int = 0  # events finished since the worker started

    def __post_init__(self) -> None:
        self.last = self.clock()

    def begin(self) -> None:
        self.in_flight += 1

    def end(self) -> None:
        self.in_flight -= 1
        self.handled += 1
        self.last = self.clock()

    def touch(self) -> None:
        self.last = self.clock()

    def idle_for(self) -> float:
        """Seconds with nothing in flight and nothing finished; 0 while something runs."""
        return 0.0 if self.in_flight else self.clock() - self.last


Position = tuple[str, int]  # (topic, partition)


def starts(committed: dict[Position, int | None],
           ends: dict[Position, tuple[int, int]]) -> dict[Position, int]:
    """Where the group reads each partition from: its committed offset, else its first one."""
    return {tp: start if (start := committed.get(tp)) is not None and start >= 0 else low
            for tp, (low, _high) in ends.items()}


def lagging(committed: dict[Position, int | None],
            ends: dict[Position, tuple[int, int]]) -> dict[Position, int]:
    """Records waiting per partition: its end minus where the group reads it from."""
    start = starts(committed, ends)
    return {tp: high - start[tp] for tp, (_low, high) in ends.items() if high > start[tp]}


def broker_view(bootstrap: str, group: str, tps: Iterable[Position], timeout: float = 10.0,
                **security: Any) -> tuple[dict[Position, int | None],
                                          dict[Position, tuple[int, int]]]:
    """The group's committed offsets and each partition's (first, end) offsets, as a stock
    client reads them (the project's consumer, never joining the group)."""
    from confluent_kafka import TopicPartition

    from streams import kafka

    consumer = kafka.consumer(bootstrap, group_id=group, **security)
    try:
        wanted = [TopicPartition(t, p) for t, p in tps]
        committed = {(tp.topic, tp.partition): (tp.offset if tp.offset >= 0 else None)
                     for tp in consumer.committed(wanted, timeout=timeout)}
        ends = {(tp.topic, tp.partition): consumer.get_watermark_offsets(tp, timeout=timeout)
                for tp in wanted}
        return committed, ends
    finally:
        consumer.close()


class Watchdog:
    """One check per ``CHECK_S`` from a Faust timer: :meth:`verdict`."""

    def __init__(self, progress: Progress, topics: set[str],
                 view: Callable[[list[Position]], tuple[dict[Position, int | None],
                                                        dict[Position, tuple[int, int]]]],
                 stall_s: float = STALL_S) -> None:
        self.progress = progress
        self.topics = topics
        self.view = view
        self.stall_s = stall_s
        self.stalls = 0
        self._handled_at_seek = 0
        self._assigned: frozenset[Position] = frozenset()

    def verdict(self, assigned: Iterable[Position]) -> tuple[str, dict[Position, int],
                                                              dict[Position, int]]:
        """``ok``, ``seek`` (first stall: rewind these) or ``exit`` (stalled again)."""
        mine = frozenset(tp for tp in assigned if tp[0] in self.topics)
        if mine != self._assigned:  # a rebalance: the new partitions get their own time
            self._assigned = mine
            self.progress.touch()
            self.stalls = 0
        if not mine or self.progress.idle_for() < self.stall_s:
            return "ok", {}, {}
        committed, ends = self.view(sorted(mine))
        waiting = lagging(committed, ends)
        if not waiting or self.progress.idle_for() < self.stall_s:  # work began meanwhile
            self.stalls = 0
            self.progress.touch()  # an idle stack looks once per stall_s, not every check
            return "ok", {}, {}
        if self.progress.handled != self._handled_at_seek:
            self.stalls = 0  # the last seek got work moving: this stall is a new one
        self.stalls += 1
        self._handled_at_seek = self.progress.handled
        self.progress.touch()  # the next verdict waits a full stall_s again
        start = starts(committed, ends)
        targets = {tp: start[tp] for tp in waiting}
        return ("seek" if self.stalls == 1 else "exit"), targets, waiting
