"""Blind review of cards: would a student keep them? Cardstream's cards shuffled with questions
people wrote for the same paragraphs, rated by reviewers who cannot tell which is which.

    # 1. a packet (cards from the engine `cardstream generate` uses) and its sealed key
    .venv/bin/python -m bench.card_review build --split test --paragraphs 15 --pages 4 \\
        --out review/test --key review/keys/test.key.json
    # 2. each reviewer fills in a copy of review/test/ratings.jsonl (see RUBRIC below)
    # 3. the numbers, from one or more reviewers' files
    .venv/bin/python -m bench.card_review score --key review/keys/test.key.json \\
        alice.jsonl bob.jsonl

    # two engines side by side in ONE review: a packet from two keys on the same passages
    .venv/bin/python -m bench.card_review merge --from before.key.json --from after.key.json \\
        --names before,after --out review/both --key review/keys/both.key.json
    .venv/bin/python -m bench.card_review score --key review/keys/both.key.json --engine after \\
        carol.jsonl dave.jsonl

What ``build`` writes to ``--out`` (give this folder to reviewers):
  packet.md       the rubric, then each passage followed by its items (read this)
  packet.jsonl    the same items, one JSON object a line (item, passage, passage_text, type,
                  question, answer, choices)
  ratings.jsonl   one line per item to fill in: {"item", "keep", "usefulness", "tags"}
and to ``--key`` (never to reviewers): item → origin (cardstream or human), card type, corpus,
split, the passage's key and the full card.

Blindness: every item has the same shape whatever wrote it; a human question is a `qa` item
(question + the first gold answer). Item ids are drawn at random after all items exist, the
passages are shuffled, and the items within a passage are shuffled, so neither ids nor order
say anything about origin. Card ids, scores, tags and source sentences are not in the packet.
Textbook pages have no human questions, so every item on them is cardstream's; they are
reported apart and never enter the cardstream/human ratio.
A reviewer must not rate two packets that share passages: the human questions would be the
items that recur. For a second packet of the same split (say, a newer engine) give it to other
reviewers, or build it with ``--exclude`` the first packet's key to draw other passages.

Sources and splits: ``bench/splits.py`` (SQuAD split by article; OpenStax textbook pages).
Cardstream makes 6–10 cards per text (a seeded draw per text), all four types, intermediate.

RUBRIC
Judge each item as a flashcard a student would get from this passage. Read the passage first.
  keep        yes/no: would you keep this card in your deck exactly as it is, without editing?
              Only "yes" if the question is clear and grammatical, stands on its own, has one
              right answer, the answer shown is correct and complete, and it asks something
              worth learning from the passage.
  usefulness  1-5, for learning this passage:
              1 useless or wrong, 2 poor (a defect makes it hard to use), 3 acceptable but
              weak, 4 good, 5 excellent (a key fact, clearly asked).
  tags        every defect you see (none if the card is fine):
              echo                  ungrammatical question or the sentence echoed with a gap
                                    ("... is what by which ...")
              wrong-kind-distractor a multiple-choice option of another kind than the answer
                                    (a verb phrase among names, a place among dates)
              fragment-distractor   a multiple-choice option that is a broken piece of text
              absurd-distractor     a multiple-choice option nobody who read the passage would
                                    consider: impossible for what is asked (an age of 98 or 3
                                    for a working adult, a range whose ends are out of order, a
                                    future date for a past event)
              trivial               the answer is given away or is not worth asking
              missing-context       cannot be answered alone: an unresolved he/it/they/this,
                                    or needs the page in front of you
              overlong              the question is too long to read as a card (> ~25 words)
              cut-boundary          the answer or blank is cut at the wrong place ("BC Julius")
              absurd-false          a true/false statement that is false in an absurd way
              wrong-answer          the answer shown is wrong (or a "False" that is true)
              other                 anything else (say what in "note" if you like)
Types: qa = question and answer; mcq = multiple choice (the answer is one of the choices);
cloze = fill the blank (____); tf = a statement, answer True or False.
Rate every item on its own; some passages have more items than others, and items on the same
passage may overlap.
ENDRUBRIC
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import review_score, splits
from bench.splits import Passage

RUBRIC = __doc__.split("RUBRIC\n", 1)[1].split("ENDRUBRIC", 1)[0].rstrip()
DEFECT_TAGS = (
    "echo", "wrong-kind-distractor", "fragment-distractor", "absurd-distractor", "trivial",
    "missing-context", "overlong", "cut-boundary", "absurd-false", "wrong-answer", "other",
)
# the "distractor defects": of the wrong kind, a fragment, or absurdly wrong (the last
# tag since session 14: before it, reviewers noted absurd options under "other")
DISTRACTOR_TAGS = ("wrong-kind-distractor", "fragment-distractor", "absurd-distractor")
CARD_TYPES = ("qa", "mcq", "cloze", "tf")
PACKET_FIELDS = ("item", "passage", "passage_text", "type", "question", "answer", "choices")


def pick(split: str, paragraphs: int, pages: int, seed: int,
         exclude: frozenset[str] = frozenset(), book: str = "ap2e",
         squad_file: str = "subset") -> list[Passage]:
    """A seeded sample: ``paragraphs`` SQuAD paragraphs and ``pages`` textbook pages, none of
    the passages in ``exclude`` (keys of passages an earlier packet used)."""
    rng = random.Random(f"{seed}:pick:{split}")
    squad = [p for p in splits.squad(split, splits.SQUADS[squad_file]) if p.key not in exclude]
    pages_left = [p for p in splits.textbook(split, book=book) if p.key not in exclude]
    if paragraphs > len(squad) or pages > len(pages_left):
        raise SystemExit(f"the {split} split has {len(squad)} SQuAD paragraphs and "
                         f"{len(pages_left)} {book} textbook pages left; asked for {paragraphs} "
                         f"and {pages}")
    return rng.sample(squad, paragraphs) + rng.sample(pages_left, pages)


def make_items(engine: Any, passages: list[Passage], seed: int, min_cards: int = 6,
               max_cards: int = 10) -> list[dict[str, Any]]:
    """Cardstream's cards and the human questions for each passage, origin still attached."""
    from agents.generation import GenerationRequest
    from cardstream.output import card_json

    items: list[dict[str, Any]] = []
    for passage in passages:
        n = splits.cards_asked(seed, passage.key, min_cards, max_cards)
        request = GenerationRequest(passage.text, f"review-{passage.key}", n, "intermediate",
                                    CARD_TYPES)
        for card in engine.generate(request).cards:
            items.append({"passage": passage, "origin": "cardstream", "type": card.type,
                          "question": card.question, "answer": card.answer,
                          "choices": list(card.choices), "card": card_json(card)})
        for question, answer in passage.questions:
            items.append({"passage": passage, "origin": "human", "type": "qa",
                          "question": question, "answer": answer, "choices": [], "card": None})
    return items


def blind(items: list[dict[str, Any]], seed: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The packet rows (shuffled, anonymous) and the key entries, item id → origin."""
    rng = random.Random(f"{seed}:blind")
    ids = [f"c{n:05d}" for n in rng.sample(range(100_000), len(items))]
    by_passage: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_passage.setdefault(item["passage"].key, []).append(item)
    order = sorted(by_passage)
    rng.shuffle(order)
    rows, key, k = [], {}, 0
    for number, passage_key in enumerate(order, 1):
        group = by_passage[passage_key]
        rng.shuffle(group)
        for item in group:
            passage: Passage = item["passage"]
            row = {"item": ids[k], "passage": f"P{number:02d}", "passage_text": passage.text,
                   "type": item["type"], "question": item["question"], "answer": item["answer"],
                   "choices": item["choices"]}
            rows.append(row)
            key[ids[k]] = {"origin": item["origin"], "type": item["type"],
                           "corpus": passage.corpus, "split": passage.split,
                           "passage": passage.key, "card": item["card"],
                           **({"engines": item["engines"]} if "engines" in item else {})}
            k += 1
    return rows, key


def merge(keys: list[dict[str, Any]], names: list[str],
          passages: dict[str, Passage]) -> list[dict[str, Any]]:
    """The items of one review over several packets' cards on the same passages: each human
    question once, each engine's cards, and a card that several engines made identically once,
    with ``engines`` naming who made it. The reviewers rate every engine's cards in one sitting,
    against the same human questions, without knowing which engine (or whether a person) wrote
    an item: a comparison free of the reviewer-pair strictness that separate packets carry."""
    if len(names) != len(keys) or len(set(names)) < len(names):
        raise SystemExit("give one distinct name per key")
    if any(k["passages"] != keys[0]["passages"] for k in keys):
        raise SystemExit("the keys cover different passages: merge packets built with the same "
                         "--seed, counts and --exclude")
    items: list[dict[str, Any]] = []
    for passage_key in keys[0]["passages"]:
        passage = passages[passage_key]
        items += [{"passage": passage, "origin": "human", "type": "qa", "question": q,
                   "answer": a, "choices": [], "card": None} for q, a in passage.questions]
    made: dict[tuple[Any, ...], dict[str, Any]] = {}
    for name, key in zip(names, keys, strict=True):
        for entry in key["items"].values():
            card = entry["card"]
            if entry["origin"] != "cardstream":
                continue
            choices = list(card.get("choices") or [])
            same = (entry["passage"], card["type"], card["question"], card["answer"],
                    tuple(choices))
            if same in made:
                made[same]["engines"].append(name)
                continue
            made[same] = {"passage": passages[entry["passage"]], "origin": "cardstream",
                          "type": card["type"], "question": card["question"],
                          "answer": card["answer"], "choices": choices, "card": card,
                          "engines": [name]}
            items.append(made[same])
    return items


def engine_view(items: dict[str, Any], engine: str) -> dict[str, Any]:
    """The key entries one engine's packet would have had: the human questions and its cards."""
    known = {e for entry in items.values() for e in entry.get("engines", ())}
    if engine not in known:
        raise SystemExit(f"no engine {engine!r} in this key (it has {sorted(known) or 'none'})")
    return {item: entry for item, entry in items.items()
            if entry["origin"] != "cardstream" or engine in entry.get("engines", ())}


def render(rows: list[dict[str, Any]]) -> str:
    """The reviewer's packet as Markdown: the rubric, then each passage and its items."""
    out = ["# Card review packet", "", "Fill in `ratings.jsonl` (one line per item id).", "",
           "## Rubric", "", "```", RUBRIC, "```", ""]
    current = None
    for row in rows:
        if row["passage"] != current:
            current = row["passage"]
            out += [f"## Passage {current}", "", row["passage_text"], ""]
        out.append(f"- **{row['item']}** ({row['type']}) {row['question']}")
        for letter, choice in zip("ABCDEFGH", row["choices"], strict=False):
            out.append(f"    - {letter}. {choice}")
        out += [f"    - answer: {row['answer']}", ""]
    return "\n".join(out) + "\n"


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_packet(rows: list[dict[str, Any]], key_items: dict[str, Any], out: Path,
                 key_path: Path, meta: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    if key_path.resolve().parent == out.resolve():
        raise SystemExit("the key must not go into the packet folder reviewers receive")
    packet = "".join(json.dumps({f: r[f] for f in PACKET_FIELDS}, ensure_ascii=False) + "\n"
                     for r in rows)
    (out / "packet.jsonl").write_text(packet, encoding="utf-8")
    (out / "packet.md").write_text(render(rows), encoding="utf-8")
    template = "".join(json.dumps({"item": r["item"], "keep": None, "usefulness": None,
                                   "tags": []}) + "\n" for r in rows)
    (out / "ratings.jsonl").write_text(template, encoding="utf-8")
    sealed = {**meta, "packet_sha256": hashlib.sha256(packet.encode()).hexdigest(),
              "items": key_items}
    key_path.write_text(json.dumps(sealed, indent=1, ensure_ascii=False), encoding="utf-8")


def cmd_build(args: argparse.Namespace) -> int:
    import torch

    torch.set_num_threads(1)  # a shared 2-core box: one intra-op thread per process
    from cardstream import bootstrap
    from streams.settings import Settings

    used = frozenset(k for path in args.exclude
                     for k in json.loads(path.read_text(encoding="utf-8"))["passages"])
    passages = pick(args.split, args.paragraphs, args.pages, args.seed, used, args.book,
                    args.squad)
    engine = bootstrap.card_engine(Settings.from_env())
    items = make_items(engine, passages, args.seed, args.min_cards, args.max_cards)
    rows, key_items = blind(items, args.seed)
    meta = {"split": args.split, "seed": args.seed, "paragraphs": args.paragraphs,
            "pages": args.pages, "book": args.book, "squad": args.squad,
            "cards_per_text": [args.min_cards, args.max_cards],
            "engine": getattr(engine, "name", type(engine).__name__), "commit": commit(),
            "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "passages": [p.key for p in passages]}
    write_packet(rows, key_items, args.out, args.key, meta)
    origins = [v["origin"] for v in key_items.values()]
    print(f"{len(rows)} items ({origins.count('cardstream')} cardstream, "
          f"{origins.count('human')} human) on {len(passages)} passages → {args.out}/packet.md; "
          f"key → {args.key}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    keys = [json.loads(path.read_text(encoding="utf-8")) for path in args.sources]
    first = keys[0]
    known = (splits.squad(first["split"], splits.SQUADS[first.get("squad", "subset")])
             + splits.textbook(first["split"], book=first.get("book", "ap2e")))
    passages = {p.key: p for p in known}
    names = args.names.split(",")
    items = merge(keys, names, passages)
    rows, key_items = blind(items, args.seed)
    meta = {**{f: first[f] for f in ("split", "paragraphs", "pages", "book", "squad")
               if f in first},
            "seed": args.seed, "merged": [{"name": n, "key": str(p), "commit": k.get("commit")}
                                          for n, p, k in zip(names, args.sources, keys,
                                                             strict=True)],
            "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "passages": first["passages"]}
    write_packet(rows, key_items, args.out, args.key, meta)
    counts = {n: sum(n in v.get("engines", ()) for v in key_items.values()) for n in names}
    shared = sum(len(v.get("engines", ())) > 1 for v in key_items.values())
    print(f"{len(rows)} items on {len(first['passages'])} passages: cards per engine {counts}, "
          f"{shared} made alike by several → {args.out}/packet.md; key → {args.key}")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    key = json.loads(args.key.read_text(encoding="utf-8"))
    stems = [path.stem for path in args.ratings]
    if len(set(stems)) < len(stems):
        # a reviewer is named by the file's stem: two "reviewer.jsonl" would silently count once
        raise SystemExit(f"two ratings files share a name ({', '.join(sorted(stems))}); give "
                         "each reviewer's file its own name")
    ratings = {path.stem: review_score.read_ratings(path, key["items"], DEFECT_TAGS)
               for path in args.ratings}
    items = key["items"]
    if args.engine:  # one engine's cards of a merged review (and the same human questions)
        items = engine_view(items, args.engine)
        ratings = {who: {i: r for i, r in rs.items() if i in items}
                   for who, rs in ratings.items()}
    report = review_score.score(items, ratings, DISTRACTOR_TAGS, seed=args.seed)
    print(review_score.format_report(report, key))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    b = sub.add_parser("build", help="make a blind review packet and its sealed key")
    b.add_argument("--split", choices=splits.SPLITS, default="test")
    b.add_argument("--paragraphs", type=int, default=15, help="SQuAD paragraphs (with humans)")
    b.add_argument("--pages", type=int, default=4, help="textbook pages (cardstream only)")
    b.add_argument("--book", choices=sorted(splits.BOOKS), default="ap2e",
                   help="which textbook the pages come from (all but ap2e are held out whole; "
                        "philo, added in session 20, is unused by earlier reviews)")
    b.add_argument("--squad", choices=sorted(splits.SQUADS), default="subset",
                   help="which SQuAD paragraphs: the shared subset, or the articles held out "
                        "whole (heldout, and heldout2 added in session 20: every paragraph "
                        "is test)")
    b.add_argument("--seed", type=int, default=9)
    b.add_argument("--min-cards", type=int, default=6)
    b.add_argument("--max-cards", type=int, default=10)
    b.add_argument("--out", type=Path, required=True, help="the packet folder for reviewers")
    b.add_argument("--key", type=Path, required=True, help="the sealed key file (not for them)")
    b.add_argument("--exclude", type=Path, action="append", default=[], metavar="KEY",
                   help="skip the passages of an earlier packet (its key): a reviewer who sees "
                        "a passage twice would spot the human questions, which recur")
    b.set_defaults(func=cmd_build)
    m = sub.add_parser("merge", help="one packet with the cards of several packets on the same "
                                     "passages (engines side by side, rated in one sitting)")
    m.add_argument("--from", dest="sources", type=Path, action="append", required=True,
                   metavar="KEY", help="a packet's sealed key (two or more)")
    m.add_argument("--names", required=True, help="a name per key, comma-separated: before,after")
    m.add_argument("--seed", type=int, default=9)
    m.add_argument("--out", type=Path, required=True, help="the packet folder for reviewers")
    m.add_argument("--key", type=Path, required=True, help="the sealed key file (not for them)")
    m.set_defaults(func=cmd_merge)
    s = sub.add_parser("score", help="kept share and usefulness from filled ratings files")
    s.add_argument("--key", type=Path, required=True)
    s.add_argument("--seed", type=int, default=9, help="bootstrap seed")
    s.add_argument("--json", type=Path, help="also write the report as JSON here")
    s.add_argument("--engine", help="in a merged review, score this engine's cards only")
    s.add_argument("ratings", type=Path, nargs="+", help="one ratings.jsonl per reviewer")
    s.set_defaults(func=cmd_score)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except review_score.RatingsError as exc:
        print(f"card_review {args.verb}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
