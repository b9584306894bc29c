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

    # an A/B on SEEN passages (not a held-out review): the passages named in a JSON list,
    # each a passage key ("squad:Normans:3", "openstax:psy:m00012") or a rated item of a seen
    # review's key ({"review": "s31c-both", "item": "c76746"}); a held-out one is refused
    .venv/bin/python -m bench.card_review build --passages sel.json --seed 3131 \\
        --out review/ab --key review/keys/ab.key.json

What ``build`` writes to ``--out`` (give this folder to reviewers):
  packet.md       the rubric, then each passage (its title, then its text) followed by its
                  items (read this)
  packet.jsonl    the same items, one JSON object a line (item, passage, title, passage_text,
                  type, question, answer, choices)
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

Exploration (``build --explore N``, declared in the key's ``explore``): the keep model learns
only from what reviewers rate, and they rate only what selection serves, so a form scored
under its bar (a 'Who' question, a name-swapped false statement) is never rated and its weight
never moves. With ``--explore N`` each passage also gets up to N cards the engine made and
scored but did not serve (``RuleEngine.scored``, read-only; ``explore_items`` says which),
forms the packet's decks serve least first. They look like every other item (same fields,
ids and places drawn at random; every other item keeps the id and place it has without them:
the packet less them is byte for byte the packet built without ``--explore``). The key marks
them ``"origin": "explore"`` with their form and P(keep); ``score`` reports them in a block
of their own (kept share per form, Wilson 95 % intervals, beside the P(keep) the engine gave
them and the served cards of the same form) and leaves them out of every other number;
``merge`` carries the mark (a card one engine explored and another served is one item, served,
``explored_by`` the first); ``bench.keep_data`` writes them as training rows flagged
``"explore": true`` (``bench.keep_model --drop-explore`` leaves them out).

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
import re
import subprocess
import sys
from collections import Counter
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
PACKET_FIELDS = ("item", "passage", "title", "passage_text", "type", "question", "answer",
                 "choices")
# the origin, in the sealed key, of a card of the declared exploration share (build --explore):
# a card the engine made but did not serve. Scored apart (review_score), never in the engine's
# numbers; keep_data writes it as a training row flagged "explore"
EXPLORE = "explore"
_WH = ("how many", "how much", "how long", "how old", "how far", "who", "whom", "whose",
       "what", "which", "when", "where", "why", "how")
_NUMERIC_KINDS = ("year", "date", "century", "number", "quantity", "money", "percent", "time",
                  "duration")


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


def chosen(path: Path) -> list[Passage]:
    """The passages a ``--passages`` file names, in its order, each once: a JSON list whose
    entries are passage keys (``Passage.key``) or ``{"review", "item"}`` refs, an item of a
    seen review's key file in bench/data/reviews (as ``card_reviews_*.jsonl`` rows name their
    cards: ``"review": "s31c-both"``). Only seen passages (``splits.seen_passages``: DEV and
    the SEEN_REVIEWS reviews'): a packet built from a held-out one would spend it."""
    try:
        refs = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"--passages {path}: {exc}") from exc
    if not isinstance(refs, list) or not refs:
        raise SystemExit(f"--passages {path}: expected a non-empty JSON list of passage keys "
                         'or {"review", "item"} refs')
    readable = splits.seen_passages()
    keys: list[str] = []
    for ref in refs:
        key = _passage_of(ref, path)
        if key not in readable:
            raise SystemExit(f"--passages {path}: {key!r} is not a seen passage (neither DEV "
                             "nor in a SEEN_REVIEWS review); held-out passages are refused")
        if key not in keys:  # several rated items of one passage name it once
            keys.append(key)
    return [readable[key] for key in keys]


def _passage_of(ref: Any, path: Path) -> str:
    """The passage key a ``--passages`` entry names (see ``chosen``)."""
    if isinstance(ref, str):
        return ref
    if not (isinstance(ref, dict) and isinstance(ref.get("review"), str)
            and isinstance(ref.get("item"), str)):
        raise SystemExit(f"--passages {path}: {json.dumps(ref)} is neither a passage key nor "
                         'a {"review", "item"} ref')
    review, item = ref["review"], ref["item"]
    # a key file of a seen review only ("s31c-both", "s6-after"): no other file is opened
    if not re.fullmatch(r"[a-z0-9]+-[a-z]+", review) \
            or review.split("-")[0] not in splits.SEEN_REVIEWS \
            or not (splits.REVIEWS / f"{review}.key.json").exists():
        raise SystemExit(f"--passages {path}: review {review!r} is not a key of a SEEN_REVIEWS "
                         "review in bench/data/reviews; held-out passages are refused")
    entry = json.loads((splits.REVIEWS / f"{review}.key.json").read_text(
        encoding="utf-8"))["items"].get(item)
    if entry is None:
        raise SystemExit(f"--passages {path}: review {review!r} has no item {item!r}")
    return str(entry["passage"])


def _chosen_meta(passages: list[Passage], path: Path) -> dict[str, Any]:
    """The key's description of a ``--passages`` packet, in the fields ``pick``'s packets
    carry (one split, SQuAD file and book when the passages share them) and the file."""
    squads = {splits.squad_source(p.title) for p in passages if p.corpus == "squad"}
    pages = [p for p in passages if p.corpus == "textbook"]
    # "openstax:<book>:<module>" names its book; older pages' keys do not
    books = {p.key.split(":")[1] if p.key.count(":") == 2 else None for p in pages}
    book = splits.NO_BOOK if not pages else next(iter(books)) if len(books) == 1 else None
    splits_used = {p.split for p in passages}
    return {"split": splits_used.pop() if len(splits_used) == 1 else "mixed",
            "paragraphs": len(passages) - len(pages), "pages": len(pages),
            **({"book": book} if book else {}),
            **({"squad": squads.pop()} if len(squads) == 1 and None not in squads else {}),
            "passages_file": str(path)}


def make_items(engine: Any, passages: list[Passage], seed: int, min_cards: int = 6,
               max_cards: int = 10, explore: int = 0) -> list[dict[str, Any]]:
    """Cardstream's cards and the human questions for each passage, origin still attached;
    with ``explore`` also up to that many unserved cards per passage (``explore_items``)."""
    from agents.generation import GenerationRequest
    from cardstream.output import card_json

    items: list[dict[str, Any]] = []
    decks: list[tuple[Passage, Any, list[Any]]] = []
    for passage in passages:
        n = splits.cards_asked(seed, passage.key, min_cards, max_cards)
        request = GenerationRequest(passage.text, f"review-{passage.key}", n, "intermediate",
                                    CARD_TYPES, title=shown_title(passage))
        cards = engine.generate(request).cards
        for card in cards:
            items.append({"passage": passage, "origin": "cardstream", "type": card.type,
                          "question": card.question, "answer": card.answer,
                          "choices": list(card.choices), "card": card_json(card)})
        for question, answer in passage.questions:
            items.append({"passage": passage, "origin": "human", "type": "qa",
                          "question": question, "answer": answer, "choices": [], "card": None})
        decks.append((passage, request, cards))
    if explore > 0:
        items += explore_items(engine, decks, explore,
                               Counter(form(i["card"]) for i in items if i["card"]))
    return items


def form(card: dict[str, Any]) -> str:
    """What an exploration card is chosen and reported by: a question by its wh-phrase
    ('qa:who', 'qa:how many'), a false statement by how it was made ('tf:false:name', a name
    swapped for another the page puts in that slot, swaps.py; ':number' a perturbed number or
    date; ':entity' another same-kind term of the page; ':opposite'; ':negation'), a true
    statement 'tf:true', and 'mcq' and 'cloze' as they are."""
    from agents.generation.cards import NEGATION

    kind = card["type"]
    tags = set(card.get("tags") or ())
    if kind == "qa":
        words = " ".join(re.findall(r"[a-z]+", card["question"].lower())[:4])
        padded = f" {words} "
        at = [(padded.find(f" {wh} "), -len(wh), wh) for wh in _WH if f" {wh} " in padded]
        return f"qa:{min(at)[2]}" if at else "qa:other"
    if kind == "tf":
        if card["answer"] != "False":
            return "tf:true"
        for tag, name in (("tf:name", "name"), (NEGATION, "negation"),
                          ("tf:opposite", "opposite")):
            if tag in tags:
                return f"tf:false:{name}"
        numeric = any(f"kind:{k}" in tags for k in _NUMERIC_KINDS)
        return f"tf:false:{'number' if numeric else 'entity'}"
    return str(kind)


def explore_items(engine: Any, decks: list[tuple[Passage, Any, list[Any]]], per_passage: int,
                  served: Counter[str]) -> list[dict[str, Any]]:
    """The declared exploration share: per passage up to ``per_passage`` cards the engine made
    and scored but did not serve (``RuleEngine.scored``, read-only), so that the reviewers rate
    forms selection never serves and the keep model can learn them. Eligible: a candidate the
    keep model scored that passes the engine's gates the model does not set (the heuristic
    threshold, the detectors' soundness gate), the same fact as no served card nor as a card
    already picked (``is_duplicate``). Each pick takes the form with the fewest cards so far in
    this packet (served + explored: never-served forms first), and its best P(keep)."""
    from agents.generation.cards import to_card
    from cardstream.output import card_json

    if not hasattr(engine, "scored"):
        raise SystemExit(f"engine {getattr(engine, 'name', engine)!r} cannot list its unserved "
                         "candidates: --explore needs the rule engine")
    scorer = engine.scorer
    counts = Counter(served)
    out: list[dict[str, Any]] = []
    for passage, request, cards in decks:
        scored, language = engine.scored(request)
        given = {(c.type, c.question, c.answer, tuple(c.choices)) for c in cards}

        def same(s: Any) -> tuple[Any, ...]:
            c = s.candidate
            return (c.type, c.question, c.answer, tuple(c.choices))

        taken = [s for s in scored if same(s) in given]
        pool = [(s, card_json(to_card(s.candidate, request.upload_id, request.difficulty,
                                      language, s.rank, s.quality)))
                for s in scored if same(s) not in given and "keep" in s.quality
                and s.score >= scorer.threshold and s.quality["soundness"] > 0]
        for _ in range(per_passage):
            pool = [(s, c) for s, c in pool if not any(scorer.is_duplicate(s, t) for t in taken)]
            if not pool:
                break
            best, card = min(pool, key=lambda sc: (counts[form(sc[1])],
                                                   -sc[0].quality["keep"]))
            shape = form(card)
            out.append({"passage": passage, "origin": EXPLORE, "type": card["type"],
                        "question": card["question"], "answer": card["answer"],
                        "choices": list(card.get("choices") or []), "card": card,
                        "explore": {"form": shape, "keep": round(best.quality["keep"], 4),
                                    "served_before": served[shape]}})
            counts[shape] += 1
            taken.append(best)
    return out


def blind(items: list[dict[str, Any]], seed: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The packet rows (shuffled, anonymous) and the key entries, item id → origin.

    Exploration items are drawn apart (their own seeded stream): the other items get exactly
    the ids, passages and order they get without them, and each exploration item an id no
    other item has and a place drawn uniformly among its passage's items; a passage that has
    only such items is put at a random place among the passages."""
    base = [item for item in items if item["origin"] != EXPLORE]
    extra = [item for item in items if item["origin"] == EXPLORE]
    rng = random.Random(f"{seed}:blind")
    ids = [f"c{n:05d}" for n in rng.sample(range(100_000), len(base))]
    by_passage: dict[str, list[dict[str, Any]]] = {}
    for item in base:
        by_passage.setdefault(item["passage"].key, []).append(item)
    order = sorted(by_passage)
    rng.shuffle(order)
    groups = {passage_key: rng.shuffle(by_passage[passage_key]) or by_passage[passage_key]
              for passage_key in order}
    if extra:
        xrng = random.Random(f"{seed}:explore")
        used = {int(i[1:]) for i in ids}
        ids += [f"c{n:05d}" for n in xrng.sample(
            [n for n in range(100_000) if n not in used], len(extra))]
        for item in extra:
            passage_key = item["passage"].key
            if passage_key not in groups:
                groups[passage_key] = []
                order.insert(xrng.randint(0, len(order)), passage_key)
            group = groups[passage_key]
            group.insert(xrng.randint(0, len(group)), item)
    rows, key = [], {}
    base_ids = iter(ids[:len(base)])
    extra_ids = iter(ids[len(base):])
    for number, passage_key in enumerate(order, 1):
        for item in groups[passage_key]:
            item_id = next(extra_ids if item["origin"] == EXPLORE else base_ids)
            passage: Passage = item["passage"]
            row = {"item": item_id, "passage": f"P{number:02d}", "title": shown_title(passage),
                   "passage_text": passage.text, "type": item["type"],
                   "question": item["question"], "answer": item["answer"],
                   "choices": item["choices"]}
            rows.append(row)
            key[item_id] = {"origin": item["origin"], "type": item["type"],
                            "corpus": passage.corpus, "split": passage.split,
                            "passage": passage.key, "card": item["card"],
                            **{f: item[f] for f in ("engines", "explored_by", "explore")
                               if f in item}}
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
    # served cards first, then the exploration cards: an engine's exploration card that
    # another engine served is one item, served by that one and ``explored_by`` this one
    for origin in ("cardstream", EXPLORE):
        for name, key in zip(names, keys, strict=True):
            for entry in key["items"].values():
                card = entry["card"]
                if entry["origin"] != origin:
                    continue
                choices = list(card.get("choices") or [])
                same = (entry["passage"], card["type"], card["question"], card["answer"],
                        tuple(choices))
                if same in made and made[same]["origin"] == origin:
                    made[same]["engines"].append(name)
                elif same in made:
                    made[same].setdefault("explored_by", []).append(name)
                else:
                    made[same] = {"passage": passages[entry["passage"]], "origin": origin,
                                  "type": card["type"], "question": card["question"],
                                  "answer": card["answer"], "choices": choices, "card": card,
                                  "engines": [name]}
                    items.append(made[same])
                if origin == EXPLORE:  # each explorer's own P(keep) and form
                    made[same].setdefault("explore", {})[name] = entry.get("explore", {})
    return items


def engine_view(items: dict[str, Any], engine: str) -> dict[str, Any]:
    """The key entries one engine's packet would have had: the human questions, its cards and
    its exploration cards (one it explored that another engine served, as its exploration)."""
    known = {e for entry in items.values()
             for e in (*entry.get("engines", ()), *entry.get("explored_by", ()))}
    if engine not in known:
        raise SystemExit(f"no engine {engine!r} in this key (it has {sorted(known) or 'none'})")
    view = {}
    for item, entry in items.items():
        if entry["origin"] == "human" or engine in entry.get("engines", ()):
            view[item] = entry
        elif engine in entry.get("explored_by", ()):
            view[item] = {**entry, "origin": EXPLORE}
        else:
            continue
        if entry["origin"] != "human" and isinstance(entry.get("explore"), dict) \
                and engine in entry["explore"]:
            view[item] = {**view[item], "explore": entry["explore"][engine]}
    return view




def shown_title(passage: Passage) -> str:
    """The passage's title as its reader sees it (SQuAD's article titles write spaces as
    underscores): the document's name a user would upload it under, and what SQuAD's question
    writers saw above each paragraph. Shown to reviewers since session 22. Read as the engine
    reads a user's title (titles.clean: one rule for both)."""
    from agents.generation.titles import clean

    return clean(passage.title) or ""


def render(rows: list[dict[str, Any]]) -> str:
    """The reviewer's packet as Markdown: the rubric, then each passage and its items."""
    out = ["# Card review packet", "", "Fill in `ratings.jsonl` (one line per item id).", "",
           "## Rubric", "", "```", RUBRIC, "```", ""]
    current = None
    for row in rows:
        if row["passage"] != current:
            current = row["passage"]
            out += [f"## Passage {current}", ""]
            if row["title"]:
                out += [f"*Title: {row['title']}*", ""]
            out += [row["passage_text"], ""]
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

    if args.passages is not None:
        if args.exclude:
            raise SystemExit("--passages names the passages itself: drop --exclude")
        passages = chosen(args.passages)
        drawn = _chosen_meta(passages, args.passages)
    else:
        used = splits.reviewed(args.exclude)
        passages = pick(args.split, args.paragraphs, args.pages, args.seed, used, args.book,
                        args.squad)
        drawn = {"split": args.split, "paragraphs": args.paragraphs, "pages": args.pages,
                 "book": args.book, "squad": args.squad}
    engine = bootstrap.card_engine(Settings.from_env())
    items = make_items(engine, passages, args.seed, args.min_cards, args.max_cards,
                       args.explore)
    rows, key_items = blind(items, args.seed)
    meta = {**drawn, "seed": args.seed, "cards_per_text": [args.min_cards, args.max_cards],
            **({"explore": args.explore} if args.explore else {}),
            "engine": getattr(engine, "name", type(engine).__name__), "commit": commit(),
            "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "passages": [p.key for p in passages]}
    write_packet(rows, key_items, args.out, args.key, meta)
    origins = [v["origin"] for v in key_items.values()]
    explored = Counter(v["explore"]["form"] for v in key_items.values()
                       if v["origin"] == EXPLORE)
    print(f"{len(rows)} items ({origins.count('cardstream')} cardstream, "
          f"{origins.count('human')} human"
          + (f", {origins.count(EXPLORE)} explore: {dict(sorted(explored.items()))}"
             if args.explore else "")
          + f") on {len(passages)} passages → {args.out}/packet.md; key → {args.key}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    keys = [json.loads(path.read_text(encoding="utf-8")) for path in args.sources]
    first = keys[0]
    if "passages_file" in first:  # built with --passages: seen passages of any source
        passages = splits.seen_passages()
    else:
        known = (splits.squad(first["split"], splits.SQUADS[first.get("squad", "subset")])
                 + splits.textbook(first["split"], book=first.get("book", "ap2e")))
        passages = {p.key: p for p in known}
    names = args.names.split(",")
    items = merge(keys, names, passages)
    rows, key_items = blind(items, args.seed)
    meta = {**{f: first[f] for f in ("split", "paragraphs", "pages", "book", "squad",
                                       "passages_file")
               if f in first},
            "seed": args.seed, "merged": [{"name": n, "key": str(p), "commit": k.get("commit")}
                                          for n, p, k in zip(names, args.sources, keys,
                                                             strict=True)],
            "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "passages": first["passages"]}
    write_packet(rows, key_items, args.out, args.key, meta)
    counts = {n: sum(n in v.get("engines", ()) for v in key_items.values()
                     if v["origin"] == "cardstream") for n in names}
    shared = sum(len(v.get("engines", ())) > 1 for v in key_items.values()
                 if v["origin"] == "cardstream")
    explored = {n: sum(n in (*v.get("explored_by", ()), *(
        v.get("engines", ()) if v["origin"] == EXPLORE else ())) for v in key_items.values())
        for n in names}
    print(f"{len(rows)} items on {len(first['passages'])} passages: cards per engine {counts}, "
          f"{shared} made alike by several"
          + (f", exploration cards per engine {explored}" if any(explored.values()) else "")
          + f" → {args.out}/packet.md; key → {args.key}")
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
    report = review_score.score(items, ratings, DISTRACTOR_TAGS, seed=args.seed,
                                form=form, explore=EXPLORE)
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
                        "worldhist1, added in session 34, is unused by earlier reviews)")
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
    b.add_argument("--passages", type=Path, metavar="FILE",
                   help="build on these SEEN passages instead of a drawn sample (an A/B, not "
                        "a held-out review): a JSON list of passage keys or {\"review\", "
                        "\"item\"} refs of a seen review's key; a passage neither DEV nor in "
                        "a SEEN_REVIEWS review is refused (--split, --paragraphs, --pages, "
                        "--book and --squad do not apply)")
    b.add_argument("--explore", type=int, default=0, metavar="N",
                   help="a declared exploration share: per passage up to N cards the engine "
                        "made but did not serve, forms the decks rarely serve first; blind in "
                        "the packet, marked in the key, scored apart (never in the engine's "
                        "numbers)")
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
