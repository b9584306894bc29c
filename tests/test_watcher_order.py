"""The watcher reports an upload's text before its cards, whichever topic's fetch returns first.

Texts and flashcards are separate topics that the client fetches independently; a CI run saw an
upload's cards before its text and the text was then dropped ("text ready" never printed). The
consumer is the seam: a list of messages in the order the broker might hand them out.
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
    def __init__(self, messages: list[Message]) -> None:
        self.messages = list(messages)

    def poll(self, _timeout: float) -> Message | None:
        return self.messages.pop(0) if self.messages else None


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
    watch._consumer = Consumer(messages)  # type: ignore[assignment]
    watch._started = 0.0
    return watch


def run(messages: list[Message], uids: list[str], timeout: float = 5.0):
    seen: list[tuple[str, str]] = []
    outcomes = watcher(messages).wait(uids, timeout, lambda o, s: seen.append((o.upload_id, s)))
    return outcomes, seen


def test_cards_before_their_text_are_reported_after_it():
    outcomes, seen = run([cards("a"), text("b"), text("a"), cards("b")], ["a", "b"])
    assert seen == [("b", "text"), ("a", "text"), ("a", "cards"), ("b", "cards")]
    assert all(o.status == "ok" and o.text is not None for o in outcomes.values())
    assert outcomes["a"].events == ["text", "cards"]


def test_cards_whose_text_never_comes_are_reported_after_the_grace(monkeypatch):
    monkeypatch.setattr(client_module, "TEXT_GRACE", 0.3)
    outcomes, seen = run([cards("a")], ["a"])
    assert seen == [("a", "cards")] and outcomes["a"].status == "ok" and outcomes["a"].text is None


def test_a_failure_after_the_text_and_a_redelivered_text_are_reported_once():
    outcomes, seen = run([text("a"), dead("a"), text("a")], ["a"])
    assert seen == [("a", "text"), ("a", "error")]
    assert outcomes["a"].status == "error"


def test_the_timeout_still_reports_held_cards(monkeypatch):
    monkeypatch.setattr(client_module, "TEXT_GRACE", 60.0)
    outcomes, seen = run([cards("a")], ["a"], timeout=0.5)
    assert seen == [("a", "cards")] and outcomes["a"].status == "ok"
