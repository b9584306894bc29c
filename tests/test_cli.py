"""The CLI's conventions and the engine-only verbs, run as a user runs them: the installed
``cardstream`` entry point in a subprocess. Pure usage checks call ``cli.main`` in-process (the
same function the entry point runs). The verbs that need a stack are in
tests/integration/test_cli_stack.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest

from cardstream import cli
from cardstream.options import Seconds, Since, duration_seconds

SAMPLES = Path(__file__).resolve().parents[1] / "cardstream" / "samples"
ENTRY_POINT = Path(sys.executable).parent / "cardstream"  # what `pip install` made of [scripts]


FAST = {"CARDSTREAM_USE_ENCODER": "false"}  # the rule engine alone: seconds, not a model load


def cardstream(*args: str, run_dir: Path | None = None, extra_env: dict[str, str] | None = None,
               **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", **(extra_env or {})}
    if run_dir is not None:
        env["CARDSTREAM_RUN_DIR"] = str(run_dir)
    command = [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m",
                                                                "cardstream.cli"]
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([*command, *args], text=True, env=env, timeout=300,
                          **kwargs)  # type: ignore[call-overload,no-any-return]


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- the engine-only verbs -------------------------------------------------------------------

def test_extract_json_has_the_documented_fields():
    run = cardstream("extract", str(SAMPLES / "water-cycle.png"), "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert {"text", "avg_confidence", "words_total", "words_kept", "pages"} <= set(result)
    assert "water cycle" in result["text"].lower() and "precipitation" in result["text"]
    assert result["pages"] == 1 and result["words_kept"] <= result["words_total"]
    assert result["avg_confidence"] > 80


def test_generate_json_gives_the_requested_cards():
    run = cardstream("generate", "--text-file", str(SAMPLES / "photosynthesis.txt"),
                     "--num-cards", "4", "--types", "qa,cloze", "--json")
    assert run.returncode == 0, run.stderr
    cards = json.loads(run.stdout)["cards"]
    assert len(cards) == 4 and {c["type"] for c in cards} <= {"qa", "cloze"}
    for card in cards:
        assert card["question"] and card["answer"] and 0 <= card["quality_score"] <= 1


def test_dash_reads_the_text_from_stdin():
    text = (SAMPLES / "photosynthesis.txt").read_text()
    run = cardstream("generate", "--text-file", "-", "--num-cards", "2", "--json", input=text,
                     extra_env=FAST)
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["cards"]) == 2


# --- exit codes and one-line errors ----------------------------------------------------------

def test_version():
    run = cardstream("--version")
    assert run.returncode == 0 and run.stdout.strip().startswith("cardstream ")
    from importlib.metadata import version

    assert run.stdout.split()[1] == version("cardstream")


def test_a_runtime_failure_is_one_line_and_exit_1(tmp_path):
    run = cardstream("upload", "--text", "hello", "--wait", run_dir=tmp_path)  # no stack running
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith("cardstream upload: error:") and "cardstream up" in run.stderr
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    run = cardstream("extract", str(empty), "--json")
    assert run.returncode == 1 and "Traceback" not in run.stderr and "empty.png" in run.stderr


def test_debug_shows_the_traceback(tmp_path):
    run = cardstream("--debug", "upload", "--text", "hello", run_dir=tmp_path)
    assert run.returncode != 0 and "Traceback" in run.stderr and "ConfigError" in run.stderr


def test_ctrl_c_is_exit_130_without_a_traceback(tmp_path):
    import signal

    fifo = tmp_path / "text"
    os.mkfifo(fifo)
    command = [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m",
                                                                "cardstream.cli"]
    def as_from_a_shell() -> None:
        # a terminal's shell starts a command with Ctrl-C deliverable; a child inherits an
        # ignored or blocked SIGINT from its parent (passed alone, failed twice in full CI runs,
        # after tests that run verbs in-process), so the test starts it as a shell would
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    child = subprocess.Popen([*command, "generate", "--text-file", str(fifo)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                             preexec_fn=as_from_a_shell)
    # opening the writing end returns once the verb has opened the reading end: from then on
    # it is inside the verb, waiting for text that never comes
    with fifo.open("w"):
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
    assert child.returncode == 130, err
    assert "Traceback" not in err and out == ""


def test_a_usage_error_is_one_line_and_exit_2(tmp_path):
    run = cardstream("upload", "--types", "essay", "--text", "x", run_dir=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "essay" in run.stderr and "qa, mcq, cloze, tf" in run.stderr
    assert "pydantic" not in run.stderr and "http" not in run.stderr


@pytest.mark.parametrize(("args", "says"), [
    (("feedback", "c1", "--rating", "9"), "1<=x<=5"),
    (("feedback", "c1", "--rating", "4", "--flag", "boring"), "incorrect"),
    (("feedback", "c1"), "Missing option '--rating'"),
    (("upload", "--text", "x", "--difficulty", "hard"), "beginner"),
    (("upload", "--text", "x", "--num-cards", "0"), "1<=x<=200"),
    (("upload", "--text", "x", "--types", "qa,,essay"), "essay is not a card type"),
    (("upload", "--text", "x", "--wait", "--timeout", "soon"), "'soon'"),
    (("upload", "--text", "x", "--min-confidence", "101"), "0<=x<=100"),
    (("upload",), "give one or more PATHS or --text"),
    (("generate",), "give --text or --text-file"),
    (("export", "--out", "deck.txt"), "*.apkg or *.csv"),
    (("export", "--out", "deck.csv", "--since", "yesterday-ish"), "ISO date/time"),
    (("export", "--out", "deck.csv", "--format", "pdf"), "'apkg', 'csv'"),
    (("cards", "--since", "90"), "neither a duration"),
    (("models", "promote"), "Missing argument 'VERSION'"),
    (("simulate-feedback", "--taste", "sweet"), "key-terms"),
    (("nosuch",), "No such command 'nosuch'"),
    (("upload", "--bogus"), "No such option: --bogus"),
])
def test_validation_errors_are_one_line_usage_errors(capsys, tmp_path, monkeypatch, args, says):
    monkeypatch.setenv("CARDSTREAM_RUN_DIR", str(tmp_path))  # no stack: usage is checked first
    code, out, err = run_main(capsys, *args)
    assert code == 2, err
    assert err.count("\n") == 1 and says in err, err
    assert err.startswith("cardstream") and "error:" in err and out == ""


def test_an_unexpected_validation_error_is_one_line_without_a_docs_url():
    from pydantic import ValidationError

    from cardstream.options import one_line
    from schemas.events import UploadOptions

    with pytest.raises(ValidationError) as caught:
        UploadOptions(num_cards=0, difficulty="hard")  # type: ignore[arg-type]
    message = one_line(caught.value)
    assert "\n" not in message and "http" not in message
    assert message.startswith("num_cards: ") and "difficulty: " in message


def test_every_path_is_checked_before_anything_is_sent(tmp_path):
    present = tmp_path / "a.txt"
    present.write_text("Mitochondria produce most of the cell's energy.")
    run = cardstream("upload", str(present), str(tmp_path / "missing.png"), run_dir=tmp_path)
    # a usage error naming the missing file, raised before the verb looks for a stack at all
    assert run.returncode == 2 and "missing.png" in run.stderr and "a.txt" not in run.stderr
    assert "no running stack" not in run.stderr and run.stdout == ""


# --- help ------------------------------------------------------------------------------------

def _commands(group: click.Group, path: tuple[str, ...] = ()
              ) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in group.commands.items():
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
    return found


def test_every_option_has_help_and_shows_its_default():
    commands = _commands(cli.cli)
    assert {p[0] for p, _ in commands} >= {"up", "worker", "upload", "cards", "feedback",
                                           "extract", "generate", "demo", "export", "retrain",
                                           "retrainer", "topics", "models", "simulate-feedback"}
    for path, command in [((), cli.cli), *commands]:
        ctx = click.Context(command, info_name=" ".join(("cardstream", *path)),
                            **cli.CONTEXT)
        for param in command.get_params(ctx):
            if not isinstance(param, click.Option):
                continue
            record = param.get_help_record(ctx)
            assert record is not None, f"{path} {param.name} is hidden"
            assert param.help, f"`cardstream {' '.join(path)}` {param.opts[0]} has no help"
            if not param.is_flag and not param.required and param.name != "help":
                assert "[default: " in record[1], \
                    f"`cardstream {' '.join(path)}` {param.opts[0]} shows no default"


def test_help_exits_0_and_names_the_defaults():
    run = cardstream("upload", "--help")
    assert run.returncode == 0 and run.stderr == ""
    assert "[default: 10;" in run.stdout and "[default: 300.0]" in run.stdout


# --- durations and times -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "seconds"), [
    ("90m", 90 * 60), ("2d", 2 * 86400), ("1w", 7 * 86400), ("1y", 365 * 86400),
    ("1h30m", 5400), ("3 days", 3 * 86400), ("45s", 45),
])
def test_human_durations(text, seconds):
    assert duration_seconds(text) == seconds
    before = datetime.now(UTC)
    moment = Since().convert(text, None, None)
    after = datetime.now(UTC)
    assert before - timedelta(seconds=seconds) <= moment <= after - timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["90", "-1d", "soon", "", "1x"])
def test_not_a_look_back(text):
    with pytest.raises(click.BadParameter):
        Since().convert(text, None, None)


def test_iso_dates_still_work():
    assert Since().convert("2026-12-01", None, None) == datetime(2026, 12, 1, tzinfo=UTC)
    assert Since().convert("2026-12-01T09:30:00+02:00", None, None) == \
        datetime(2026, 12, 1, 7, 30, tzinfo=UTC)


def test_timeouts_take_seconds_or_durations():
    assert Seconds().convert("300", None, None) == 300.0
    assert Seconds().convert("5m", None, None) == 300.0
    assert Seconds().convert("2.5", None, None) == 2.5
    for bad in ("0", "-3", "later"):
        with pytest.raises(click.BadParameter):
            Seconds().convert(bad, None, None)


# --- the format from the extension -------------------------------------------------------------

def test_export_format_comes_from_the_extension():
    from cardstream.verbs_export import export_format

    assert export_format("deck.apkg", None) == "apkg"
    assert export_format("Deck.CSV", None) == "csv"
    assert export_format("-", None) == "csv"
    assert export_format("deck.txt", "apkg") == "apkg"  # --format wins
    with pytest.raises(click.UsageError):
        export_format("deck.txt", None)


# --- a closed pipe ---------------------------------------------------------------------------

def test_a_closed_pipe_ends_quietly_with_0():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        run = cardstream("generate", "--text-file", str(SAMPLES / "photosynthesis.txt"),
                         "--num-cards", "5", stdout=write_end, stderr=subprocess.PIPE,
                         extra_env=FAST)
    finally:
        os.close(write_end)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no "Broken pipe", no "Exception ignored"


@pytest.mark.parametrize("args", [("--help",), ("upload", "--help"), ("--version",)])
def test_help_on_a_closed_pipe_ends_quietly_with_0(args):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = cardstream(*args, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert run.returncode == 0 and run.stderr == ""


def test_a_pipe_closed_by_head_ends_quietly():
    shell = (f"{ENTRY_POINT if ENTRY_POINT.exists() else sys.executable + ' -m cardstream.cli'} "
             f"generate --text-file {SAMPLES / 'photosynthesis.txt'} --num-cards 20 | head -n 1;"
             " exit ${PIPESTATUS[0]}")
    run = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "OMP_THREAD_LIMIT": "1", **FAST})
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1 and "Broken pipe" not in run.stderr
    assert "Exception" not in run.stderr


# --- progress bars: on a terminal only -----------------------------------------------------------

BAR_SCRIPT = """
from cardstream.output import bar, progress
with bar("sending", total=3) as shown:
    for _ in range(3):
        progress("a status line")
        shown.advance()
"""


def test_bars_draw_on_a_terminal_and_stay_off_in_a_pipe():
    import pty

    env = {**os.environ, "TERM": "xterm"}
    piped = subprocess.run([sys.executable, "-c", BAR_SCRIPT], capture_output=True, text=True,
                           env=env, timeout=60)
    assert piped.returncode == 0 and piped.stderr == "a status line\n" * 3  # lines, no bar

    leader, follower = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-c", BAR_SCRIPT], stderr=follower,
                             stdout=subprocess.PIPE, env=env, timeout=60)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert run.returncode == 0
    text = seen.decode(errors="replace")
    assert "sending" in text and "\x1b[" in text  # drawn and redrawn with terminal codes
    assert text.count("a status line") == 3
