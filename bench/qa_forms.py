"""Which question FORMS reviewers keep: every rated seen qa card, its kept share by form.

Reads every question/answer card of the seen held-out reviews (``bench.splits.SEEN_KEYS``,
sessions 6 to 15b; the merged packets' "after" engine cards, which is what each SEEN key
holds) with all its reviewers' verdicts, re-parses its question and its source sentence with
the engine's pipeline, and prints the kept share (mean of the reviewers' verdicts, as the
review's kept share is computed) per question form: the wh-word, the answer's role (the
card's ``role:`` tag), the answer's type, a preposition stranded at the end (of a
circumstance, ``narrow.stranded_circumstance``, or one the verb selects), a sentence adverb
kept, the question's length. Then each qa rule of the engine under test is asked whether it
would refuse each rated card, put back on its sentence's parse: "rated kept removed / rated
rejected removed" (a card is kept when most of its reviewers kept it).

    PYTHONPATH=$PWD .venv/bin/python -m bench.qa_forms [--show FORM=VALUE] [--json OUT]

No passage outside the seen reviews is read, and no engine runs: only the rated cards.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.keep_data import SEEN
from bench.splits import REVIEWS, SEEN_KEYS

# each SEEN key's rated packet: the merged one (both engines, one sitting) where there is one
RATED: dict[str, tuple[str, ...]] = {k: v for k, v in SEEN.items()
                                     if k == "s6-after" or k.endswith("-both")}
_WH = frozenset(str.split("what which who whom whose when where why how"))
_TYPES = {"PERSON": "person", "DATE": "date", "TIME": "date", "CARDINAL": "number",
          "QUANTITY": "number", "PERCENT": "number", "MONEY": "number", "GPE": "place",
          "LOC": "place", "FAC": "place", "ORG": "org", "NORP": "group"}


def rated() -> list[dict[str, Any]]:
    """Every rated cardstream qa card of the seen reviews' "after" engine, with its verdicts."""
    assert {k.split("-")[0] for k in RATED} == {k.split("-")[0] for k in SEEN_KEYS}
    out: list[dict[str, Any]] = []
    for packet, names in RATED.items():
        key = json.loads((REVIEWS / f"{packet}.key.json").read_text(encoding="utf-8"))
        ratings = [{r["item"]: r for r in map(json.loads, (REVIEWS / f"{n}.jsonl").read_text(
            encoding="utf-8").splitlines()) if r.get("keep") is not None} for n in names]
        for item, entry in key["items"].items():
            if entry["origin"] != "cardstream" or entry["type"] != "qa" or (
                    "engines" in entry and "after" not in entry["engines"]):
                continue
            verdicts = [bool(r[item]["keep"]) for r in ratings if item in r]
            if verdicts:
                out.append({"packet": packet, "passage": entry["passage"], "card": entry["card"],
                            "verdicts": verdicts, "kept": sum(verdicts) / len(verdicts)})
    return out


def _tag(card: dict[str, Any], name: str) -> str:
    return next((t.split(":", 1)[1] for t in card.get("tags") or [] if t.startswith(name + ":")),
                "?")


def place(card: dict[str, Any], nlp: Any) -> tuple[Any, Any] | None:
    """(the card's answer as an engine Answer, its sentence's Span) on a parse of its source
    sentence, or None when the answer is not a span of it."""
    from agents.generation.spans import Answer

    source = card.get("source_sentence") or ""
    at = source.find(card["answer"])
    if not source or at < 0:
        return None
    doc = nlp(source)
    span = doc.char_span(at, at + len(card["answer"]), alignment_mode="expand")
    if span is None:
        return None
    sent = doc[:]
    answer = Answer(span.start, span.end, _tag(card, "kind"), span.root.ent_type_ or "NP",
                    span.root.lemma_.lower(), card["answer"])
    return answer, sent


def form(card: dict[str, Any], placed: tuple[Any, Any] | None, nlp: Any) -> dict[str, str]:
    """The card's question form, one value per column of the table."""
    from agents.generation import narrow

    q = re.sub(r"^According to [^,]+, ", "", card["question"])
    qdoc = nlp(q)
    words = [t for t in qdoc if not t.is_punct]
    first = words[0].lower_ if words else ""
    if first in _WH:
        wh = first + (" N" if first in ("what", "which") and len(words) > 1 and
                      words[1].pos_ in ("NOUN", "PROPN", "ADJ") else "")
        wh = "how " + words[1].lower_ if first == "how" and len(words) > 1 and \
            words[1].lower_ in ("many", "much", "long") else wh
    else:
        wh = "prep+wh" if words and words[0].pos_ == "ADP" else "other"
    kind = "?"
    stranded = "no"
    if placed is not None:
        answer, sent = placed
        root = answer.span(sent).root
        ents = {t.ent_type_ for t in answer.span(sent)} - {""}
        kind = next((_TYPES[e] for e in ents if e in _TYPES), "")
        if not kind:
            kind = "name" if card["answer"][:1].isupper() else "common noun"
        if words and words[-1].pos_ == "ADP":
            stranded = "circumstance" if narrow.stranded_circumstance(q, answer, sent) else \
                "selected" if root.head.lower_ == words[-1].lower_ else "other"
    elif words and words[-1].pos_ == "ADP":
        stranded = "unplaced"
    n = len(words)
    adverb = any(t.pos_ == "ADV" and t.tag_ == "RB" and t.dep_ == "advmod" and t.lower_ not in
                 _WH | {"not", "n't"} for t in words[1:])
    return {"wh": wh, "role": _tag(card, "role"), "type": kind, "stranded": stranded,
            "adverb": "yes" if adverb else "no",
            "length": "<=8" if n <= 8 else "9-12" if n <= 12 else "13-16" if n <= 16 else ">16"}


Rule = Callable[[dict[str, Any], Any, Any], bool]


def rules() -> dict[str, Rule]:
    """The engine's qa rules, each asked of a rated card as put back on its sentence."""
    from agents.generation import narrow
    from agents.generation.asking import Asked

    def untrusted(card: dict[str, Any], answer: Any, sent: Any) -> str:
        return narrow.untrusted(Asked(card["question"], card["answer"], _tag(card, "role")),
                                answer, sent)

    def without_form_rules(card: dict[str, Any], answer: Any, sent: Any) -> str:
        real = narrow.stranded_circumstance, narrow.thin_subject
        narrow.stranded_circumstance = narrow.thin_subject = lambda *a: False
        try:
            return untrusted(card, answer, sent)
        finally:
            narrow.stranded_circumstance, narrow.thin_subject = real

    return {
        "stranded circumstance (fires)": lambda c, a, s: narrow.stranded_circumstance(
            c["question"], a, s),
        "thin subject (fires)": lambda c, a, s: _tag(c, "role") == "subject" and
        narrow.thin_subject(c["question"], a, s),
        "nested phrase (fires)": lambda c, a, s: c["question"][:1] in ("W", "H") and
        _tag(c, "role") not in ("subject", "definition") and (narrow.nested_phrase(a, s) or
                                                      narrow.names_container(a, s)),
        "who of a place or time (fires)": lambda c, a, s: bool(narrow.wh_disagrees(
            c["question"], c["answer"], a.kind)) and c["question"].lower().startswith(
            ("who", "whom")),
        "narrow.untrusted without the two form rules": lambda c, a, s: bool(
            without_form_rules(c, a, s)),
        "narrow.untrusted, all rules": lambda c, a, s: bool(untrusted(c, a, s)),
    }


def table(rows: list[dict[str, Any]], columns: tuple[str, ...], least: int = 4) -> None:
    groups: dict[tuple[str, ...], list[float]] = defaultdict(list)
    for r in rows:
        groups[tuple(r["form"][c] for c in columns)].append(r["kept"])
    print(f"--- kept share by {' x '.join(columns)} (groups of {least}+ cards)")
    for value, kept in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if len(kept) >= least:
            share = 100 * sum(kept) / len(kept)
            print(f"  {' / '.join(value):<42} n={len(kept):>4}  kept {share:5.1f} %")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", default=None, metavar="FORM=VALUE",
                        help="print the cards of one form (e.g. stranded=circumstance)")
    parser.add_argument("--json", type=Path, default=None, help="write every card and its form")
    args = parser.parse_args(argv)
    from agents.generation.nlp import pipeline

    nlp = pipeline("en")
    rows = rated()
    fired: dict[str, list[bool]] = defaultdict(list)
    all_rules = rules()
    unplaced = 0
    for r in rows:
        placed = place(r["card"], nlp)
        r["form"] = form(r["card"], placed, nlp)
        if placed is None:
            unplaced += 1
            continue
        majority = sum(r["verdicts"]) * 2 > len(r["verdicts"])
        for name, rule in all_rules.items():
            if rule(r["card"], *placed):
                fired[name].append(majority)
                r.setdefault("fired", []).append(name)
    kept = sum(r["kept"] for r in rows)
    print(f"rated seen qa cards: {len(rows)}, kept share {100 * kept / len(rows):.1f} % "
          f"({unplaced} not put back on their sentence)")
    for cols in (("wh",), ("role",), ("type",), ("stranded",), ("adverb",), ("length",),
                 ("wh", "role"), ("wh", "type"), ("role", "stranded"), ("wh", "adverb")):
        table(rows, cols)
    print(f"{'rule (on rated cards put back on their sentence)':52s} {'kept removed':>13s} "
          f"{'rejected removed':>17s} {'kept share of the rest':>23s}")
    for name in all_rules:
        hits = fired[name]
        rest = [r["kept"] for r in rows if name not in r.get("fired", [])]
        print(f"{name:52s} {sum(hits):>13d} {len(hits) - sum(hits):>17d} "
              f"{100 * sum(rest) / len(rest):>13.1f} % of {len(rest)}")
    if args.show:
        col, _, value = args.show.partition("=")
        for r in rows:
            if r["form"].get(col) == value:
                print(f"{r['kept']:.2f} {r['packet']:<10} {r['card']['question']} -> "
                      f"{r['card']['answer']}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
