"""SQuAD train articles for the QG bench: a copy cut short is read up to its last article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import squad_train


def _article(title: str, questions: int) -> dict:
    qas = [{"question": f"What is {title} {n}?", "answers": [{"text": title, "answer_start": 0}],
            "id": f"{title}{n}"} for n in range(questions)]
    return {"title": title, "paragraphs": [{"context": f"{title} is a thing.", "qas": qas}]}


def test_a_truncated_copy_yields_its_complete_articles(tmp_path: Path) -> None:
    whole = json.dumps({"data": [_article(t, 2) for t in "ABCDEF"], "version": "1.1"})
    cut = tmp_path / "train.json"
    cut.write_text(whole[: whole.index('"F"') + 20], encoding="utf-8")
    assert [a["title"] for a in squad_train.articles(cut)] == list("ABCDE")
    # every third article (2, 5, …) is TUNE, the rest FIT: no article in both
    assert {p.title for p in squad_train.part("tune", cut)} == {"C"}
    assert {p.title for p in squad_train.part("fit", cut)} == set("ABDE")
    assert sum(len(p.questions) for p in squad_train.sample(1, path=cut)) == 2


def test_no_train_file_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(squad_train.ENV, raising=False)
    with pytest.raises(squad_train.MissingTrainSet, match=squad_train.ENV):
        squad_train.articles()


def test_fresh_draws_share_no_paragraph_with_the_old_sample(tmp_path: Path) -> None:
    data = {"data": [{"title": t, "paragraphs": [
        {"context": f"{t} {k} is a thing.", "qas": [
            {"question": f"What is {t} {k}?", "answers": [{"text": t, "answer_start": 0}],
             "id": f"{t}{k}"}]} for k in range(30)]} for t in "ABC"], "version": "1.1"}
    path = tmp_path / "train.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    draws = [{p.key for p in squad_train.sample(8, path=path, draw=d)} for d in (0, 1, 2)]
    assert all(len(d) == 8 for d in draws)
    assert not (draws[0] & draws[1] or draws[0] & draws[2] or draws[1] & draws[2])
    assert {p.key for p in squad_train.sample(8, path=path)} == draws[0]  # the old sample
