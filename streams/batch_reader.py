"""Reading one topic in batches beside Faust, on the worker that owns the tables it writes.

Why not a Faust agent: Faust delivers a stream one event at a time (its consumer loop starts two
tasks per message), which held an agent that did nothing at all to ~7,400 events/s on the
2-core machine; aiokafka's ``getmany`` hands over thousands of records per call.

Ownership follows Faust. The reader reads only while Faust has made this worker the active
owner of every table it is given (their changelog partitions; the tables have one partition
each, so Faust assigns them together) and has restored them from their changelogs. A
revocation, or shutdown, waits for the batch in flight and for its offsets to be acknowledged.

Offsets are kept in a table, not committed to a consumer group. Once the handler has returned for
a batch and every table write it made is acknowledged by the broker (``AckedTable.acked``), the
next offset of each partition is written to ``offsets``; on every assignment the reader seeks
there. A crash replays the batches whose offsets were not yet durable and skips nothing:
at-least-once, with the position and the tables restored from the same changelogs. Before any
offset is recorded, the reader starts where ``group_id`` last committed (a Faust agent of that
group, the previous reader of the topic: an upgrade does not count everything again), else at
the beginning.

The position is also committed, after it is recorded, to a consumer group of its own
(``lag_group``, by a paused consumer that fetches nothing), so Kafka-UI, kafka-consumer-groups
and lag exporters show the reader's lag like any other. That commit is for them only: the table
stays the truth, and a failed commit is logged and retried with the next batch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import faust
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from faust.types import TP

from streams.faust_app import FETCH_MAX_WAIT_MS, AckedTable

log = logging.getLogger(__name__)

Handler = Callable[[list[ConsumerRecord]], Awaitable[None]]
IDLE_WAIT_MS = 200  # how long one empty getmany waits before the loop looks at its flags again


def batch_consumer(bootstrap: str, group_id: str, **security: Any) -> AIOKafkaConsumer:
    """A consumer for :class:`BatchReader`: assigned by hand, never committing, never in a group.

    ``group_id`` is only read from (the starting position when no offset is recorded yet).
    Created inside the running loop, as aiokafka requires.
    """
    return AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=FETCH_MAX_WAIT_MS,  # see faust_app.FetchPace
        max_partition_fetch_bytes=8 * 1024 * 1024,
        **security,  # TLS/SASL: streams.security.KafkaSecurity.aiokafka()
    )


class BatchReader:
    def __init__(
        self,
        app: faust.App,
        topic: str,
        *,
        handle: Handler,
        tables: Sequence[AckedTable],
        offsets: AckedTable,
        max_records: int,
        consumer: Callable[[], AIOKafkaConsumer],
        lag_consumer: Callable[[], AIOKafkaConsumer] | None = None,
    ) -> None:
        self.app = app
        self.topic = topic
        self.handle = handle
        self.tables = list(tables)
        self.offsets = offsets
        self.max_records = max_records
        self._make_consumer = consumer
        self._make_lag_consumer = lag_consumer
        self._lag: AIOKafkaConsumer | None = None
        self._reading = False  # this worker owns the tables and the reader is positioned
        self._reassigned = False  # a rebalance completed: look at ownership, seek again
        self._stopping = False
        self._wake = asyncio.Event()
        self._batch = asyncio.Lock()  # held from fetch result to acknowledged offsets

    def install(self) -> None:
        """Run with the app: the read loop as an app task, and Faust's rebalance signals."""
        self.app.task(self.run)
        self.app.on_partitions_revoked.connect(self._on_revoked)  # type: ignore[arg-type]
        self.app.on_rebalance_complete.connect(self._on_rebalanced)  # type: ignore[arg-type]
        self.app.on_before_shutdown.connect(self._on_shutdown)  # type: ignore[arg-type]

    # --- Faust's signals ----------------------------------------------------------------
    async def _on_revoked(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        self._reading = False
        async with self._batch:  # the batch in flight finishes and records its offsets
            await self.offsets.acked()

    async def _on_rebalanced(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        self._reassigned = True  # tables are restored by now: Faust sends this after recovery
        self._wake.set()

    async def _on_shutdown(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        self._stopping = True
        await self._on_revoked(sender)
        self._wake.set()

    # --- the loop -----------------------------------------------------------------------
    async def run(self) -> None:
        consumer = self._make_consumer()
        await consumer.start()
        if self._make_lag_consumer is not None:
            self._lag = self._make_lag_consumer()
            await self._lag.start()
        try:
            while not self._stopping:
                if self._reassigned:
                    self._reassigned = False
                    await self._position(consumer)
                if not self._reading:
                    await self._wake.wait()
                    self._wake.clear()
                    continue
                fetched = await consumer.getmany(timeout_ms=IDLE_WAIT_MS,
                                                 max_records=self.max_records)
                if not self._reading or self._reassigned:
                    continue  # a rebalance began meanwhile; these are read again after the seek
                records = [r for tp in sorted(fetched) for r in fetched[tp]]
                if records:
                    await self._process(records)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # nothing of this batch is recorded as read: the worker stops, a restart replays it
            log.exception("reading %s failed; stopping the worker", self.topic)
            await self.app.crash(exc)
        finally:
            await consumer.stop()
            if self._lag is not None:
                await self._lag.stop()

    async def _process(self, records: list[ConsumerRecord]) -> None:
        async with self._batch:
            await self.handle(records)
            for table in (*self.tables, self.offsets):
                await table.acked()  # the batch's table writes, and the previous offsets
            positions = dict(self.offsets.get(self.topic) or {})
            for record in records:
                positions[str(record.partition)] = max(
                    record.offset + 1, positions.get(str(record.partition), 0)
                )
            self.offsets[self.topic] = positions
        await self._publish(positions)

    async def _publish(self, positions: dict[str, int]) -> None:
        """Commit the recorded position to ``lag_group`` for lag tools (best effort)."""
        if self._lag is None or not self._lag.assignment():
            return
        try:
            await self._lag.commit({TopicPartition(self.topic, int(p)): offset
                                    for p, offset in positions.items()})
        except Exception as exc:  # aiokafka's errors, the broker's: the table is the truth
            log.warning("%s: committing the position for lag tools failed: %s", self.topic, exc)

    def _owner(self) -> bool:
        owned = {TP(t.changelog_topic.get_topic_name(), 0) for t in (*self.tables, self.offsets)}
        return owned <= self.app.assignor.assigned_actives()

    async def _position(self, consumer: AIOKafkaConsumer) -> None:
        if not self._owner():
            consumer.assign([])
            if self._lag is not None:
                self._lag.assign([])
            log.info("%s: another worker owns its tables; not reading", self.topic)
            return
        partitions = consumer.partitions_for_topic(self.topic)
        if not partitions:
            await consumer.topics()  # fetches the cluster metadata
            partitions = consumer.partitions_for_topic(self.topic) or set()
        tps = [TopicPartition(self.topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        if self._lag is not None:  # assigned to commit, paused so it never fetches
            self._lag.assign(tps)
            self._lag.pause(*tps)
        recorded = self.offsets.get(self.topic) or {}
        for tp in tps:
            if str(tp.partition) in recorded:
                consumer.seek(tp, recorded[str(tp.partition)])
        log.info("%s: reading from %s", self.topic,
                 {tp.partition: recorded.get(str(tp.partition), "the group's offset")
                  for tp in tps})
        self._reading = True
