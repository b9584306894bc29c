"""The engine-only verbs and the CLI's error contract, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "cardstream" / "samples"


def cli(*args: str, run_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if run_dir is not None:
        env["CARDSTREAM_RUN_DIR"] = str(run_dir)
    return subprocess.run([sys.executable, "-m", "cardstream.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_extract_json_has_the_documented_fields():
    run = cli("extract", str(SAMPLES / "water-cycle.png"), "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert {"text", "avg_confidence", "words_total", "words_kept", "pages"} <= set(result)
    assert "water cycle" in result["text"].lower() and "precipitation" in result["text"]
    assert result["pages"] == 1 and result["words_kept"] <= result["words_total"]
    assert result["avg_confidence"] > 80


def test_generate_json_gives_the_requested_cards():
    run = cli("generate", "--text-file", str(SAMPLES / "photosynthesis.txt"), "--num-cards", "4",
              "--types", "qa,cloze", "--json")
    assert run.returncode == 0, run.stderr
    cards = json.loads(run.stdout)["cards"]
    assert len(cards) == 4 and {c["type"] for c in cards} <= {"qa", "cloze"}
    for card in cards:
        assert card["question"] and card["answer"] and 0 <= card["quality_score"] <= 1


def test_errors_are_one_line_not_a_traceback(tmp_path):
    run = cli("upload", "--text", "hello", "--wait", run_dir=tmp_path)  # no stack running
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().count("\n") == 0
    assert "cardstream up" in run.stderr
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    run = cli("extract", str(empty), "--json")
    assert run.returncode == 2 and "Traceback" not in run.stderr and "empty.png" in run.stderr
