"""``bench.card_review build --passages FILE``: a packet on chosen SEEN passages (an A/B, not a
held-out review), named by passage key or by a seen review's rated item; a held-out passage is
refused before anything is written. The real rule engine on two passages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.generation.rules import RuleEngine
from bench import card_review, splits
from cardstream import bootstrap


@pytest.fixture()
def rules(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = RuleEngine(encoder=None)  # the real rules, without loading MiniLM
    monkeypatch.setattr(bootstrap, "card_engine", lambda *_a, **_k: engine)


def _seen_ref() -> tuple[dict[str, str], str]:
    """A rated item of a seen review's key, and its passage (the key is read, no text)."""
    key = json.loads((splits.REVIEWS / "s31c-both.key.json").read_text(encoding="utf-8"))
    item, entry = next((i, e) for i, e in sorted(key["items"].items())
                       if e["origin"] == "cardstream")
    return {"review": "s31c-both", "item": item}, entry["passage"]


def test_a_packet_is_built_on_the_seen_passages_a_file_names(rules: None, tmp_path: Path) -> None:
    dev = splits.squad("dev")[3].key
    ref, held_seen = _seen_ref()
    chosen = tmp_path / "sel.json"
    chosen.write_text(json.dumps([dev, ref, dev]), encoding="utf-8")  # dev twice: once
    keys = []
    for name in ("a", "b"):
        assert card_review.main(["build", "--passages", str(chosen), "--seed", "5",
                                 "--out", str(tmp_path / name),
                                 "--key", str(tmp_path / f"{name}.key.json")]) == 0
        keys.append(json.loads((tmp_path / f"{name}.key.json").read_text(encoding="utf-8")))
    key = keys[0]
    assert key["passages"] == [dev, held_seen]
    assert (key["split"], key["paragraphs"], key["pages"]) == ("mixed", 2, 0)
    assert key["passages_file"] == str(chosen)
    by_passage = {p: [e for e in key["items"].values() if e["passage"] == p]
                  for p in key["passages"]}
    humans = {p.key: len(p.questions) for p in splits.seen_passages().values()
              if p.key in by_passage}
    for passage, entries in by_passage.items():
        assert sum(e["origin"] == "human" for e in entries) == humans[passage]
        # the engine asked the seeded count a drawn packet asks of the passage
        assert 0 < sum(e["origin"] == "cardstream" for e in entries) \
            <= splits.cards_asked(5, passage)
    # the same seed and passages: the same packet; and merge finds the passages again
    assert keys[1]["packet_sha256"] == key["packet_sha256"]
    assert card_review.main(["merge", "--from", str(tmp_path / "a.key.json"),
                             "--from", str(tmp_path / "b.key.json"), "--names", "x,y",
                             "--out", str(tmp_path / "m"),
                             "--key", str(tmp_path / "m.key.json")]) == 0
    merged = json.loads((tmp_path / "m.key.json").read_text(encoding="utf-8"))
    assert merged["passages"] == key["passages"] and merged["passages_file"] == str(chosen)


@pytest.mark.parametrize(("entry", "message"), [
    # a TEST article of the shared subset: held out (its key only; nothing is read aloud)
    ("squad:Southern_California:0", "'squad:Southern_California:0' is not a seen passage"),
    ({"review": "s99-both", "item": "c00001"}, "review 's99-both' is not a key of a SEEN"),
    ({"review": "../x", "item": "c00001"}, "review '../x' is not a key of a SEEN"),
])
def test_a_passage_that_is_not_seen_is_refused(rules: None, tmp_path: Path,
                                               entry: object, message: str) -> None:
    chosen = tmp_path / "sel.json"
    chosen.write_text(json.dumps([splits.squad("dev")[0].key, entry]), encoding="utf-8")
    with pytest.raises(SystemExit, match=message) as refused:
        card_review.main(["build", "--passages", str(chosen), "--out", str(tmp_path / "p"),
                          "--key", str(tmp_path / "k.json")])
    assert "\n" not in str(refused.value.code)  # one line
    assert not (tmp_path / "p").exists() and not (tmp_path / "k.json").exists()
