"""The pipeline verbs: up, worker, upload, cards, feedback, extract, generate, demo."""

from __future__ import annotations

import signal
import sys
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from cardstream import bootstrap
from cardstream.options import (
    Seconds,
    Since,
    Verb,
    card_options,
    json_option,
    metrics_port_option,
    reader_gone,
    upload_options,
    with_settings,
)
from cardstream.output import bar, outcome_json, print_cards, print_json, progress
from schemas.events import COVERAGE_WARNING, FEEDBACK_FLAGS, UploadOptions
from streams.client import Outcome
from streams.settings import Settings

SAMPLES = Path(__file__).parent / "samples"
FILE = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


@click.command(cls=Verb)
@click.option("--no-retrainer", is_flag=True, help="run without the retrainer process")
@click.option("--ephemeral", is_flag=True,
              help="keep topics in memory (lost on stop) instead of on S3 in the run folder")
@with_settings
def up(settings: Settings, no_retrainer: bool, ephemeral: bool) -> int:
    """Run the stack in the foreground (Ctrl-C stops it)."""
    from cardstream.stack import Stack

    stopping = False

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    # closing the terminal (SIGHUP) stops the whole stack, as Ctrl-C and SIGTERM do
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    if ephemeral:
        settings = settings.model_copy(update={"ephemeral": True})
    mode = ("embedded broker, in memory (--ephemeral)" if settings.ephemeral
            else f"embedded broker on S3 in {settings.run_dir}") if settings.embedded else ""
    progress("starting cardstream" + (f" ({mode})" if mode else ""))
    # against an external cluster `up` runs only the worker; the retrainer is deployed apart
    with ExitStack() as running:
        with bar("starting the broker, topics and workers"):
            stack = running.enter_context(
                Stack(settings, with_retrainer=settings.embedded and not no_retrainer,
                      progress=progress, wait_consuming=False))
        info = stack.info
        assert info is not None
        progress(f"cardstream is up: bootstrap {info.bootstrap}")
        for name, url in info.metrics.items():
            progress(f"  {name} metrics  {url}")
        progress(f"  MLflow         {info.tracking_uri}")
        progress(f"  logs           {stack.run_dir}/*.log   (Ctrl-C stops)")
        while not stopping:
            stack.note_consuming()
            fatal = stack.supervise()  # restarts a dead worker or retrainer, with backoff
            if fatal is not None:
                progress(fatal)
                return 1
            time.sleep(0.1 if not stack.consuming else 0.5)
        progress("stopping…")
    return 0


@click.command(cls=Verb)
@metrics_port_option
@with_settings
def worker(settings: Settings, metrics_port: int) -> int:
    """Run one worker process (used by `up`)."""
    from cardstream.worker_main import run_worker

    bootstrap.exit_with_parent()
    bootstrap.configure_logging(settings.log_level)
    run_worker(settings, metrics_port)
    return 0


def _describe(outcome: Outcome, stage: str) -> str:
    if stage == "text" and outcome.text is not None:
        t = outcome.text
        conf = f", confidence {t.avg_confidence:.0f}" if t.avg_confidence is not None else ""
        cov = f", {t.coverage:.0f} % of the text read" if t.coverage is not None else ""
        # words_kept counts what OCR kept; an upload that was text already carries its words
        words = t.words_kept if t.source != "text" else len(t.text.split())
        count = f", {words} words" if words or t.source != "text" else ""
        ready = f"text ready ({t.source}, {len(t.pages)} page(s){count}{conf}{cov})"
        if t.coverage is not None and t.coverage < COVERAGE_WARNING:
            ready += " - WARNING: part of the page's text was not read; the cards may miss it"
        return ready
    if stage == "cards" and outcome.flashcards is not None:
        return f"{len(outcome.flashcards.cards)} cards in {outcome.seconds:.1f} s"
    if outcome.error is not None:
        return f"failed at {outcome.error.stage}: {outcome.error.reason}"
    return stage


@click.command(cls=Verb)
@click.argument("paths", nargs=-1, type=FILE)
@click.option("--text", default=None, show_default="none",
              help="upload this text as a document (besides any PATHS)")
@card_options()
@click.option("--wait", is_flag=True, help="wait for each upload's cards and print them")
@click.option("--timeout", type=Seconds(), default=300.0,
              help="with --wait, stop waiting after this long (seconds, or 5m, 1h)")
@json_option
@with_settings
def upload(settings: Settings, paths: tuple[Path, ...], text: str | None, wait: bool,
           timeout: float, as_json: bool, **card: Any) -> int:
    """Upload documents (PATHS, --text or both) and, with --wait, print their cards.

    Every path is checked before anything is sent. Without --wait each upload id is printed as
    soon as it is sent; find the cards later with `cardstream cards --upload ID`.
    """
    if not paths and text is None:
        raise click.UsageError("give one or more PATHS or --text")
    options = upload_options(**card)
    client = bootstrap.client(settings)
    watcher = client.watcher() if wait else None
    names: dict[str, str] = {}
    try:
        with bar("sending", total=len(paths) + (text is not None)) as sending:
            documents: list[Path | str] = [*paths, *([] if text is None else [text])]
            for document in documents:
                sent = client.upload_file(document, options) if isinstance(document, Path) \
                    else client.upload_text(document, options)
                names[sent.upload_id] = sent.filename
                sending.advance()
                # said at once, so a failure on a later file does not hide what was sent
                if watcher is not None:
                    progress(f"uploaded {sent.filename} as {sent.upload_id}")
                    continue
                try:
                    if as_json:
                        print_json({"upload_id": sent.upload_id, "filename": sent.filename,
                                    "status": "submitted"})
                    else:
                        print(sent.upload_id, flush=True)
                except BrokenPipeError:
                    reader_gone()  # `upload *.png | head -1`: the rest is still sent
        if watcher is None:
            return 0
        with bar("making cards", total=len(names)) as making:

            def on_progress(outcome: Outcome, stage: str) -> None:
                progress(f"{names[outcome.upload_id]}: {_describe(outcome, stage)}")
                if stage in ("cards", "error"):
                    making.advance()

            outcomes = watcher.wait(list(names), timeout, on_progress)
    finally:
        if watcher is not None:
            watcher.close()
        client.close()
    failed = 0
    for upload_id, outcome in outcomes.items():
        failed += outcome.status != "ok"
        if as_json:
            print_json(outcome_json(outcome, names[upload_id]))
        else:
            print(f"{names[upload_id]} ({upload_id}): {outcome.status}")
            if outcome.flashcards is not None:
                print_cards(outcome.flashcards.cards)
            elif outcome.error is not None:
                print(f"  {outcome.error.stage}: {outcome.error.reason}")
            else:
                print(f"  no result within {timeout:g} s; later: cardstream cards --upload "
                      f"{upload_id}")
    return 1 if failed else 0


@click.command(cls=Verb)
@click.option("--upload", "upload_id", default=None, show_default="every upload",
              help="only the cards of this upload id")
@click.option("--since", type=Since(), default=None, show_default="the beginning",
              help="only cards made since: a duration (90m, 2d, 1w, 1y) or an ISO date/time")
@click.option("--follow", is_flag=True, help="keep printing new cards as they are made")
@json_option
@with_settings
def cards(settings: Settings, upload_id: str | None, since: datetime | None, follow: bool,
          as_json: bool) -> int:
    """Print the cards made so far."""
    stored = None if follow else bootstrap.delivered_cards(
        settings, upload_id, since.timestamp() if since else None)
    if stored is not None:  # the card store: one query, no waiting to be sure nothing comes
        for upload in stored:
            if as_json:
                for card in upload.cards:
                    print_json({"upload_id": upload.upload_id, "filename": upload.filename,
                                "model_version": upload.model_version,
                                **card.model_dump(mode="json")})
            else:
                print(f"{upload.filename} ({upload.upload_id}): {len(upload.cards)} cards")
                print_cards(upload.cards)
        return 0
    client = bootstrap.client(settings)
    try:
        for event in client.flashcards(follow=follow):
            if upload_id and event.upload_id != upload_id:
                continue
            if since and event.produced_at < since:
                continue
            if as_json:
                for card in event.cards:
                    print_json({"upload_id": event.upload_id, "filename": event.filename,
                                "model_version": event.model_version,
                                **card.model_dump(mode="json")})
            else:
                print(f"{event.filename} ({event.upload_id}): {len(event.cards)} cards")
                print_cards(event.cards)
                sys.stdout.flush()  # a reader (less, head) sees each upload as it comes
    except KeyboardInterrupt:
        pass
    finally:
        client.close()
    return 0


@click.command(cls=Verb)
@click.argument("card_id")
@click.option("--rating", type=click.IntRange(1, 5), required=True,
              help="1 (useless) .. 5 (excellent)")
@click.option("--flag", "flags", type=click.Choice(FEEDBACK_FLAGS), multiple=True,
              show_default="none", help="what is wrong with the card (repeatable)")
@click.option("--question", default=None, show_default="none", help="a corrected question")
@click.option("--answer", default=None, show_default="none", help="a corrected answer")
@click.option("--user", default=None, show_default="anonymous", help="who rates it")
@json_option
@with_settings
def feedback(settings: Settings, card_id: str, rating: int, flags: tuple[str, ...],
             question: str | None, answer: str | None, user: str | None, as_json: bool) -> int:
    """Rate a card (CARD_ID from `cards` or `upload --wait`)."""
    from cardstream.modelops import check_feedback

    where = bootstrap.endpoints(settings)  # a stack that is gone is named before anything else
    check_feedback(settings, card_id, rating, list(flags))  # the worker's checks, and the card
    client = bootstrap.client(settings, where)
    try:
        event = client.feedback(card_id, rating, flags=list(flags), corrected_question=question,
                                corrected_answer=answer, user_id=user)
    finally:
        client.close()
    if as_json:
        print_json(event.model_dump(mode="json"))
    else:
        print(f"feedback {event.feedback_id} sent for card {event.card_id}")
    return 0


@click.command(cls=Verb)
@click.argument("file", type=FILE)
@click.option("--lang", default=None, show_default="eng",
              help="Tesseract language: en, es, eng, eng+spa, ...")
@click.option("--min-confidence", type=click.FloatRange(0, 100), default=70.0,
              help="words below this Tesseract confidence are dropped")
@json_option
@with_settings
def extract(settings: Settings, file: Path, lang: str | None, min_confidence: float,
            as_json: bool) -> int:
    """OCR one file, no Kafka."""
    from agents.ocr import OcrConfig, extract
    from streams.client import guess_content_type

    config = OcrConfig(language=lang, min_confidence=min_confidence)
    result = extract(file.read_bytes(), guess_content_type(file.name), file.name, config)
    if as_json:
        print_json({
            "text": result.text,
            "avg_confidence": result.avg_confidence,
            "words_total": result.words_total,
            "words_kept": result.words_kept,
            "pages": len(result.pages),
            "language": result.language,
            "source": result.source,
            "coverage": result.coverage,
            "page_stats": [p.model_dump(mode="json") for p in result.pages],
            "seconds": round(result.seconds, 3),
        })
    else:
        print(result.text)
    return 0


@click.command(cls=Verb)
@click.option("--text", default=None, show_default="none", help="the text to make cards from")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              default=None, show_default="none",
              help="a UTF-8 text file to make cards from, or - for stdin")
@click.option("--answer", "answers", multiple=True, show_default="none",
              help="answer-aware: one card per given answer, in order (repeatable)")
@card_options()
@json_option
@with_settings
def generate(settings: Settings, text: str | None, text_file: str | None,
             answers: tuple[str, ...], as_json: bool, **card: Any) -> int:
    """Make cards from text, no Kafka."""
    from agents.generation.titles import document_title
    from agents.generation.types import GenerationRequest
    from cardstream.output import card_json

    if text_file is not None:
        with click.open_file(text_file, encoding="utf-8") as handle:
            text = handle.read()
    elif text is None:
        raise click.UsageError("give --text or --text-file")
    options = upload_options(**card)
    if answers:
        from agents.generation.answer_aware import cards_for_answers
        from agents.generation.nlp import parse_names

        kind = "cloze" if list(options.question_types) == ["cloze"] else "qa"
        made = cards_for_answers(text, list(answers), options.language, kind,
                                 pipelines=parse_names(settings.spacy_pipelines))
        if as_json:
            print_json({"cards": [card_json(c) for c in made], "engine": "rules"})
        else:
            print_cards(made)
        return 0
    engine = bootstrap.card_engine(settings)
    result = engine.generate(GenerationRequest(
        text=text, upload_id="cli", num_cards=options.num_cards, difficulty=options.difficulty,
        question_types=tuple(options.question_types), language=options.language,
        subject=options.subject, title=document_title(options.title, text_file),
    ))
    if as_json:
        print_json({"cards": [card_json(c) for c in result.cards], "language": result.language,
                    "engine": result.engine, "notes": result.notes})
    else:
        print_cards(result.cards)
        for note in result.notes:
            print(f"note: {note}")
    return 0


@click.command(cls=Verb)
@click.option("--num-cards", type=click.IntRange(1, 200), default=6,
              help="cards to make per sample")
@click.option("--timeout", type=Seconds(), default=600.0,
              help="stop waiting for the samples' cards after this long (seconds, or 10m)")
@with_settings
def demo(settings: Settings, num_cards: int, timeout: float) -> int:
    """Start the embedded stack, upload the samples, print their cards."""
    from cardstream.stack import Stack

    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".png", ".txt", ".tif", ".pdf"})
    # its own folder: a demo never takes over (or tears down) the stack `up` runs
    settings = settings.model_copy(update={"run_dir": settings.run_dir / "demo"})
    progress(f"demo: starting the embedded stack in {settings.run_dir}")
    started = time.monotonic()
    with ExitStack() as running:
        with bar("demo: starting the broker, topics and worker"):
            stack = running.enter_context(Stack(settings, with_retrainer=False))
        progress(f"demo: stack ready in {time.monotonic() - started:.1f} s "
                 f"(broker {stack.bootstrap})")
        client = bootstrap.client(settings)
        options = UploadOptions(num_cards=num_cards)
        with client.watcher() as watcher:
            uploads = [client.upload_file(path, options) for path in samples]
            names = {u.upload_id: u.filename for u in uploads}
            for sent in uploads:
                progress(f"demo: uploaded {sent.filename} ({sent.size_bytes} bytes)")
            with bar("demo: making cards", total=len(uploads)) as making:

                def on_progress(outcome: Outcome, stage: str) -> None:
                    progress(f"demo: {names[outcome.upload_id]}: {_describe(outcome, stage)}")
                    if stage in ("cards", "error"):
                        making.advance()

                outcomes = watcher.wait(list(names), timeout, on_progress)
        client.close()
        ok = True
        for upload_id, outcome in outcomes.items():
            print(f"\n== {names[upload_id]}: {outcome.status} ({outcome.seconds:.1f} s)")
            if outcome.flashcards is not None:
                print_cards(outcome.flashcards.cards)
                for note in outcome.flashcards.notes:
                    print(f"  note: {note}")
            else:
                ok = False
                reason = outcome.error.reason if outcome.error else "no result in time"
                print(f"  {reason}")
        info = stack.info
        assert info is not None
        print(f"\nmetrics were at {info.metrics['worker']}; MLflow runs in {info.tracking_uri}")
    progress("demo: stack stopped")
    return 0 if ok else 1


COMMANDS = (up, worker, upload, cards, feedback, extract, generate, demo)
