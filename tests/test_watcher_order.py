"""The watcher reports an upload's text before its cards, whichever topic's fetch returns first,
and fetches cards only while an upload whose text came waits for them.

Texts and flashcards are separate topics that the client fetches independently; a CI run saw an
upload's cards before its text and the text was then dropped ("text ready" never printed). The
consumers are the seam: per consumer, a list of messages in the order the broker might hand them
out; a paused consumer hands out nothing, as librdkafka fetches no paused partition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.events import Card, DeadLetter, Flashcards, Text
from streams import client as client_module
from streams.client import Watcher


@dataclass
class Message:
    _topic: str
    _value: Any

    def topic(self) -> str:
        return self._topic

    def value(self) -> Any:
        return self._value

    def error(self) -> None:
        return None


class Consumer:
    def __init__(self, messages: list[Message], paused: bool = False) -> None:
        self.messages = list(messages)
        self.paused = paused
        self.polled_while_paused = 0

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
