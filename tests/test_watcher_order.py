"""The watcher reports an upload's text before its cards, whichever topic's fetch returns first,
and fetches cards only while an upload whose text came waits for them; while a batch's texts are
still far off, it rests between fetches of texts that found nothing.

Texts and flashcards are separate topics that the client fetches independently; a CI run saw an
upload's cards before its text and the text was then dropped ("text ready" never printed). The
consumers are the seam: per consumer, a list of messages in the order the broker might hand them
out; a paused consumer hands out nothing, as librdkafka fetches no paused partition.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from schemas.events import Card, DeadLetter, Flashcards, Text
from streams import client as client_module
from streams.client import Watcher


@dataclass
class Message:
    _topic: str
    _value: Any
    _offset: int = 0

    def topic(self) -> str:
        return self._topic

    def partition(self) -> int:
        return 0

    def offset(self) -> int:
        return self._offset

    def value(self) -> Any:
        return self._value

    def error(self) -> None:
        return None


class Consumer:
    def __init__(self, messages: list[Message], paused: bool = False) -> None:
        self.messages = list(messages)
        self.paused = paused
        self.polled_while_paused = 0
        self.sought: list[tuple[str, int, int]] = []

    def poll(self, _timeout: float) -> Message | None:
        if self.paused:
            self.polled_while_paused += 1
            return None
        return self.messages.pop(0) if self.messages else None

    def assignment(self) -> list[str]:
        return ["flashcards-0"]

    def pause(self, _partitions: list[str]) -> None:
        self.paused = True

    def resume(self, _partitions: list[str]) -> None:
        self.paused = False

    def seek(self, partition: Any) -> None:
        self.sought.append((partition.topic, partition.partition, partition.offset))


class Codec:
    def decode(self, value: Any, _type: type) -> Any:
        return value


class Client:
    codec = Codec()


def text(uid: str) -> Message:
    return Message("texts", Text(upload_id=uid, filename="a.txt", content_type="text/plain",
                                 text="Lorem.", language="eng", source="text"))


def cards(uid: str) -> Message:
    card = Card(card_id="c", type="qa", question="Q?", answer="A")
    return Message("flashcards", Flashcards(upload_id=uid, cards=[card]))


def dead(uid: str) -> Message:
    return Message("dead-letters", DeadLetter(stage="generate", reason="r", error_type="E",
                                              source_topic="texts", upload_id=uid, original=b""))


def watcher(messages: list[Message]) -> Watcher:
    watch = Watcher.__new__(Watcher)
    watch._client = Client()  # type: ignore[assignment]
    watch._topics = {"texts": Text, "flashcards": Flashcards, "dead-letters": DeadLetter}
    watch._progress = Consumer([m for m in messages if m.topic() != "flashcards"])  # type: ignore[assignment]
    watch._cards = Consumer([m for m in messages if m.topic() == "flashcards"],  # type: ignore[assignment]
                            paused=True)
    watch._fetching_cards = False
    watch._texts = set()
    watch._started = 0.0
    watch._resume_at = {("texts", 0): 0, ("dead-letters", 0): 0}
    return watch


def run(messages: list[Message], uids: list[str], timeout: float = 5.0):
    seen: list[tuple[str, str]] = []
    outcomes = watcher(messages).wait(uids, timeout, lambda o, s: seen.append((o.upload_id, s)))
    return outcomes, seen


def test_cards_before_their_text_are_reported_after_it():
    # b's text starts the cards fetch, which hands out a's cards before a's text is read
    outcomes, seen = run([cards("a"), text("b"), text("a"), cards("b")], ["a", "b"])
    assert seen.index(("a", "text")) < seen.index(("a", "cards"))
    assert seen.index(("b", "text")) < seen.index(("b", "cards"))
    assert all(o.status == "ok" and o.text is not None for o in outcomes.values())
    assert outcomes["a"].events == ["text", "cards"] and outcomes["b"].events == ["text", "cards"]


def test_cards_whose_text_never_comes_are_reported_after_the_grace(monkeypatch):
    monkeypatch.setattr(client_module, "TEXT_GRACE", 0.3)
    outcomes, seen = run([text("b"), cards("a"), cards("b")], ["a", "b"])
    assert seen[-1] == ("a", "cards") and outcomes["a"].status == "ok"
    assert outcomes["a"].text is None


def test_a_failure_after_the_text_and_a_redelivered_text_are_reported_once():
    outcomes, seen = run([text("a"), dead("a"), text("a")], ["a"])
    assert seen == [("a", "text"), ("a", "error")]
    assert outcomes["a"].status == "error"


def test_the_timeout_still_reports_held_cards(monkeypatch):
    monkeypatch.setattr(client_module, "TEXT_GRACE", 60.0)
    outcomes, seen = run([text("b"), cards("a")], ["a", "b"], timeout=0.5)
    assert ("a", "cards") in seen and outcomes["a"].status == "ok"
    assert outcomes["b"].status == "pending"


def test_cards_are_fetched_only_between_an_uploads_text_and_its_cards():
    watch = watcher([text("a"), cards("a")])
    fetching: list[bool] = []
    watch.wait(["a"], 5.0, lambda _o, _s: fetching.append(not watch._cards.paused))
    # no cards fetch before the text (an OCR page takes seconds: 20 ms fetches of nothing),
    # one from the text on, and none once the wait is over
    assert fetching == [False, True]
    assert watch._cards.polled_while_paused == 0 and watch._cards.paused


def test_cards_of_a_text_read_by_an_earlier_wait_are_still_fetched(monkeypatch):
    monkeypatch.setattr(client_module, "TEXT_GRACE", 0.3)
    watch = watcher([text("a")])
    assert watch.wait(["a"], 0.3)["a"].status == "pending"  # timed out after the text
    watch._cards.messages.append(cards("a"))
    outcome = watch.wait(["a"], 5.0)["a"]
    assert outcome.status == "ok" and outcome.flashcards is not None


class Clock:
    """The watcher's time (streams.client.time): a poll that finds nothing waits its timeout,
    a sleep its seconds; nothing really waits."""

    def __init__(self) -> None:
        self.now = 0.0
        self.rests: list[float] = []  # when the texts consumer was paused to rest

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.rests.append(self.now)
        self.now += seconds


class Timed(Consumer):
    """Records as a broker hands them out over time: (seconds, message), each from then on; a
    poll that finds none waits its timeout."""

    def __init__(self, clock: Clock, timeline: list[tuple[float, Message]]) -> None:
        super().__init__([])
        self.clock, self.timeline = clock, list(timeline)
        self.pauses = 0

    def poll(self, timeout: float) -> Message | None:
        assert not self.paused, "a paused consumer is not polled"
        if self.timeline and self.timeline[0][0] <= self.clock.now:
            return self.timeline.pop(0)[1]
        self.clock.now += timeout
        return None

    def pause(self, partitions: list[str]) -> None:
        self.pauses += 1
        super().pause(partitions)


def paced(monkeypatch: Any, timeline: list[tuple[float, Message]],
          cards_timeline: list[tuple[float, Message]] | None = None) -> tuple[Watcher, Clock]:
    clock = Clock()
    monkeypatch.setattr(client_module, "time", clock)
    watch = watcher([])
    watch._progress = Timed(clock, timeline)  # type: ignore[assignment]
    watch._cards = Timed(clock, cards_timeline or [])  # type: ignore[assignment]
    watch._cards.paused = True
    return watch, clock


PAGE_S = 1.2  # a batch's texts come back one every 1.2 s
BATCH = [(PAGE_S * (i + 1), text(f"p{i}")) for i in range(10)]
IDS = [f"p{i}" for i in range(10)]


def test_texts_far_off_are_fetched_with_rests_and_the_last_ones_without(monkeypatch):
    watch, clock = paced(monkeypatch, BATCH)
    seen = watch.wait_for_text(IDS, 600.0)
    assert sorted(seen) == IDS
    assert watch._progress.pauses == len(clock.rests) > 0 and not watch._progress.paused
    # rests once two texts gave the pace, and only while 2 s or more of texts were still to
    # come at it (two texts or more): none once the last but one came, so the last text is
    # fetched at the usual pace
    times = sorted(seen.values())
    assert all(times[1] <= at < times[-2] for at in clock.rests), (clock.rests, times)
    assert times[-1] - PAGE_S * 10 <= 0.2  # the last text seen within a fetch of coming


def test_a_wait_for_cards_rests_only_while_no_cards_are_fetched(monkeypatch):
    watch, clock = paced(monkeypatch, [(PAGE_S * (i + 1), dead(f"p{i}")) for i in range(4)])
    outcomes = watch.wait(IDS[:4], 600.0)
    assert {o.status for o in outcomes.values()} == {"error"}
    assert clock.rests == []  # dead letters are no texts: no pace to rest by
    # each upload's cards just after its text: the texts consumer rests between them, as a
    # wait for texts alone does
    watch, clock = paced(monkeypatch, BATCH, [(at + 0.1, cards(t.value().upload_id))
                                              for at, t in BATCH])
    outcomes = watch.wait(IDS, 600.0)
    assert {o.status for o in outcomes.values()} == {"ok"}
    assert clock.rests and watch._progress.pauses == len(clock.rests)
    # while an upload whose text came waits for its cards, cards set the pace: no rests
    watch, clock = paced(monkeypatch, BATCH)
    outcomes = watch.wait(IDS, 30.0)
    assert sum(o.text is not None for o in outcomes.values()) == 10
    assert clock.rests == []


def test_a_rest_resumes_each_partition_past_the_last_record_handed_out(monkeypatch):
    # librdkafka throws away what it fetched for a partition when it is paused; where it then
    # resumes is not left to it: each partition is sought past the last record handed out
    batch = [(at, replace(message, _offset=7 + i)) for i, (at, message) in enumerate(BATCH)]
    watch, clock = paced(monkeypatch, batch)
    handed: list[int] = []
    poll = watch._progress.poll

    def tracked(timeout: float) -> Message | None:
        message = poll(timeout)
        if message is not None:
            handed.append(message.offset())
        return message

    watch._progress.poll = tracked  # type: ignore[method-assign]
    seeks: list[tuple[str, int, int]] = watch._progress.sought
    at_rest: list[int] = []
    sleep = clock.sleep

    def rest(seconds: float) -> None:
        at_rest.append(handed[-1])
        sleep(seconds)

    clock.sleep = rest  # type: ignore[method-assign]
    assert sorted(watch.wait_for_text(IDS, 600.0)) == IDS
    assert at_rest and len(seeks) == 2 * len(at_rest)
    texts = [offset for topic, _, offset in seeks if topic == "texts"]
    assert texts == [last + 1 for last in at_rest]
    assert {offset for topic, _, offset in seeks if topic == "dead-letters"} == {0}
