"""The pipeline verbs: up, worker, upload, cards, feedback, extract, generate, demo."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path
from typing import Any

from cardstream import bootstrap
from cardstream.output import outcome_json, print_cards, print_json, progress
from cardstream.stack import Stack
from schemas.events import UploadOptions
from streams.client import Outcome
from streams.settings import Settings

SAMPLES = Path(__file__).parent / "samples"


def options_from(args: argparse.Namespace) -> UploadOptions:
    values: dict[str, Any] = {"num_cards": args.num_cards, "difficulty": args.difficulty}
    if args.types:
        values["question_types"] = [t.strip() for t in args.types.split(",") if t.strip()]
    if args.lang:
        values["language"] = args.lang
    if args.subject:
        values["subject"] = args.subject
    if args.min_confidence is not None:
        values["min_confidence"] = args.min_confidence
    return UploadOptions(**values)


def cmd_up(settings: Settings, args: argparse.Namespace) -> int:
    stopping = False

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    progress("starting cardstream" + (" (embedded broker)" if settings.embedded else ""))
    # against an external cluster `up` runs only the worker; the retrainer is deployed apart
    with Stack(settings, with_retrainer=settings.embedded and not args.no_retrainer) as stack:
        info = stack.info
        assert info is not None
        progress(f"cardstream is up: bootstrap {info.bootstrap}")
        for name, url in info.metrics.items():
            progress(f"  {name} metrics  {url}")
        progress(f"  MLflow         {info.tracking_uri}")
        progress(f"  logs           {stack.run_dir}/*.log   (Ctrl-C stops)")
        while not stopping:
            if not stack.alive():
                progress("a cardstream process died; stopping (see the logs)")
                return 1
            time.sleep(0.5)
        progress("stopping…")
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from cardstream.worker_main import run_worker

    bootstrap.configure_logging(settings.log_level)
    run_worker(settings, args.metrics_port)
    return 0


def _describe(outcome: Outcome, stage: str) -> str:
    if stage == "text" and outcome.text is not None:
        t = outcome.text
        conf = f", confidence {t.avg_confidence:.0f}" if t.avg_confidence is not None else ""
        return f"text ready ({t.source}, {len(t.pages)} page(s), {t.words_kept} words{conf})"
    if stage == "cards" and outcome.flashcards is not None:
        return f"{len(outcome.flashcards.cards)} cards in {outcome.seconds:.1f} s"
    if outcome.error is not None:
        return f"failed at {outcome.error.stage}: {outcome.error.reason}"
    return stage


def cmd_upload(settings: Settings, args: argparse.Namespace) -> int:
    options = options_from(args)
    client = bootstrap.client(settings)
    if not args.paths and args.text is None:
        raise SystemExit("cardstream upload: give one or more PATHs or --text")
    watcher = client.watcher() if args.wait else None
    try:
        uploads = []
        for path in args.paths:
            uploads.append(client.upload_file(Path(path), options))
        if args.text is not None:
            uploads.append(client.upload_text(args.text, options))
        names = {u.upload_id: u.filename for u in uploads}
        if watcher is None:
            for upload in uploads:
                print_json({"upload_id": upload.upload_id, "filename": upload.filename,
                            "status": "submitted"}) if args.json else print(upload.upload_id)
            return 0
        for upload in uploads:
            progress(f"uploaded {upload.filename} as {upload.upload_id}")

        def on_progress(outcome: Outcome, stage: str) -> None:
            progress(f"{names[outcome.upload_id]}: {_describe(outcome, stage)}")

        outcomes = watcher.wait(list(names), args.timeout, on_progress)
    finally:
        if watcher is not None:
            watcher.close()
        client.close()
    failed = 0
    for upload_id, outcome in outcomes.items():
        failed += outcome.status != "ok"
        if args.json:
            print_json(outcome_json(outcome, names[upload_id]))
        else:
            print(f"{names[upload_id]} ({upload_id}): {outcome.status}")
            if outcome.flashcards is not None:
                print_cards(outcome.flashcards.cards)
            elif outcome.error is not None:
                print(f"  {outcome.error.stage}: {outcome.error.reason}")
            else:
                print(f"  no result within {args.timeout:g} s")
    return 1 if failed else 0


def cmd_cards(settings: Settings, args: argparse.Namespace) -> int:
    client = bootstrap.client(settings)
    try:
        for event in client.flashcards(follow=args.follow):
            if args.json:
                for card in event.cards:
                    print_json({"upload_id": event.upload_id, "filename": event.filename,
                                "model_version": event.model_version,
                                **card.model_dump(mode="json")})
            else:
                print(f"{event.filename} ({event.upload_id}): {len(event.cards)} cards")
                print_cards(event.cards)
    except KeyboardInterrupt:
        pass
    finally:
        client.close()
    return 0


def cmd_feedback(settings: Settings, args: argparse.Namespace) -> int:
    client = bootstrap.client(settings)
    try:
        event = client.feedback(args.card_id, args.rating, flags=args.flag or [],
                                corrected_question=args.question, corrected_answer=args.answer,
                                user_id=args.user)
    finally:
        client.close()
    if args.json:
        print_json(event.model_dump(mode="json"))
    else:
        print(f"feedback {event.feedback_id} sent for card {event.card_id}")
    return 0


def cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from agents.ocr import OcrConfig, extract
    from streams.client import guess_content_type

    path = Path(args.file)
    config = OcrConfig(language=args.lang, min_confidence=args.min_confidence)
    result = extract(path.read_bytes(), guess_content_type(path.name), path.name, config)
    if args.json:
        print_json({
            "text": result.text,
            "avg_confidence": result.avg_confidence,
            "words_total": result.words_total,
            "words_kept": result.words_kept,
            "pages": len(result.pages),
            "language": result.language,
            "source": result.source,
            "page_stats": [p.model_dump(mode="json") for p in result.pages],
            "seconds": round(result.seconds, 3),
        })
    else:
        print(result.text)
    return 0


def cmd_generate(settings: Settings, args: argparse.Namespace) -> int:
    from agents.generation.types import GenerationRequest
    from cardstream.output import card_json

    if args.text_file:
        text = Path(args.text_file).read_text(encoding="utf-8")
    elif args.text is not None:
        text = args.text
    else:
        raise SystemExit("cardstream generate: give --text or --text-file")
    options = options_from(args)
    if args.answer:
        from agents.generation.answer_aware import cards_for_answers
        from agents.generation.nlp import parse_names

        kind = "cloze" if list(options.question_types) == ["cloze"] else "qa"
        cards = cards_for_answers(text, args.answer, options.language, kind,
                                  pipelines=parse_names(settings.spacy_pipelines))
        if args.json:
            print_json({"cards": [card_json(c) for c in cards], "engine": "rules"})
        else:
            print_cards(cards)
        return 0
    engine = bootstrap.card_engine(settings)
    result = engine.generate(GenerationRequest(
        text=text, upload_id="cli", num_cards=options.num_cards, difficulty=options.difficulty,
        question_types=tuple(options.question_types), language=options.language,
        subject=options.subject,
    ))
    if args.json:
        print_json({"cards": [card_json(c) for c in result.cards], "language": result.language,
                    "engine": result.engine, "notes": result.notes})
    else:
        print_cards(result.cards)
        for note in result.notes:
            print(f"note: {note}")
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".png", ".txt", ".tif", ".pdf"})
    progress(f"demo: starting the embedded stack in {settings.run_dir}")
    started = time.monotonic()
    with Stack(settings, with_retrainer=False) as stack:
        progress(f"demo: stack ready in {time.monotonic() - started:.1f} s "
                 f"(broker {stack.bootstrap})")
        client = bootstrap.client(settings)
        options = UploadOptions(num_cards=args.num_cards)
        with client.watcher() as watcher:
            uploads = [client.upload_file(path, options) for path in samples]
            names = {u.upload_id: u.filename for u in uploads}
            for upload in uploads:
                progress(f"demo: uploaded {upload.filename} ({upload.size_bytes} bytes)")
            outcomes = watcher.wait(
                list(names), args.timeout,
                lambda o, stage: progress(f"demo: {names[o.upload_id]}: {_describe(o, stage)}"),
            )
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

