"""Faust's commit offset after our guard (streams.faust_app._guard_commits): never past an event
that was not acknowledged. The consumer's bookkeeping is set by hand (a seam); the function is
the one Faust's consumer runs."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from faust.transport.consumer import Consumer
from faust.types import TP
from intervaltree import IntervalTree

from streams.faust_app import _guard_commits

P = TP("uploads", 2)


def bookkeeping(acked: list[int], committed: int | None, gaps: tuple[int, int] | None = None
                ) -> Any:
    class State:
        pass

    state = State()
    state._acked = {P: list(acked)}  # type: ignore[attr-defined]
    state._acked_index = {P: set(acked)}  # type: ignore[attr-defined]
    state._committed_offset = defaultdict(lambda: None, {P: committed})  # type: ignore[attr-defined]
    state._gap = defaultdict(IntervalTree)  # type: ignore[attr-defined]
    if gaps:
        state._gap[P].addi(*gaps)  # type: ignore[attr-defined]
    return state


def new_offset(state: Any) -> int | None:
    _guard_commits()
    return Consumer._new_offset(state, P)


def test_events_acknowledged_after_an_unacknowledged_head_are_not_committed() -> None:
    # the rebalance test's loss: offsets 0-12 dropped unseen, 13-19 acked, nothing committed yet
    assert new_offset(bookkeeping(list(range(13, 20)), committed=0)) is None
    # Faust let exactly one missing event through (min(acked) - committed > 1)
    assert new_offset(bookkeeping([11, 12], committed=10)) is None


def test_a_consecutive_run_from_the_head_is_committed() -> None:
    state = bookkeeping([0, 1, 2, 5, 6], committed=0)
    assert new_offset(state) == 3
    assert state._acked[P] == [5, 6]  # the rest waits for 3 and 4
    assert new_offset(bookkeeping([10, 11], committed=10)) == 12


def test_offsets_that_hold_no_event_do_not_stop_it() -> None:
    # a gap (compaction, transaction markers) at 3-4 counts as acknowledged
    assert new_offset(bookkeeping([0, 1, 2, 5], committed=0, gaps=(3, 5))) == 6
