"""A watcher resting between fetches of texts (streams.client.RELAXED_REST_S) still hands out
every text on the real broker: librdkafka drops what it fetched for a partition when it is
paused, and the watcher seeks each one back past the last record it handed out."""

from __future__ import annotations

import threading
import time
from typing import Any

from schemas.events import Text
from streams import client as client_module
from streams import kafka


class Rests:
    """The watcher's clock (streams.client.time), counting its rests."""

    def __init__(self) -> None:
        self.count = 0
        self.monotonic = time.monotonic

    def sleep(self, seconds: float) -> None:
        self.count += 1
        time.sleep(seconds)


def test_a_resting_watcher_sees_every_text_of_a_paced_batch(stack: Any, client: Any,
                                                            monkeypatch: Any) -> None:
    # rests from the second text on, while a text or more is still to come
    monkeypatch.setattr(client_module, "RELAXED_AHEAD_S", 0.05)
    monkeypatch.setattr(client_module, "RELAXED_REST_S", 0.15)
    rests = Rests()
    monkeypatch.setattr(client_module, "time", rests)
    ids = [f"rest-{i}-{time.monotonic_ns()}" for i in range(16)]

    def send() -> None:
        producer = kafka.producer(stack.bootstrap)
        for i, uid in enumerate(ids):  # 0.05-0.35 s apart: some land while the watcher rests
            text = Text(upload_id=uid, filename="a.txt", content_type="text/plain",
                        text="Lorem.", language="eng", source="text")
            kafka.produce_sync(producer, client.topic(Text.topic), uid, client.codec.encode(text))
            time.sleep(0.05 + 0.15 * (i % 3))

    with client.watcher() as watch:
        sender = threading.Thread(target=send)
        sender.start()
        seen = watch.wait_for_text(ids, 120.0)
        sender.join()
    assert sorted(seen) == sorted(ids)
    assert rests.count > 0
