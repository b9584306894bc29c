"""Coverage of key facts: could a student who studied only the deck answer the questions a
teacher would ask about the passage? A blind judge decides, per reference question.

    # 1. a packet for a judge and its sealed key: DEV paragraphs (tune-allowed), 10 cards each
    PYTHONPATH=$PWD .venv/bin/python -m bench.fact_coverage build --split dev \\
        --out .run/cov/packet --key .run/cov/dev.key.json
    # held-out paragraphs the earlier reviews did not use, before and after engines in one run
    PYTHONPATH=$PWD .venv/bin/python -m bench.fact_coverage build --squad heldout \\
        --exclude bench/data/reviews/s17c-both.key.json --engine before=/tmp/base \\
        --engine after=. --out review/cov --key review/keys/cov.key.json
    # tune-allowed held-out paragraphs: those of the SEEN reviews (splits.seen())
    ... build --seen --paragraphs 40 --out .run/cov/seen --key .run/cov/seen.key.json
    # the passages of a card_review key, with the count of cards that review asked for each
    ... build --from-key review/keys/test.key.json --engine after=review/keys/test.key.json ...
    # 2. the judge fills in a copy of ratings.jsonl (JUDGING below)
    # 3. the numbers (without ratings files: the automatic proxy alone)
    PYTHONPATH=$PWD .venv/bin/python -m bench.fact_coverage score --key K judge1.jsonl

References are the human SQuAD questions with their first gold answer: the facts a teacher
would ask about. Textbook pages have none and are skipped. The deck is what a user gets by
default: ``--cards`` (10) cards of all four types, intermediate (or, with ``--from-key``, the
count that review drew for the passage). An ``--engine NAME=WHERE`` is a checkout of the
engine (a folder: its cards are made in a child process whose imports come from there,
``bench/engine_run.py``) or a card_review key (a ``.json``: its cardstream cards for the
passage, of engine NAME in a merged key). Without ``--engine``: this checkout, in process.

Blindness: with several engines every passage shows one deck per engine, labelled A, B, ... in
an order drawn per passage from the seed and recorded in the key only; the passages are
shuffled, reference ids drawn at random. Nothing in the packet names an engine or a card's
scores, tags or source sentence.

``score`` reports per engine the covered share of reference questions (judged "yes", and
"yes" or "partly"), the mean over passages with a 95 % bootstrap interval over passages
(``review_score.interval``, scipy), with several judges each reference's value their mean;
with two engines the paired per-passage difference too. Beside it the automatic proxy, which
needs no judge: a reference is "yes" when its gold answer equals a card's answer (SQuAD
normalisation: case, punctuation, articles), "partly" when it shares a content word with one,
or sits inside a true true/false statement. The gap between the two shows how far the easy
measure is from the judged one.

JUDGING
You get passages; after each passage, one or more decks of flashcards made from it, then the
reference questions a teacher would ask about it (with their answers). For every reference
question and every deck, answer: could a student who studied ONLY this deck (not the passage)
answer the reference question?
  yes     a card tests this fact: its question or statement and answer give it (worded
          differently is fine)
  partly  a card touches it: part of the answer, or the fact is in a card without being what
          the card asks, or a student would have to guess between close options
  no      nothing in the deck gives this fact
Write the mark in "covered" on the line with the reference's id and the deck's letter. Judge
each deck on its own; decks of the same passage may overlap.
ENDJUDGING
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import string
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench import card_review, review_score, splits
from bench.splits import Passage

JUDGING = __doc__.split("JUDGING\n", 1)[1].split("ENDJUDGING", 1)[0].rstrip()
MARKS = {"yes": 1.0, "partly": 0.5, "no": 0.0}
CARDS = 10  # a user's default deck
CARD_FIELDS = ("type", "question", "answer", "choices")


# -- decks ---------------------------------------------------------------------------------

def deck(engine: Any, passage: Passage, n: int) -> list[dict[str, Any]]:
    """The cards ``engine`` makes for ``passage`` as a user's default request would ask."""
    from agents.generation import GenerationRequest

    request = GenerationRequest(passage.text, f"review-{passage.key}", n, "intermediate",
                                card_review.CARD_TYPES, title=card_review.shown_title(passage))
    return [{"type": c.type, "question": c.question, "answer": c.answer,
             "choices": list(c.choices)} for c in engine.generate(request).cards]


def emit() -> None:
    """Child process: [[key, text, n], ...] on stdin → {key: deck} on stdout's last line."""
    import torch

    torch.set_num_threads(1)
    from agents.generation import build_engine

    engine = build_engine(None, None)
    out = {key: deck(engine, Passage(key, "squad", "", "", text), n)
           for key, text, n in json.loads(sys.stdin.read())}
    print(json.dumps(out))


def decks_from_key(path: Path, name: str, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """A card_review key's cardstream cards per passage (engine ``name``'s in a merged key)."""
    items = json.loads(path.read_text(encoding="utf-8"))["items"].values()
    merged = any("engines" in e for e in items)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    for entry in items:
        if entry["origin"] != "cardstream" or entry["passage"] not in out:
            continue
        if merged and name not in entry.get("engines", ()):
            continue
        card = entry["card"]
        out[entry["passage"]].append({f: card.get(f) or ([] if f == "choices" else "")
                                      for f in CARD_FIELDS})
    return out


def make_decks(engines: list[tuple[str, str]], chosen: list[tuple[Passage, int]]
               ) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """engine name → passage key → deck. ``engines`` is [(name, where)]; where "" = in process."""
    from bench import engine_run

    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name, where in engines:
        if not where:
            from agents.generation import build_engine

            engine = build_engine(None, None)
            out[name] = {p.key: deck(engine, p, n) for p, n in chosen}
        elif where.endswith(".json"):
            out[name] = decks_from_key(Path(where), name, [p.key for p, _ in chosen])
        else:
            here = Path(__file__).resolve().parents[1]
            out[name] = dict(engine_run.emit(__file__, Path(where), [
                [p.key, p.text, n] for p, n in chosen], here))
    return out


# -- the packet ----------------------------------------------------------------------------

def blind(chosen: list[tuple[Passage, int]], decks: dict[str, dict[str, list[dict[str, Any]]]],
          seed: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Packet passages (shuffled, decks lettered in a seeded order) and the key's entries."""
    rng = random.Random(f"{seed}:coverage")
    names = list(decks)
    refs = sum(len(p.questions) for p, _ in chosen)
    ids = iter(f"r{n:05d}" for n in rng.sample(range(100_000), refs))
    order = list(chosen)
    rng.shuffle(order)
    rows, key = [], {}
    for number, (passage, _) in enumerate(order, 1):
        label = f"P{number:02d}"
        shuffled = rng.sample(names, len(names))
        letters = dict(zip(string.ascii_uppercase, shuffled, strict=False))
        references = [(next(ids), q, a) for q, a in passage.questions]
        rows.append({"passage": label, "title": card_review.shown_title(passage),
                     "passage_text": passage.text,
                     "decks": {letter: decks[name][passage.key]
                               for letter, name in letters.items()},
                     "references": [{"ref": r, "question": q, "answer": a}
                                    for r, q, a in references]})
        key[label] = {"passage": passage.key, "decks": letters,
                      "references": {r: {"question": q, "answer": a} for r, q, a in references}}
    return rows, key


def render_card(card: dict[str, Any]) -> list[str]:
    if card["type"] == "tf":
        return [f"- (true/false) {card['question']} — **{card['answer']}**"]
    out = [f"- ({card['type']}) {card['question']} — **{card['answer']}**"]
    if card.get("choices"):
        out.append("    - choices: " + " | ".join(card["choices"]))
    return out


def render(rows: list[dict[str, Any]]) -> str:
    out = ["# Fact coverage packet", "", "Fill in `ratings.jsonl` (one line per reference "
           "question and deck).", "", "## How to judge", "", "```", JUDGING, "```", ""]
    for row in rows:
        out += [f"## Passage {row['passage']}", ""]
        if row.get("title"):
            out += [f"*Title: {row['title']}*", ""]
        out += [row["passage_text"], ""]
        for letter, cards in row["decks"].items():
            out += [f"### Deck {letter} ({len(cards)} cards)", ""]
            for card in cards:
                out += render_card(card)
            out.append("")
        out += ["### Reference questions", ""]
        out += [f"- **{r['ref']}** {r['question']} — {r['answer']}" for r in row["references"]]
        out.append("")
    return "\n".join(out) + "\n"


def write_packet(rows: list[dict[str, Any]], key: dict[str, Any], out: Path, key_path: Path,
                 meta: dict[str, Any]) -> None:
    if key_path.resolve().parent == out.resolve():
        raise SystemExit("the key must not go into the packet folder the judge receives")
    out.mkdir(parents=True, exist_ok=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    (out / "packet.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                              for r in rows), encoding="utf-8")
    (out / "packet.md").write_text(render(rows), encoding="utf-8")
    (out / "ratings.jsonl").write_text("".join(
        json.dumps({"ref": ref["ref"], "deck": letter, "covered": None}) + "\n"
        for row in rows for ref in row["references"] for letter in row["decks"]),
        encoding="utf-8")
    key_path.write_text(json.dumps({**meta, "passages": key}, indent=1, ensure_ascii=False),
                        encoding="utf-8")


# -- the automatic proxy -------------------------------------------------------------------

def normal(text: str) -> list[str]:
    """SQuAD's answer normalisation, as tokens: lower case, no punctuation, no articles."""
    text = "".join(ch for ch in text.lower() if ch not in set(string.punctuation))
    return re.sub(r"\b(a|an|the)\b", " ", text).split()


def proxy(answer: str, cards: list[dict[str, Any]]) -> str:
    """yes: the gold answer equals a card's answer; partly: shares a content word with one, or
    sits inside a true statement; no otherwise."""
    from spacy.lang.en.stop_words import STOP_WORDS

    gold = normal(answer)
    content = {w for w in gold if w not in STOP_WORDS}
    mark = "no"
    for card in cards:
        if card["type"] == "tf":
            said = " ".join(normal(card["question"]))
            if card["answer"] == "True" and gold and f" {' '.join(gold)} " in f" {said} ":
                mark = "partly"
            continue
        theirs = normal(card["answer"])
        if theirs == gold:
            return "yes"
        if content & set(theirs):
            mark = "partly"
    return mark


# -- scoring -------------------------------------------------------------------------------

def read_marks(path: Path, key: dict[str, Any]) -> dict[tuple[str, str], float]:
    """One judge's marks by (reference id, deck letter); blank lines are skipped."""
    known = {(r, letter) for entry in key.values() for r in entry["references"]
             for letter in entry["decks"]}
    out: dict[tuple[str, str], float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            at = (row["ref"], row["deck"])
            if at not in known:
                raise ValueError(f"{at} is not in this key (another packet?)")
            if at in out:
                raise ValueError(f"{at} is marked twice")
            if row.get("covered") is None:
                continue
            mark = str(row["covered"]).strip().lower()
            if mark not in MARKS:
                raise ValueError(f"covered must be one of {sorted(MARKS)}, not {mark!r}")
            out[at] = MARKS[mark]
        except (ValueError, KeyError, TypeError) as exc:
            raise review_score.RatingsError(f"{path}:{number}: {exc}") from exc
    return out


def shares(values: list[float]) -> tuple[float, float]:
    """(share judged yes, share yes or partly) of one passage's references."""
    return (sum(v == 1.0 for v in values) / len(values), sum(v > 0 for v in values) / len(values))


def summary(per_passage: list[float], seed: int) -> dict[str, Any]:
    values = np.array(per_passage, dtype=float)
    return {"mean": float(values.mean()) if len(values) else None,
            "ci95": review_score.interval(values, seed), "passages": len(values)}


def score(key: dict[str, Any], judges: list[dict[tuple[str, str], float]],
          seed: int = 9) -> dict[str, Any]:
    """Per engine: judged (if any judge) and proxy coverage, mean over passages with a 95 %
    interval; with two engines the paired per-passage difference (second minus first)."""
    passages = key["passages"]
    names = key["engines"]
    per: dict[str, dict[str, list[float]]] = {
        n: {"yes": [], "yes_partly": [], "proxy_yes": [], "proxy_yes_partly": []}
        for n in names}
    for entry in passages.values():
        refs = entry["references"]
        if not refs:
            continue
        for letter, name in entry["decks"].items():
            cards = key["decks"][name][entry["passage"]]
            marks = [MARKS[proxy(r["answer"], cards)] for r in refs.values()]
            y, yp = shares(marks)
            per[name]["proxy_yes"].append(y)
            per[name]["proxy_yes_partly"].append(yp)
            judged = [[j[(r, letter)] for j in judges if (r, letter) in j] for r in refs]
            if judges and all(judged):
                # a reference's value is its judges' mean; "yes" needs every judge's yes
                y, yp = shares([float(np.mean(v)) for v in judged])
                per[name]["yes"].append(y)
                per[name]["yes_partly"].append(yp)
    report: dict[str, Any] = {n: {m: summary(v, seed) for m, v in ms.items() if v}
                              for n, ms in per.items()}
    if len(names) == 2:
        a, b = names
        report["difference"] = {
            m: summary([y - x for x, y in zip(per[a][m], per[b][m], strict=True)], seed)
            for m in per[a] if per[a][m] and len(per[a][m]) == len(per[b][m])}
        report["difference"]["of"] = f"{b} - {a}"
    return report


def format_report(report: dict[str, Any]) -> str:
    def cell(s: dict[str, Any] | None) -> str:
        if not s:
            return "-"
        ci = s["ci95"]
        return f"{s['mean']:.3f}" + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")

    metrics = ("yes", "yes_partly", "proxy_yes", "proxy_yes_partly")
    lines = [f"{'':<12}" + "".join(f"{m:>28}" for m in metrics)]
    for name, ms in report.items():
        if name == "difference":
            name = ms["of"]
        lines.append(f"{name:<12}" + "".join(f"{cell(ms.get(m)):>28}" for m in metrics))
    return "\n".join(lines)


# -- commands ------------------------------------------------------------------------------

def choose(args: argparse.Namespace) -> tuple[list[tuple[Passage, int]], dict[str, Any]]:
    """(passage, cards to ask) for the packet, and what the key records about the choice."""
    if args.from_key:
        review = json.loads(args.from_key.read_text(encoding="utf-8"))
        known = {p.key: p for p in splits.squad(review.get("split", "test"),
                                                splits.SQUADS[review.get("squad", "subset")])}
        low, high = review.get("cards_per_text", (6, 10))
        chosen = [(known[k], splits.cards_asked(review["seed"], k, low, high))
                  for k in review["passages"] if k in known]
        return chosen, {"from_key": str(args.from_key)}
    used = splits.excluded(args.exclude)
    split = "test" if args.squad != "subset" or args.seen else args.split
    if args.seen:  # the SQuAD paragraphs of the SEEN reviews (read and tuned on since)
        pool = list({p.key: p for p, _ in splits.seen()
                     if p.corpus == "squad" and p.key not in used}.values())
    else:
        pool = [p for p in splits.squad(split, splits.SQUADS[args.squad]) if p.key not in used]
    rng = random.Random(f"{args.seed}:pick:{split}")
    picked = rng.sample(pool, args.paragraphs) if 0 < args.paragraphs < len(pool) else pool
    return [(p, args.cards) for p in picked], {
        "split": split, "squad": "seen" if args.seen else args.squad, "paragraphs": len(picked),
        "cards": args.cards}


def cmd_build(args: argparse.Namespace) -> int:
    engines = [tuple(e.split("=", 1)) if "=" in e else (e, e) for e in args.engine] or [
        ("this", "")]
    if len({n for n, _ in engines}) < len(engines):
        raise SystemExit("give each --engine its own name")
    chosen, meta = choose(args)
    chosen = [(p, n) for p, n in chosen if p.questions]
    decks = make_decks([(n, str(w)) for n, w in engines], chosen)
    rows, key = blind(chosen, decks, args.seed)
    sealed = {**meta, "seed": args.seed, "engines": [n for n, _ in engines],
              "where": {n: w for n, w in engines}, "commit": card_review.commit(),
              "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "decks": decks}
    write_packet(rows, key, args.out, args.key, sealed)
    refs = sum(len(p.questions) for p, _ in chosen)
    print(f"{len(chosen)} passages, {refs} reference questions, decks of "
          f"{', '.join(n for n, _ in engines)} → {args.out}/packet.md; key → {args.key}")
    print(format_report(score({**sealed, "passages": key}, [], args.seed)))
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    key = json.loads(args.key.read_text(encoding="utf-8"))
    judges = [read_marks(path, key["passages"]) for path in args.ratings]
    report = score(key, judges, args.seed)
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb")
    b = sub.add_parser("build", help="a judge's packet of passages, decks and references")
    b.add_argument("--split", choices=splits.SPLITS, default="dev",
                   help="the shared subset's split (dev may be read while tuning)")
    b.add_argument("--squad", choices=sorted(splits.SQUADS), default="subset",
                   help="heldout, heldout2: the articles held out whole (every paragraph "
                        "is test)")
    b.add_argument("--from-key", type=Path, help="the passages of a card_review key instead")
    b.add_argument("--seen", action="store_true",
                   help="the SQuAD paragraphs of the SEEN reviews (splits.SEEN_KEYS) instead")
    b.add_argument("--exclude", type=Path, action="append", default=[], metavar="KEY",
                   help="skip the passages of an earlier packet's key")
    b.add_argument("--paragraphs", type=int, default=15, help="how many (0: all)")
    b.add_argument("--cards", type=int, default=CARDS, help="cards per deck")
    b.add_argument("--engine", action="append", default=[], metavar="NAME=WHERE",
                   help="a checkout folder or a card_review key (.json); two for before/after")
    b.add_argument("--seed", type=int, default=9)
    b.add_argument("--out", type=Path, required=True, help="the packet folder for the judge")
    b.add_argument("--key", type=Path, required=True, help="the sealed key (not for the judge)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("score", help="judged coverage and the proxy per engine")
    s.add_argument("--key", type=Path, required=True)
    s.add_argument("--seed", type=int, default=9, help="bootstrap seed")
    s.add_argument("--json", type=Path, help="also write the report as JSON here")
    s.add_argument("ratings", type=Path, nargs="*", help="one filled ratings.jsonl per judge")
    s.set_defaults(func=cmd_score)
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.emit:
        emit()
        return 0
    if args.verb is None:
        parser.error("give a verb: build or score")
    try:
        return int(args.func(args))
    except review_score.RatingsError as exc:
        print(f"fact_coverage {args.verb}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    if "--emit" in sys.argv:  # run by path in a child: the engine's checkout comes first
        sys.path.insert(0, os.environ.get("PYTHONPATH", "").split(os.pathsep)[0])
    raise SystemExit(main())
