"""A Faust app factory: one app per worker process, built from settings, never at import time."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import faust
from faust.tables import TableManager
from faust.types import FutureMessage

log = logging.getLogger(__name__)

FETCH_MAX_WAIT_MS = 100  # an idle consumer's fetch wait: what an idle worker costs
FETCH_BUSY_WAIT_MS = 10  # while records flow: what a hop between two stages costs
FETCH_SATURATED_WAIT_MS = 500  # while every agent is full: a record fetched sooner waits anyway
BUSY_FOR_S = 3.0  # records this recent mean more are on their way


class FetchPace:
    """How long the next fetch may wait on the broker: short while records flow, long when idle.

    Tansu answers an empty fetch only when its wait is over, however soon a record arrives (it
    does not wake parked fetches), so a fetch wait is a polling interval: each hop between two
    stages of the pipeline costs 0 to one wait. 50 ms instead of 100 halved the upload->cards
    overhead (147 -> 73 ms in memory, 150 -> 94 durable) but cost an idle stack 55 % more CPU
    (6.6 -> 10.2 CPU-s per 20 s), most of it fetches that find nothing. The pipeline's hops
    come in bursts (an upload, then its text ~0.5 s later), so after a fetch that brought
    records the wait is short for ``busy_for_s``: the hop from OCR to generation costs ~5 ms,
    and an idle stack still fetches ten times a second. The first hop (an upload reaching an
    idle worker) still costs 0-100 ms.

    While ``saturated()`` says every agent the consumer feeds holds all the events it may (the
    OCR agent's uploads in flight, each waiting on a busy Tesseract process), a record fetched
    sooner could not start sooner, so the wait is ``saturated_ms``. A burst of uploads kept an
    OCR-only worker fetching every 10 ms for 3 s, and a steady stream of them for good: each
    fetch is broker and client CPU taken from the Tesseract processes on the same cores.
    That wait is longer than an idle one: an idle worker must notice an upload soon (its
    first hop), a full one only has to have the next record by the time a slot comes free,
    and an OCR upload in flight holds its slot for a page's time (0.3-2 s) with one page
    queued behind each busy process. One consumer polling 4 empty partitions of the durable
    stack cost Tansu 0.014 of a core at 100 ms and 0.004 at 500 ms (the object store 0.005
    either way). The price: in a worker with both agents full, a text that reaches the broker
    while a fetch is parked may wait up to 500 ms (was 100) after the generation agent frees."""

    def __init__(self, idle_ms: int = FETCH_MAX_WAIT_MS, busy_ms: int = FETCH_BUSY_WAIT_MS,
                 busy_for_s: float = BUSY_FOR_S,
                 clock: Callable[[], float] = time.monotonic,
                 saturated: Callable[[], bool] | None = None,
                 saturated_ms: int = FETCH_SATURATED_WAIT_MS) -> None:
        self.idle_ms, self.busy_ms, self.busy_for_s = idle_ms, busy_ms, busy_for_s
        self.saturated_ms = saturated_ms
        self.clock = clock
        self.saturated = saturated or (lambda: False)
        self._last_records = -float("inf")

    def records_came(self) -> None:
        self._last_records = self.clock()

    def wait_ms(self) -> int:
        if self.saturated():
            return self.saturated_ms
        busy = self.clock() - self._last_records < self.busy_for_s
        return self.busy_ms if busy else self.idle_ms


def pace_fetcher(fetcher: Any, pace: FetchPace) -> None:
    """Make a started aiokafka ``Fetcher`` ask for ``pace.wait_ms()`` in each fetch request.

    aiokafka reads ``_fetch_max_wait_ms`` each time its fetch routine builds requests
    (``_get_actions_per_node``), and ``_proc_fetch_request`` returns whether a response added
    records (or an error to raise); both are looked up on the instance, so wrapping them there
    touches this fetcher only (aiokafka 0.14; re-check on an upgrade:
    tests/integration/test_fetch_pace.py drives a real one against Tansu)."""
    build, handle = fetcher._get_actions_per_node, fetcher._proc_fetch_request

    def actions(assignment: Any) -> Any:
        fetcher._fetch_max_wait_ms = pace.wait_ms()
        return build(assignment)

    async def proc(assignment: Any, node_id: Any, request: Any) -> Any:
        added = await handle(assignment, node_id, request)
        if added:
            pace.records_came()
        return added

    fetcher._get_actions_per_node = actions
    fetcher._proc_fetch_request = proc


# what make_app was told about each app's agents being full (FetchPace.saturated)
_SATURATED: weakref.WeakKeyDictionary[Any, Callable[[], bool]] = weakref.WeakKeyDictionary()


def _pace_fetches() -> None:
    """Faust hard-codes aiokafka's fetch_max_wait_ms=1500, and Tansu parks an empty fetch for
    that long, so every idle hop of the pipeline cost up to 1.5 s. Each worker consumer's
    fetcher is paced instead (:class:`FetchPace`). Patched once per process."""
    from faust.transport.drivers import aiokafka as driver

    thread_cls = driver.AIOKafkaConsumerThread
    if getattr(thread_cls, "_cardstream_patched", False):
        return
    original = thread_cls._create_worker_consumer

    def create(self: Any, *args: Any, **kwargs: Any) -> Any:
        consumer = original(self, *args, **kwargs)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        started = consumer.start

        async def start() -> None:
            await started()  # the fetcher exists from here on
            pace_fetcher(consumer._fetcher, FetchPace(saturated=_SATURATED.get(self.app)))

        consumer.start = start
        return consumer

    thread_cls._create_worker_consumer = create  # type: ignore[method-assign]
    thread_cls._cardstream_patched = True  # type: ignore[attr-defined]


def _guard_commits() -> None:
    """Faust never commits past an event that was not acknowledged. Patched once per process.

    Faust commits the first run of consecutive acknowledged offsets of a partition, and checks
    that the run starts at the committed offset only when that offset is truthy, and then lets
    one missing event through (``min(acked) - committed > 1``). A partition this group never
    committed (or committed at 0) had no check at all: when its first events were fetched while
    Faust's flow was stopped (table recovery, a rebalance), they were dropped, the fetcher went
    on (aiokafka seeks back only to committed offsets above 0), the next events were acked, and
    their offset was committed past the dropped ones: lost for good. Seen in
    tests/integration/test_rebalance.py as 31 of 100 uploads committed without a text (p2 offsets
    0-12, p3 0-17). Here the first unacknowledged offset is a hard stop, and Faust's seek back to
    the committed offsets takes a partition without one back to its first offset."""
    from faust.transport import consumer as base
    from faust.utils.functional import consecutive_numbers

    cls = base.Consumer
    if getattr(cls, "_cardstream_guarded", False):
        return

    def new_offset(self: Any, tp: Any) -> int | None:
        acked = self._acked[tp]
        if not acked:
            return None
        top = max(acked)
        gaps = self._gap[tp]  # offsets that hold no event (compaction, transaction markers)
        if gaps:
            covered = [o for span in sorted(gaps.overlap(0, top), key=lambda s: s.begin)
                       for o in range(span.begin, span.end)]
            if covered:
                acked.extend(covered)
                gaps.chop(0, max(covered[-1], top + 1))
        acked.sort()
        head = self._committed_offset[tp]
        if head is not None and acked[0] > head:
            return None  # the event at ``head`` is not acknowledged yet
        batch = next(consecutive_numbers(acked))
        acked[: len(batch)] = []
        self._acked_index[tp].difference_update(batch)
        return int(batch[-1]) + 1

    async def seek_to_committed_or_first(self: Any) -> None:
        # Faust's perform_seek, except that a stream partition this group never committed (or
        # committed at 0) is sought back to its first offset too, as auto_offset_reset=earliest
        # promises: aiokafka's seek_to_committed skips it, leaving it wherever the fetcher got
        # to, so records fetched and then dropped (flow stopped, a rebalance) were skipped
        committed = dict(await self.seek_to_committed())
        changelogs = set(self.app.tables.changelog_topics)  # positioned by Faust's recovery
        unset = [tp for tp, offset in committed.items()
                 if not offset and tp.topic not in changelogs]
        if unset:
            try:
                firsts = await self.earliest_offsets(*unset)
            except Exception as exc:  # left where they are; agents.liveness is the backstop
                log.warning("no first offsets for %s: %s", unset, exc)
                firsts = {}
            for tp, first in firsts.items():
                if first is not None and first >= 0:
                    await self._seek(tp, first)
                    committed[tp] = first
        self._read_offset.update({tp: offset if offset is not None and offset >= 0 else None
                                  for tp, offset in committed.items()})
        # the head the guard above checks acknowledgements against
        self._committed_offset.update({base.ensure_TP(tp): offset
                                       for tp, offset in committed.items()
                                       if offset is not None and offset >= 0})

    cls._new_offset = new_offset  # type: ignore[method-assign]
    cls.perform_seek = seek_to_committed_or_first  # type: ignore[method-assign]
    cls._cardstream_guarded = True  # type: ignore[attr-defined]


def _position_before_resuming() -> None:
    """No record reaches an agent until its partitions are positioned. Patched once per process.

    After a rebalance, a worker with tables resumes its consumer's flow to read their changelogs,
    or at once when they need no reading ("Resuming flow..."). Faust's ``on_recovery_completed``
    then resumes the stream partitions, seeks them to their committed offsets (a broker round
    trip per partition: 0.3-2 s on a loaded machine), and resumes the flow again; and every
    resume of the app's flow control empties the streams' queues (``clear_on_resume=True`` in
    faust.channels, mode's ``FlowControlEvent.resume``). So what the fetcher delivered between
    the two resumes was thrown away unacknowledged while the fetch position moved past it, and
    the partition stalled until something sought it back (agents.liveness, 20-40 s later, or a
    restart). Seen in tests/integration/test_rebalance.py in most runs: texts[0] 15-29 and
    texts[1] 14-24 handed to the generate agent's queue at 16:36:12.777, the queue emptied by
    the resume at 12.788, the watchdog seeking both back 26 s later. Stopping the consumer's
    flow first makes the fetcher hand nothing over until Faust resumes it, from the positions
    the seek set."""
    from faust.tables.recovery import Recovery

    if getattr(Recovery, "_cardstream_positions", False):
        return
    completed = Recovery.on_recovery_completed

    async def on_recovery_completed(self: Any, generation_id: int = 0) -> None:
        self.app.consumer.stop_flow()
        await completed(self, generation_id)

    Recovery.on_recovery_completed = on_recovery_completed  # type: ignore[method-assign]
    Recovery._cardstream_positions = True  # type: ignore[attr-defined]


class PromptTableManager(TableManager):
    """Faust's table manager without the 1 s sleep it starts with.

    Faust sleeps so that tables declared after the app starts can still register before it
    subscribes; ours are all declared when the app is built (``agents.worker.Worker``), and a
    table added later fails loudly ("Too late to add tables"). The sleep was a whole second of
    every worker start, spent before its group join could begin. It was put back twice after
    tests/integration/test_rebalance.py stalled with it skipped; the stall was events thrown
    away after a rebalance (see _position_before_resuming), which the sleep only moved in
    time: with the sleep too, the liveness watchdog had to seek them back in most runs."""

    async def on_start(self) -> None:
        if not self.should_stop:
            await self._update_channels()
            await self.recovery.start()


def make_app(app_id: str, bootstrap: str, datadir: Path, session_timeout_s: float = 6.0,
             saturated: Callable[[], bool] | None = None, **overrides: Any) -> faust.App:
    """At-least-once (Tansu's transactions are too weak for exactly-once), in-memory table store
    rebuilt from changelogs, no Faust web server (our metrics endpoint is separate).
    ``saturated`` tells the consumer's fetch pace when its agents can take no more events."""
    conf: dict[str, Any] = {
        "broker": f"kafka://{bootstrap}",
        "store": "memory://",
        "processing_guarantee": "at_least_once",
        "web_enabled": False,
        "autodiscover": False,
        "datadir": str(datadir),
        "broker_session_timeout": session_timeout_s,
        "broker_heartbeat_interval": min(1.0, session_timeout_s / 3),
        "consumer_auto_offset_reset": "earliest",
        "producer_acks": -1,
        # Faust's default waits 20 minutes for an acknowledgement; a result send gives up
        # sooner and is retried by agents.deadletter.deliver, then stops the worker
        "producer_request_timeout": 15.0,
        "topic_allow_declare": True,  # only Faust's own changelog topics; ours are created first
        "stream_wait_empty": False,
        "broker_commit_interval": 1.0,
        # bigger fetches and buffers: feedback is many tiny events, aggregated in batches
        "broker_max_poll_records": 5000,
        "stream_buffer_maxsize": 16384,
        "TableManager": PromptTableManager,
    }
    conf.update(overrides)
    _pace_fetches()
    _guard_commits()
    _position_before_resuming()
    app = faust.App(app_id, **conf)
    if saturated is not None:
        _SATURATED[app] = saturated
    return app


def raw_topic(app: faust.App, name: str, partitions: int | None = None) -> Any:
    """Topics carry our Avro bytes; decoding is ours, so bad bytes can be dead-lettered."""
    return app.topic(name, key_serializer="raw", value_serializer="raw", partitions=partitions)


class AckedTable(faust.Table):
    """A table whose changelog writes can be awaited.

    Faust sends a table's changelog records in the background and tells nobody when the broker
    has them; ``await table.acked()`` waits for every write made so far. A reader that keeps its
    offsets in a table needs that: an offset may be recorded only once the table writes of the
    events before it are durable, or a crash would restore a table that never saw them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unacked: list[FutureMessage] = []

    def send_changelog(self, *args: Any, **kwargs: Any) -> FutureMessage:
        sent: FutureMessage = super().send_changelog(*args, **kwargs)
        self._unacked.append(sent)
        return sent

    async def acked(self) -> None:
        """Return when every changelog write so far is acknowledged; raise if one failed."""
        unacked, self._unacked = self._unacked, []
        if unacked:
            await asyncio.gather(*unacked)


def acked_table(app: faust.App, name: str, **options: Any) -> AckedTable:
    """``app.Table(name, ...)``, as an :class:`AckedTable`."""
    table = AckedTable(app, name=name, beacon=app.tables.beacon, **options)
    app.tables.add(table)
    return table
