"""The liveness watchdog's decisions (agents.liveness), on a clock and a broker view we set."""

from __future__ import annotations

from agents.liveness import Progress, Watchdog, lagging

TP0, TP1 = ("uploads", 0), ("uploads", 1)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def watchdog(view_result: tuple) -> tuple[Watchdog, Clock, list]:
    clock, calls = Clock(), []

    def view(tps: list) -> tuple:
        calls.append(tps)
        return view_result

    return Watchdog(Progress(clock), {"uploads"}, view, stall_s=45), clock, calls


def test_lag_counts_from_the_committed_offset_or_the_first_one() -> None:
    ends = {TP0: (0, 3), TP1: (5, 9)}
    assert lagging({TP0: 2, TP1: None}, ends) == {TP0: 1, TP1: 4}
    assert lagging({TP0: 3, TP1: 9}, ends) == {}


def test_an_idle_worker_with_work_waiting_seeks_back_then_exits() -> None:
    dog, clock, calls = watchdog(({TP0: None, TP1: 4}, {TP0: (0, 1), TP1: (0, 4)}))
    assert dog.verdict([TP0, TP1, ("changelog", 0)])[0] == "ok"  # just assigned
    clock.now = 44
    assert dog.verdict([TP0, TP1])[0] == "ok" and not calls  # not idle long enough: no lookup
    clock.now = 46
    verdict, targets, waiting = dog.verdict([TP0, TP1])
    assert (verdict, targets, waiting) == ("seek", {TP0: 0}, {TP0: 1})
    assert calls == [[TP0, TP1]]  # only the watched topics are looked up
    clock.now = 80
    assert dog.verdict([TP0, TP1])[0] == "ok"  # a full stall_s again after the seek
    clock.now = 92
    assert dog.verdict([TP0, TP1])[0] == "exit"


def test_work_in_flight_finished_work_or_a_rebalance_is_not_a_stall() -> None:
    dog, clock, calls = watchdog(({TP0: None}, {TP0: (0, 1)}))
    dog.verdict([TP0])
    dog.progress.begin()  # a long OCR job
    clock.now = 500
    assert dog.verdict([TP0])[0] == "ok" and not calls
    dog.progress.end()
    clock.now = 540
    assert dog.verdict([TP0])[0] == "ok"
    clock.now = 560
    assert dog.verdict([TP1])[0] == "ok"  # new partitions: their own 45 s
    clock.now = 600
    assert dog.verdict([TP1])[0] == "ok" and not calls


def test_no_work_waiting_is_not_a_stall() -> None:
    dog, clock, calls = watchdog(({TP0: 7}, {TP0: (0, 7)}))
    dog.verdict([TP0])
    clock.now = 100
    assert dog.verdict([TP0])[0] == "ok" and len(calls) == 1  # looked, found nothing waiting
    clock.now = 140
    assert dog.verdict([TP0])[0] == "ok" and len(calls) == 1  # next look a stall_s later
    clock.now = 146
    assert dog.verdict([TP0])[0] == "ok" and len(calls) == 2 and dog.stalls == 0


def test_a_stall_after_the_seek_got_work_moving_is_a_new_first_stall() -> None:
    dog, clock, _ = watchdog(({TP0: None}, {TP0: (0, 3)}))
    dog.verdict([TP0])
    clock.now = 46
    assert dog.verdict([TP0])[0] == "seek"
    dog.progress.begin()  # the seek worked: events are handled again
    clock.now = 50
    dog.progress.end()
    clock.now = 96  # idle again with work waiting (lost anew): seek again, do not exit
    assert dog.verdict([TP0])[0] == "seek"
    clock.now = 142  # nothing handled since that seek: a stall in a row
    assert dog.verdict([TP0])[0] == "exit"
