"""``cardstream``: run the stack, send documents and ratings, inspect models.

Errors are one line on stderr and a non-zero exit status; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from streams.settings import Settings

Verb = Callable[[Settings, argparse.Namespace], int]


def _card_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--num-cards", type=int, default=10)
    parser.add_argument("--difficulty", default="intermediate",
                        choices=["beginner", "intermediate", "advanced"])
    parser.add_argument("--types", help="comma list of qa,mcq,cloze,tf")
    parser.add_argument("--lang", help="en, es, eng+spa, ... (default: detect / eng for OCR)")
    parser.add_argument("--subject", help="programming, mathematics, sciences, history, languages")
    parser.add_argument("--min-confidence", type=float, default=None)


def build_parser() -> argparse.ArgumentParser:
    from cardstream import verbs, verbs_export, verbs_models

    parser = argparse.ArgumentParser(prog="cardstream", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="verb", required=True)

    def verb(name: str, func: Verb, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = verb("up", verbs.cmd_up, "run the stack in the foreground (Ctrl-C stops it)")
    p.add_argument("--no-retrainer", action="store_true")

    p = verb("worker", verbs.cmd_worker, "run one worker process (used by `up`)")
    p.add_argument("--metrics-port", type=int, default=0)

    p = verb("upload", verbs.cmd_upload, "upload documents and, with --wait, print their cards")
    p.add_argument("paths", nargs="*")
    p.add_argument("--text")
    _card_options(p)
    p.add_argument("--wait", action="store_true")
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--json", action="store_true")

    p = verb("cards", verbs.cmd_cards, "print every card made so far")
    p.add_argument("--follow", action="store_true")
    p.add_argument("--json", action="store_true")

    p = verb("feedback", verbs.cmd_feedback, "rate a card")
    p.add_argument("card_id")
    p.add_argument("--rating", type=int, required=True, help="1..5")
    p.add_argument("--flag", action="append",
                   help="incorrect, unclear, duplicate, too_easy, too_hard (repeatable)")
    p.add_argument("--question", help="a corrected question")
    p.add_argument("--answer", help="a corrected answer")
    p.add_argument("--user")
    p.add_argument("--json", action="store_true")

    p = verb("extract", verbs.cmd_extract, "OCR one file, no Kafka")
    p.add_argument("file")
    p.add_argument("--lang")
    p.add_argument("--min-confidence", type=float, default=70.0)
    p.add_argument("--json", action="store_true")

    p = verb("generate", verbs.cmd_generate, "make cards from text, no Kafka")
    p.add_argument("--text")
    p.add_argument("--text-file")
    p.add_argument("--answer", action="append",
                   help="answer-aware: one card per given answer, in order (repeatable)")
    _card_options(p)
    p.add_argument("--json", action="store_true")

    p = verb("demo", verbs.cmd_demo, "start the embedded stack, upload the samples, print cards")
    p.add_argument("--num-cards", type=int, default=6)
    p.add_argument("--timeout", type=float, default=600)

    verbs_models.register(sub)
    verbs_export.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        return int(args.func(settings, args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        logging.getLogger("cardstream").debug("failed", exc_info=exc)
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"cardstream {args.verb}: error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
