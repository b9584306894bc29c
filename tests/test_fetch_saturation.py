"""A worker whose agents hold all the events they may does not hurry its fetches.

While every OCR upload in flight waits on a busy Tesseract process, a record fetched 10 ms
sooner cannot start sooner, and each short fetch is broker and client CPU taken from the
Tesseract processes on the same cores. The agents' side (``handed_off`` counting the events an
agent holds in its ``Slots``) and the fetch pace's side (``FetchPace.saturated``) are checked
here without a broker; tests/integration/test_fetch_pace.py drives a real paced fetcher.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any

from agents.deadletter import Source
from agents.worker import Slots, handed_off
from streams.faust_app import FetchPace

IDLE, BUSY, BUSY_FOR, SATURATED = 100, 10, 3.0, 500


def test_a_saturated_consumer_waits_its_own_long_wait_though_records_just_came() -> None:
    full = [False]
    pace = FetchPace(IDLE, BUSY, BUSY_FOR, clock=lambda: 0.0, saturated=lambda: full[0],
                     saturated_ms=SATURATED)
    pace.records_came()
    assert pace.wait_ms() == BUSY
    full[0] = True
    assert pace.wait_ms() == SATURATED
    full[0] = False  # a slot came free: the next record can start at once
    assert pace.wait_ms() == BUSY


def test_a_full_worker_fetches_less_often_than_an_idle_one() -> None:
    """An idle worker must see an upload soon; a full one polls the broker less, however
    recently records came (the defaults the worker's consumers are paced with)."""
    now, full = [0.0], [False]
    pace = FetchPace(clock=lambda: now[0], saturated=lambda: full[0])
    idle = pace.wait_ms()
    pace.records_came()
    full[0] = True
    assert pace.wait_ms() > idle
    now[0] += 60.0  # and long after the last records too
    assert pace.wait_ms() > idle


@dataclass
class Message:
    topic: str = "uploads"
    partition: int = 0
    offset: int = 0
    key: bytes | None = None
    value: bytes | None = b"x"


@dataclass
class Event:
    message: Message


class Stream:
    """Faust's ``noack`` stream at its seam: the events, and the acks the agent gives."""

    def __init__(self, count: int) -> None:
        self.items = [Event(Message(offset=i)) for i in range(count)]
        self.acked: list[int] = []

    def noack(self) -> Stream:
        return self

    async def events(self) -> Any:
        for item in self.items:
            yield item

    async def ack(self, event: Event) -> None:
        self.acked.append(event.message.offset)


def test_an_agent_holds_a_slot_from_taking_an_event_until_its_result_is_sent() -> None:
    async def run() -> tuple[list[bool], Slots, Stream]:
        slots, stream = Slots(limit=2), Stream(3)
        seen: list[bool] = []  # whether the agents were full while each event was handled
        release = asyncio.Event()

        async def handle(source: Source) -> None:
            seen.append(slots.full())
            if source.offset == 0:
                await release.wait()  # the first event's OCR is still running

        first = asyncio.ensure_future(handed_off(stream, handle, slots=slots))
        second = asyncio.ensure_future(handed_off(Stream(1), handle, slots=slots))
        await asyncio.sleep(0)
        while len(seen) < 2:
            await asyncio.sleep(0)
        full_while_waiting = slots.full()
        release.set()
        await asyncio.gather(first, second)
        return [full_while_waiting, *seen], slots, stream

    (full_while_waiting, *_), slots, stream = asyncio.run(run())
    assert full_while_waiting  # two agents, each holding an event: nothing more can start
    assert slots.taken == 0 and not slots.full()  # every slot given back once handled
    assert stream.acked == [0, 1, 2]


def test_a_failed_handler_gives_its_slot_back() -> None:
    async def run() -> Slots:
        slots = Slots(limit=1)

        async def handle(_source: Source) -> None:
            raise asyncio.CancelledError  # the agent task cancelled mid-event (shutdown)

        with contextlib.suppress(asyncio.CancelledError):
            await handed_off(Stream(1), handle, slots=slots)
        return slots

    assert asyncio.run(run()).taken == 0
