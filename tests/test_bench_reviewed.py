"""bench.splits.reviewed: the passages no new review packet may draw again, from every recorded
key, including the answer-aware reviews' keys in their subfolders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import splits


def test_every_recorded_key_is_reviewed_subfolders_too() -> None:
    reviewed = splits.reviewed()
    keys = list(splits.REVIEWS.glob("**/*.key.json"))
    assert any(p.parent != splits.REVIEWS for p in keys)  # qg35/, qg36/
    for path in keys:
        assert set(json.loads(path.read_text(encoding="utf-8"))["passages"]) <= reviewed, path


def test_reviewed_reads_keys_not_passage_lists(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "qg99").mkdir()
    (tmp_path / "s99-after.key.json").write_text(json.dumps({"passages": ["squad:A:1"]}))
    (tmp_path / "qg99" / "qg99.key.json").write_text(json.dumps({"passages": ["squad:B:2"]}))
    (tmp_path / "ab99").mkdir()
    (tmp_path / "ab99" / "passages.json").write_text(json.dumps(["squad:C:3"]))
    monkeypatch.setattr(splits, "REVIEWS", tmp_path)
    assert splits.reviewed() == {"squad:A:1", "squad:B:2"}
    extra = tmp_path.parent / f"{tmp_path.name}-extra.key.json"  # a key not yet recorded
    extra.write_text(json.dumps({"passages": ["squad:D:4"]}))
    assert splits.excluded([extra]) == {"squad:D:4"}
    assert splits.reviewed([extra]) == {"squad:A:1", "squad:B:2", "squad:D:4"}
