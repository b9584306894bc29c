"""Integration helpers shared by tests that run a stack of their own (the session's stack and its
client are in tests/conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from schemas.events import UploadOptions

WAIT = 240.0
TEXT = ("Mitochondria produce most of the cell's ATP through cellular respiration. "
        "The inner membrane of the mitochondrion is folded into cristae.")


@pytest.fixture()
def round_trip() -> Callable[[Any], None]:
    """A factory: ``round_trip(settings)`` uploads a text to the running stack ``settings``
    names, waits for its cards, rates one and waits until the rating is in the card store. So a
    client's producer and watcher, the worker's Faust agents and its aiokafka feedback reader
    each did their part, over whatever connection ``settings`` configures."""
    from cardstream import bootstrap

    def run(settings: Any) -> None:
        client = bootstrap.client(settings)
        store = bootstrap.card_store(settings)
        try:
            with client.watcher() as watch:
                upload = client.upload_text(TEXT, UploadOptions(num_cards=2))
                outcome = watch.wait([upload.upload_id], WAIT)[upload.upload_id]
            assert outcome.status == "ok" and outcome.flashcards, outcome.error
            card = outcome.flashcards.cards[0]
            client.feedback(card.card_id, 5, upload_id=upload.upload_id)

            def rated() -> bool:
                return any(r.card.card_id == card.card_id for r in store.rated_cards())

            until = time.monotonic() + WAIT
            while not rated() and time.monotonic() < until:
                time.sleep(0.5)
            assert rated(), "the feedback reader (aiokafka) got no rating"
        finally:
            store.close()
            client.close()

    return run
