"""cardstream: turn documents into flashcards on Kafka, rate them, and watch the scorer learn.

Results go to stdout, progress and errors to stderr. Errors are one line; --debug shows the
traceback. Exit status: 0 done, 1 runtime failure, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from cardstream import verbs, verbs_export, verbs_models
from cardstream.options import CONTEXT, Parsed, VerbFailed, VerbGroup, reader_gone


@click.group(cls=VerbGroup, context_settings=CONTEXT, help=__doc__)
@click.version_option(package_name="cardstream", prog_name="cardstream",
                      message="%(prog)s %(version)s", help="print the version and exit")
@click.option("--debug", is_flag=True, help="show the traceback of an error, not one line")
def cli(debug: bool) -> None:
    pass


for command in (*verbs.COMMANDS, *verbs_export.COMMANDS, *verbs_models.COMMANDS):
    cli.add_command(command)


def parse(argv: list[str]) -> tuple[list[str], dict[str, Any]]:
    """The verb path and the options ``argv`` resolves to, parsed as a run would parse them but
    without running the verb (deployment tests check their commands with it); raises
    click.UsageError if ``argv`` is wrong."""
    parsed = Parsed()
    cli.main(args=list(argv), prog_name="cardstream", standalone_mode=False, obj=parsed)
    return parsed.path, parsed.params


def main(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="cardstream", standalone_mode=False)
        sys.stdout.flush()
    except BrokenPipeError:  # at the last flush, or in help text
        reader_gone()
        return 0
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "cardstream"
        message = exc.format_message().rstrip(".")
        print(f"{where}: error: {message} (see '{where} --help')", file=sys.stderr)
        return 2
    except VerbFailed as exc:
        print(f"{exc.command_path}: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except click.ClickException as exc:  # click.FileError and the like: runtime, one line
        print(f"cardstream: error: {exc.format_message()}", file=sys.stderr)
        return 1
    except click.Abort:
        return 130  # Ctrl-C; click turns KeyboardInterrupt into Abort
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
