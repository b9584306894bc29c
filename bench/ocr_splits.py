"""Where the OCR benches' data lives and which held-aside split is described where: the fact
bench/ocr_corpus.py (which serves every split) and bench/ocr_held.py (which builds and loads a
held-aside split) both read, so it stands below both (they imported each other for it)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "ocr_data"

# What describes each held-aside split (bench/ocr_held.py): a module, or (from s13-test on) a
# TOML file of bench/ocr_data read by ocr_held.load. s14-test is held aside: nobody tunes on it
# or opens its data file, its committed draw or any OCR output of its pages.
HELD = {"s9-test": "bench.ocr_held9", "s10-test": "bench.ocr_held10",
        "s11-test": "bench.ocr_held11", "s12-test": "bench.ocr_held12",
        "s13-test": "held13.toml", "s14-test": "held14.toml"}
