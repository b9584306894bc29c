"""The whole pipeline on the real embedded broker, a real worker process and real Tesseract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from schemas.events import DeadLetter, UploadOptions
from streams import kafka
from tests.conftest import SAMPLES

pytestmark = pytest.mark.integration

WAIT = 240.0


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


def card_words(outcome) -> set[str]:  # type: ignore[no-untyped-def]
    assert outcome.flashcards is not None, outcome.error
    return words(" ".join(f"{c.question} {c.answer} {' '.join(c.choices)}"
                          for c in outcome.flashcards.cards))


def test_an_image_upload_yields_cards_made_of_words_from_the_image(client):
    image = SAMPLES / "water-cycle.png"
    with client.watcher() as watch:
        upload = client.upload_file(image, UploadOptions(num_cards=5))
        outcome = watch.wait([upload.upload_id], WAIT)[upload.upload_id]
    assert outcome.status == "ok", outcome.error
    assert outcome.text is not None and outcome.text.source == "ocr"
    assert outcome.text.avg_confidence is not None and outcome.text.avg_confidence > 80
    assert len(outcome.flashcards.cards) == 5
    image_words = {"water", "cycle", "ocean", "oceans", "vapour", "clouds", "condensation",
                   "precipitation", "transpiration", "groundwater", "aquifers", "rivers",
                   "evaporates", "atmosphere", "droplets", "stomata", "plants", "earth"}
    assert len(card_words(outcome) & image_words) >= 3


def test_a_text_upload_skips_ocr(client):
    text = (SAMPLES / "photosynthesis.txt").read_text()
    with client.watcher() as watch:
        options = UploadOptions(num_cards=4, question_types=["qa", "cloze"])
        upload = client.upload_text(text, options)
        outcome = watch.wait([upload.upload_id], WAIT)[upload.upload_id]
    assert outcome.status == "ok", outcome.error
    assert outcome.text.source == "text"
    assert outcome.text.avg_confidence is None
    assert all(p.source == "text" for p in outcome.text.pages)
    assert {c.type for c in outcome.flashcards.cards} <= {"qa", "cloze"}
    assert card_words(outcome) & {"photosynthesis", "chlorophyll", "calvin", "stroma",
                                  "chloroplasts", "oxygen", "glucose", "thylakoid", "ingenhousz"}


def test_a_corrupt_file_is_dead_lettered_and_the_next_upload_still_succeeds(client, stack_settings):
    corrupt = b"\x89PNG\r\n\x1a\n" + os.urandom(300)  # a PNG header and then noise
    with client.watcher() as watch:
        bad = client.upload_bytes(corrupt, "broken.png", "image/png")
        good = client.upload_text("Mitochondria are the organelles that produce most of the "
                                  "cell's ATP through cellular respiration. The inner membrane "
                                  "of the mitochondrion is folded into cristae.",
                                  UploadOptions(num_cards=2))
        outcomes = watch.wait([bad.upload_id, good.upload_id], WAIT)
    failed = outcomes[bad.upload_id]
    assert failed.status == "error"
    assert failed.error.stage == "ocr"
    assert failed.error.reason and failed.error.source_topic == stack_settings.topic("uploads")
    # the original event travels with the reason, byte for byte
    original = client.codec.decode(failed.error.original, type(bad))
    assert original.data == corrupt and original.upload_id == bad.upload_id
    assert outcomes[good.upload_id].status == "ok"


def test_bytes_that_are_not_an_event_are_dead_lettered(client, stack_settings):
    consumer = kafka.consumer(client.bootstrap)
    kafka.assign_at_end(consumer, [stack_settings.topic(DeadLetter.topic)])
    producer = kafka.producer(client.bootstrap)
    junk = b"definitely not avro " + os.urandom(16)
    kafka.produce_sync(producer, stack_settings.topic("uploads"), b"junk-key", junk)
    letter = None
    import time

    deadline = time.monotonic() + WAIT
    while letter is None and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        candidate = client.codec.decode(message.value(), DeadLetter)
        if candidate.original == junk:
            letter = candidate
    consumer.close()
    assert letter is not None, "no dead letter for undecodable bytes"
    assert letter.error_type == "SerializationError" and letter.original_key == b"junk-key"
    assert letter.source_offset >= 0


def test_two_uploads_in_flight_do_not_mix(client):
    birds = ("Penguins are flightless birds that live almost exclusively in the Southern "
             "Hemisphere. The emperor penguin is the tallest and heaviest of all living penguin "
             "species. Penguins feed on krill, fish and squid caught while swimming underwater.")
    volcanoes = ("A volcano is a rupture in the crust of a planet where lava, volcanic ash and "
                 "gases escape. Mount Vesuvius erupted in 79 AD and buried the city of Pompeii. "
                 "Magma that reaches the surface is called lava.")
    results = {}

    def run(name: str, text: str) -> None:
        with client.watcher() as watch:
            upload = client.upload_text(text, UploadOptions(num_cards=3))
            results[name] = watch.wait([upload.upload_id], WAIT)[upload.upload_id]

    threads = [threading.Thread(target=run, args=item) for item in
               (("birds", birds), ("volcanoes", volcanoes))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    bird_words, volcano_words = card_words(results["birds"]), card_words(results["volcanoes"])
    assert bird_words & {"penguin", "penguins", "krill", "emperor", "hemisphere", "flightless"}
    assert volcano_words & {"volcano", "lava", "vesuvius", "pompeii", "magma", "volcanic"}
    assert not bird_words & {"volcano", "lava", "vesuvius", "pompeii", "magma", "volcanic"}
    assert not volcano_words & {"penguin", "penguins", "krill", "emperor", "flightless"}


def test_cli_upload_wait_json(stack, stack_settings, tmp_path):
    bad = tmp_path / "empty.png"
    bad.write_bytes(b"")
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(stack_settings.run_dir),
           "CARDSTREAM_TOPIC_PREFIX": stack_settings.topic_prefix}
    run = subprocess.run(
        [sys.executable, "-m", "cardstream.cli", "upload", str(SAMPLES / "photosynthesis.txt"),
         str(bad), "--num-cards", "3", "--types", "qa,cloze", "--wait", "--json",
         "--timeout", str(WAIT)],
        capture_output=True, text=True, env=env, timeout=WAIT + 60,
    )
    assert run.returncode == 1, run.stderr  # one of the two uploads failed
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    by_name = {line["filename"]: line for line in lines}
    ok, failed = by_name["photosynthesis.txt"], by_name["empty.png"]
    assert ok["status"] == "ok" and len(ok["cards"]) == 3
    for card in ok["cards"]:
        assert {"card_id", "type", "question", "answer", "difficulty", "quality_score"} <= set(card)
        assert card["type"] in {"qa", "cloze"}
    assert failed["status"] == "error" and failed["cards"] == []
    assert failed["error"]["stage"] == "ocr" and failed["error"]["reason"]
    assert "text ready" in run.stderr  # progress goes to stderr, results to stdout


def test_worker_metrics_endpoint_counts_what_happened(stack, client):
    import urllib.request

    url = stack.info.metrics["worker"]
    body = urllib.request.urlopen(url, timeout=10).read().decode()
    assert re.search(r'cardstream_events_total\{stage="generate",status="ok"\} [1-9]', body)
    assert "cardstream_dead_letters_total" in body


def test_run_file_tells_the_cli_where_the_stack_is(stack):
    info = json.loads(Path(stack.run_dir / "cardstream.json").read_text())
    assert info["bootstrap"] == stack.bootstrap and info["embedded"] is True


def test_export_writes_an_anki_deck_and_csv_of_the_cards_made(stack, stack_settings, client,
                                                              tmp_path):
    import csv
    import html
    import sqlite3
    import zipfile

    with client.watcher() as watch:
        upload = client.upload_text((SAMPLES / "photosynthesis.txt").read_text(),
                                    UploadOptions(num_cards=3, subject="sciences"))
        outcome = watch.wait([upload.upload_id], WAIT)[upload.upload_id]
    card_ids = {c.card_id for c in outcome.flashcards.cards}
    env = {**os.environ, "CARDSTREAM_RUN_DIR": str(stack_settings.run_dir),
           "CARDSTREAM_TOPIC_PREFIX": stack_settings.topic_prefix}
    deck, table = tmp_path / "deck.apkg", tmp_path / "cards.csv"
    for fmt, out in (("apkg", deck), ("csv", table)):
        run = subprocess.run(
            [sys.executable, "-m", "cardstream.cli", "export", "--upload", upload.upload_id,
             "--format", fmt, "--out", str(out)],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    notes = sqlite3.connect(tmp_path / "collection.anki2").execute(
        "SELECT flds, tags FROM notes").fetchall()
    assert len(notes) == 3
    questions = {html.escape(c.question) for c in outcome.flashcards.cards}  # fields are HTML
    assert all(any(q in flds for q in questions) for flds, _ in notes)
    rows = list(csv.DictReader(table.open()))
    assert {row["card_id"] for row in rows} == card_ids
