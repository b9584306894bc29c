"""Deck-level give-aways: one card of a deck that tells another its answer, or two cards of one
fact, counted on the seen passages' decks of two engines and on the seen reviews' packets.

    .venv/bin/python -m bench.deck_giveaway --rated
    .venv/bin/python -m bench.deck_giveaway --before /tmp/base [--after DIR]

Three relations between two cards of a deck (each read from the cards as served: type,
question, answer, source sentence; no engine code, so the engine's own rule is measured):

- ``same``: both from one source sentence;
- ``shows``: a card's question or statement contains another card's answer (a true statement
  printing the blank's answer, a question naming another's answer); a statement's
  True/False is no answer to show;
- ``false``: a false statement whose replaced term (the words of its source sentence that the
  statement changed) is another card's answer or in its question: the demo deck's choice card
  → 1779 beside 'Ingenhousz showed in 1769 …' (False).

``--rated [--since N]``: in every seen review (``bench/data/card_reviews_*.jsonl``; from
session N on), the decks the reviewers rated (a merged packet's cards of one engine, by its
key's ``engines``; the reviewers rated card by card, a passage's cards side by side): the keep
share of the cards in each relation (the one told, the one telling) against the rest, and the
rated cards that refusing each relation's pairs (the card of lower P(keep) out) would have
taken out. ``--before DIR``: for each seen passage (``bench.splits.seen()``), the deck each
engine serves for the count its review asked, all four types (``bench.card_defects``' child;
``--cache DIR`` keeps them), the decks with each relation, the cards served, the short decks,
the rated cards refusing each relation would take out, and the rated-kept and rated-rejected
cards (``bench.keep_decks.rated``) one engine serves and the other does not.

Session 24 (why selection does not refuse these pairs): the reviewers did not mark the told
card down. Over every seen review, refusing the pairs of one sentence where one card shows
the other's answer would have taken out 1762 kept and 1029 rejected rated cards, those where
a card asks a false statement's replaced term 279 kept and 141 rejected (from s18: 660 / 313
and 159 / 48); the told cards were kept as often as their type (from s18: false statements
told False 78 % against 73 % for all statements; blanks, questions and choices whose answer
another card of their sentence shows 67 % against 65 %). Selection already takes a
sentence's second card that tells nothing before one that tells (``quality._tells``). Of the
7269 rated cards' notes, 3 name a duplicate of another card; none another card's give-away.
The decks of 9acbb8b on the 980 seen passages (7942 cards asked, 5212 served, 606 short
decks): 801 have two cards of one sentence, 739 one card showing another's answer in its
sentence (786 anywhere), 406 a false statement another card of its sentence tells False (421);
refusing those pairs would take out of them 1056 / 319 and 259 / 54 rated kept / rejected
cards, before any refill (the decks short already have nothing to refill with).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from bench import card_defects, keep_decks
from bench.card_defects import CARD_TYPES

DATA = Path(__file__).resolve().parent / "data"
RELATIONS = ("same", "shows", "false")
_TF_PREFIX = "true or false "


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _stem(card: dict[str, Any]) -> str:
    """The card's question or statement as the student reads it, normalised."""
    text = _norm(card["question"])
    return text.removeprefix(_TF_PREFIX) if card["type"] == "tf" else text


def _replaced(card: dict[str, Any]) -> list[str]:
    """A false statement's changed terms: the source sentence's words it replaced."""
    source, statement = _norm(card.get("source_sentence") or "").split(), _stem(card).split()
    return [" ".join(source[i1:i2]) for tag, i1, i2, _, _ in
            SequenceMatcher(None, source, statement, autojunk=False).get_opcodes()
            if tag == "replace"]


def _within(term: str, text: str) -> bool:
    return bool(term) and f" {term} " in f" {text} "


def related(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """The relations of card ``a`` to card ``b`` (directed: ``shows``, ``a`` shows ``b``'s
    answer; ``false``, ``a`` asks or shows the term false statement ``b`` replaced)."""
    out: set[str] = set()
    if a.get("source_sentence") and a.get("source_sentence") == b.get("source_sentence"):
        out.add("same")
    if b["type"] != "tf" and _within(_norm(b["answer"]), _stem(a)):
        out.add("shows")
    if b["type"] == "tf" and b["answer"] == "False" and a is not b:
        told = f"{_stem(a)} {_norm(a['answer'])}" if a["type"] != "tf" else _stem(a)
        if any(_within(t, told) for t in _replaced(b)):
            out.add("false")
    return out


def deck_relations(cards: Sequence[dict[str, Any]]) -> dict[str, set[int]]:
    """Per relation, the indices of the deck's cards in one (either end)."""
    out: dict[str, set[int]] = {r: set() for r in RELATIONS}
    for i, a in enumerate(cards):
        for j, b in enumerate(cards):
            if i != j:
                for r in related(a, b):
                    out[r] |= {i, j}
    return out


def refused(cards: Sequence[dict[str, Any]], relation: str, same: bool) -> set[int]:
    """The cards a deck would give up if selection refused every pair in ``relation`` (only
    pairs of one sentence: ``same``), keeping the one of higher P(keep): greedily, best
    first, so a card refused for one pair is not counted for the next."""
    order = sorted(range(len(cards)), key=lambda i: -(cards[i]["keep"] or 0.0))
    kept: list[int] = []
    out: set[int] = set()
    for i in order:
        if any(relation in (rel := related(cards[i], cards[j]) | related(cards[j], cards[i]))
               and (not same or "same" in rel) for j in kept):
            out.add(i)
        else:
            kept.append(i)
    return out


def rated_packets() -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """(review, passage, engine) → the rated cards of one engine's deck that a packet showed
    (a merged key's ``engines`` says which deck a card was in; a card both engines served is
    in both; an exploration card is in no deck; a review without a key is one deck a
    passage)."""
    engines: dict[str, dict[str, list[str]]] = {}
    out: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for path in sorted(DATA.glob("card_reviews_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r["review"] not in engines:
                key = DATA / "reviews" / f"{r['review']}.key.json"
                items = json.loads(key.read_text(encoding="utf-8"))["items"] \
                    if key.exists() else {}
                engines[r["review"]] = {i: (v.get("engines") or ["one"]) if
                                        v["origin"] == "cardstream" else []
                                        for i, v in items.items()}
            for engine in engines[r["review"]].get(r["item"], ["one"]):
                out.setdefault((r["review"], r["passage"], engine), []).append(r)
    return out


def _session(review: str) -> int:
    """'s18b-both' → 18; the DEV reviews 0."""
    return int(match.group(1)) if (match := re.match(r"s(\d+)", review)) else 0


def rated_report(since: int = 0) -> None:
    """Keep share of the rated cards in each relation in a deck they were served in (end
    ``told``: the card whose answer is shown, or the false statement; ``telling``: the other)
    against the cards in none; and the rated cards refusing each relation's pairs would have
    taken out of those decks. Reviews of session ``since`` on."""
    ends: dict[tuple[str, str], set[str]] = {}
    keep: dict[tuple[str, str], tuple[str, bool]] = {}
    packets = {k: rows for k, rows in rated_packets().items() if _session(k[0]) >= since}
    lost: dict[str, Counter[Any]] = {}
    taken: set[tuple[str, ...]] = set()
    for (review, _, _), rows in packets.items():
        cards = [dict(r["card"], keep=r["card"]["quality"].get("keep")) for r in rows]
        for relation, same in (("same", True), ("shows", False), ("shows", True),
                               ("false", False), ("false", True)):
            tag = f"{relation}{'/same' if same and relation != 'same' else ''}"
            for i in refused(cards, relation, same):
                if (tag, review, rows[i]["item"]) not in taken:
                    taken.add((tag, review, rows[i]["item"]))
                    lost.setdefault(tag, Counter())[rows[i]["keep"]] += 1
        for r in rows:
            card = (r["review"], r["item"])
            ends.setdefault(card, set())
            if r["keep"] is not None:
                keep[card] = (r["card"]["type"], r["keep"])
        for a in rows:
            for b in rows:
                if a is b:
                    continue
                for name in related(a["card"], b["card"]):
                    if name == "same":
                        ends[(a["review"], a["item"])] |= {"same", "any"}
                        continue
                    where = "same" if "same" in related(a["card"], b["card"]) else "other"
                    ends[(a["review"], a["item"])] |= {f"{name}/{where}:telling", "any"}
                    ends[(b["review"], b["item"])] |= {f"{name}/{where}:told", "any"}
    tally: dict[str, Counter[str]] = {}
    for card, (kind, kept) in keep.items():
        for name in ends[card] or {"none"}:
            c = tally.setdefault(name, Counter())
            c["kept" if kept else "rejected"] += 1
            c[f"{kind}:{'kept' if kept else 'rejected'}"] += 1
    print(f"{len(packets)} decks (review, passage, engine) of rated cards, {len(keep)} cards")
    for name in sorted(tally):
        c = tally[name]
        n = c["kept"] + c["rejected"]
        per = " ".join(f"{t} {c[t + ':kept']}/{c[t + ':kept'] + c[t + ':rejected']}"
                       for t in CARD_TYPES)
        print(f"{name:22s} cards {n:5d} kept {c['kept'] / max(n, 1):.0%}   ({per})")
    for tag, c in sorted(lost.items()):
        print(f"refusing {tag:11s} would have taken out {c[True] + c[False]:4d} rated cards: "
              f"kept {c[True]}, rejected {c[False]}")


def deck_report(name: str, rows: list[dict[str, Any]], asked: dict[str, int],
                labels: dict[tuple[str, ...], bool | None]) -> set[tuple[str, ...]]:
    """Decks with each relation (all pairs | pairs of one sentence), supply, and the rated
    cards refusing each relation's pairs would take out of these decks (before any refill)."""
    decks = Counter[str]()
    lost: dict[str, Counter[Any]] = {}
    for row in rows:
        cards = row["cards"]
        for r in RELATIONS:
            for same in (False, True):
                pairs = [(i, j) for i, a in enumerate(cards) for j, b in enumerate(cards)
                         if i != j and r in (rel := related(a, b)) and (not same or "same" in rel)]
                decks[f"{r}{'/same' if same else ''}"] += bool(pairs)
                if r == "same" and same:
                    continue
                tag = f"{r}{'/same' if same and r != 'same' else ''}"
                for i in refused(cards, r, same):
                    c = cards[i]
                    lost.setdefault(tag, Counter())[
                        labels.get((row["key"], c["type"], c["question"], c["answer"]))] += 1
    served = sum(len(r["cards"]) for r in rows)
    short = sum(len(r["cards"]) < asked[r["key"]] for r in rows)
    print(f"{name}: served {served}, short decks {short}; decks with a pair (all | of one "
          f"sentence): " + ", ".join(f"{r} {decks[r]} | {decks[r + '/same']}"
                                      for r in RELATIONS if r != "same")
          + f", same sentence {decks['same']}")
    for tag, c in sorted(lost.items()):
        print(f"  refusing {tag:11s} would take out {sum(c.values()):4d} cards: rated kept "
              f"{c[True]}, rejected {c[False]}")
    return {(r["key"], c["type"], c["question"], c["answer"]) for r in rows for c in r["cards"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rated", action="store_true", help="the seen reviews' packets")
    parser.add_argument("--since", type=int, default=0, help="--rated: reviews from session N")
    parser.add_argument("--before", type=Path, help="checkout of the engine to compare against")
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--cache", type=Path, help="folder for the engines' decks (JSON)")
    args = parser.parse_args(argv)
    if args.rated:
        rated_report(args.since)
    if args.before is None:
        return 0
    items = card_defects.passages()
    asked = {p["key"]: p["n"] for p in items}
    print(f"{len(items)} seen passages, {sum(asked.values())} cards asked")
    labels = keep_decks.rated()
    served = []
    for name, root in (("before", args.before), ("after", args.after)):
        cached = args.cache / f"{name}.json" if args.cache else None
        if cached and cached.exists():
            rows = json.loads(cached.read_text(encoding="utf-8"))
        else:
            rows = card_defects.run_engine(root, items)
            if cached:
                cached.write_text(json.dumps(rows), encoding="utf-8")
        served.append(deck_report(name, rows, asked, labels))
    gone, new = served[0] - served[1], served[1] - served[0]
    for what, cards in (("removed", gone), ("added", new)):
        got = Counter(labels.get(c, "unrated") for c in cards)
        print(f"{what}: {len(cards)} cards, rated kept {got[True]}, rejected {got[False]}, "
              f"unrated {got['unrated'] + got[None]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
