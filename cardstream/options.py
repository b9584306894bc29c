"""The conventions every verb follows, in one place: how a verb fails, which values its options
accept, and the option groups several verbs share.

Exit codes (written down once, tested in tests/test_cli.py):
    0    done (also when the reader of stdout closed the pipe early: `cards | head`)
    1    a runtime failure: no running stack, a file that cannot be read, an upload that failed
    2    a usage error: an unknown option, a value out of range, a path that does not exist
    130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, get_args

import click
from pytimeparse2 import parse as parse_timespan

from schemas.events import CardType, Difficulty, UploadOptions

F = TypeVar("F", bound=Callable[..., Any])

CARD_TYPES: tuple[str, ...] = get_args(CardType)
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
# the click settings of every verb: -h too, and each option's default in its help line
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "show_default": True,
                           "max_content_width": 100}


class VerbFailed(click.ClickException):
    """A verb that was asked correctly but could not do it: one line, exit status 1."""

    exit_code = 1

    def __init__(self, message: str, command_path: str) -> None:
        super().__init__(message)
        self.command_path = command_path


class Parsed:
    """Given as the context object, verbs record what they were asked instead of running."""

    def __init__(self) -> None:
        self.path: list[str] = []
        self.params: dict[str, Any] = {}


class _QuietOnClosedPipe:
    """--help and --version print while the arguments are parsed; a reader gone by then is no
    failure either (click itself would exit 1 there)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except BrokenPipeError:
            reader_gone()
            raise click.exceptions.Exit(0) from None


class Verb(_QuietOnClosedPipe, click.Command):
    """A command whose unexpected errors become a one-line VerbFailed (``--debug``: traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        if isinstance(ctx.obj, Parsed):
            ctx.obj.path, ctx.obj.params = ctx.command_path.split()[1:], dict(ctx.params)
            return None
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # here, before click's own handler turns it into exit status 1
            reader_gone()
            return 0
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.find_root().params.get("debug"):
                raise
            raise VerbFailed(one_line(exc), ctx.command_path) from exc


class VerbGroup(_QuietOnClosedPipe, click.Group):
    """A group whose commands and subgroups follow the same conventions."""

    command_class = Verb
    group_class = type  # subgroups are VerbGroups too


def reader_gone() -> None:
    """The reader of stdout went away (``cards | head``): that is not a failure, so stdout is
    pointed at /dev/null and the interpreter's last flush stays quiet too (the recipe in the
    docs of Python's signal module, "Note on SIGPIPE")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def one_line(exc: BaseException) -> str:
    """The error as one line; a pydantic error as its messages, without the docs URL."""
    errors = getattr(exc, "errors", None)
    if callable(errors) and type(exc).__name__ == "ValidationError":
        parts = []
        for error in errors():
            where = ".".join(str(p) for p in error.get("loc", ()))
            parts.append(f"{where}: {error['msg']}" if where else error["msg"])
        return "; ".join(parts)
    return " ".join(str(exc).split()) or type(exc).__name__


def with_settings(func: F) -> F:
    """Read the settings when the verb runs (not at import), and pass them first."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from streams.settings import Settings

        return func(Settings.from_env(), *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class Since(click.ParamType):
    """A moment: a look-back (90m, 2d, 1w, 1y, "1h30m") or an ISO date/time, as UTC."""

    name = "DURATION|ISO"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            seconds = duration_seconds(text)
            if seconds is None:
                self.fail(f"{text!r} is neither a duration (90m, 2d, 1w, 1y) nor an ISO "
                          "date/time (2026-12-01, 2026-12-01T09:30)", param, ctx)
            return datetime.now(UTC) - timedelta(seconds=seconds)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Seconds(click.ParamType):
    """A positive length of time: plain seconds (300) or a duration (5m, 1h30m)."""

    name = "SECONDS|DURATION"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            seconds: float | None = float(value)
        else:
            text = str(value).strip()
            try:
                seconds = float(text)
            except ValueError:
                seconds = duration_seconds(text)
        if seconds is None or seconds <= 0:
            self.fail(f"{value!r} is not a positive number of seconds or a duration (90s, 5m)",
                      param, ctx)
        return seconds


def duration_seconds(text: str) -> float | None:
    """Seconds in a human duration with a unit (y = 365 d, mo = 30 d), or None.

    pytimeparse2 reads "90" as 90 s; a look-back needs its unit, so a bare number is refused
    here rather than silently meaning seconds.
    """
    if not any(c.isalpha() for c in text):
        return None
    seconds = parse_timespan(text)
    if seconds is None or isinstance(seconds, timedelta) or seconds < 0:
        return None
    return float(seconds)


class CardTypes(click.ParamType):
    """A comma list of card types, each one of CARD_TYPES."""

    name = "TYPES"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        names = [t.strip() for t in str(value).split(",") if t.strip()]
        unknown = [t for t in names if t not in CARD_TYPES]
        if unknown or not names:
            self.fail(f"{','.join(unknown) or repr(value)} is not a card type; "
                      f"use a comma list of {', '.join(CARD_TYPES)}", param, ctx)
        return tuple(dict.fromkeys(names))


def _field(name: str) -> Any:
    return UploadOptions.model_fields[name].default


def card_options(num_cards: int | None = None) -> Callable[[F], F]:
    """The options that shape cards (upload, generate), defaults taken from UploadOptions."""
    bounds = {type(m).__name__: m for m in UploadOptions.model_fields["num_cards"].metadata}
    low, high = bounds["Ge"].ge, bounds["Le"].le

    def decorate(func: F) -> F:
        for option in reversed([
            click.option("--num-cards", type=click.IntRange(low, high),
                         default=num_cards or _field("num_cards"), help="how many cards to make"),
            click.option("--difficulty", type=click.Choice(DIFFICULTIES),
                         default=_field("difficulty"), help="the level the cards aim at"),
            click.option("--types", type=CardTypes(), default=",".join(CARD_TYPES),
                         help=f"card types to make, a comma list of {', '.join(CARD_TYPES)}"),
            click.option("--lang", default=None, show_default="detect from the text; eng for OCR",
                         help="document language: en, es, de, fr, or Tesseract codes (eng+spa)"),
            click.option("--subject", default=None, show_default="none",
                         help="programming, mathematics, sciences, history, languages or free "
                              "text; picks the question templates"),
            click.option("--title", default=None, show_default="the file's name, cleaned",
                         help="the document's title: names what the text leaves unnamed "
                              "('the constitution' on 'Constitution of Kenya')"),
            click.option("--min-confidence", type=click.FloatRange(0, 100),
                         default=_field("min_confidence"),
                         help="OCR words below this Tesseract confidence are dropped"),
        ]):
            func = option(func)
        return func

    return decorate


def upload_options(num_cards: int, difficulty: str, types: tuple[str, ...], lang: str | None,
                   subject: str | None, min_confidence: float,
                   title: str | None = None) -> UploadOptions:
    return UploadOptions(num_cards=num_cards, difficulty=difficulty,
                         question_types=list(types), language=lang,
                         subject=subject, min_confidence=min_confidence, title=title)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="print JSON (one object per line) instead of text")(func)


def metrics_port_option(func: F) -> F:
    return click.option("--metrics-port", type=click.IntRange(0, 65535), default=0,
                        help="serve Prometheus metrics on this port (0: none)")(func)
