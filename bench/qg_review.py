"""Blind review of answer-aware questions: would a student keep this card for the answer
they highlighted? People's questions, the rules' and the learned writer's, side by side.

BLEU and ROUGE (bench/question_generation.py) count words shared with one person's question;
they cannot see a question that asks for the wrong thing or does not read. Here reviewers see,
for each highlighted answer of a SQuAD paragraph no packet has used, three questions shuffled
among all the packet's items with their origin hidden, and rate each against a fixed rubric.
The three are people's, the rules' and either the learned writer's (``--writer DIR``) or an
earlier engine's rules (``--before CHECKOUT``: a copy of an earlier commit, run in its own
folder), so that a change to the rules is judged before and after on the same answers:

- keep: would a student keep this card (question, and the highlighted text as its answer)?
- correct: does the question ask for exactly the highlighted answer, given the paragraph?
- grammatical: is it a well-formed English question?
- score: usefulness 1-5; defects: tags from RUBRIC.

    .venv/bin/python -m bench.qg_review build (--writer DIR | --before CHECKOUT) --answers 30 \
        --seed S [--exclude KEY ...] --out PACKET_DIR --key KEY
    .venv/bin/python -m bench.qg_review score --key KEY RATINGS.jsonl [...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

from bench import splits

SYSTEMS = ("human", "rules", "writer", "before")
DEFECTS = ("ungrammatical", "wrong answer", "vague", "missing context", "trivial",
           "gives answer away", "echo of the sentence", "misspelt")
RUBRIC = f"""# Answer-aware question review

Each item is a paragraph, a highlighted answer from it, and one question. A student who
highlighted that answer gets a flashcard: the question on the front, the highlighted text on
the back. Rate every item on its own; items come in no order and from different writers.

Write one JSON line per item to your ratings file:
{{"id": "<item id>", "keep": true|false, "correct": true|false, "grammatical": true|false,
 "score": 1-5, "defects": [...], "note": "a few words"}}

- keep: would a demanding student keep this card as it is?
- correct: does the question, read with the paragraph, ask for exactly the highlighted answer?
- grammatical: is it a well-formed English question (spelling included)?
- score: usefulness for studying, 1 (useless) to 5 (excellent)
- defects (any that apply): {", ".join(DEFECTS)}
"""


_EARLIER = """import json, os, sys
import agents
from agents.generation.answer_aware import cards_for_answers
if not os.path.abspath(agents.__file__).startswith(os.getcwd() + os.sep):
    sys.exit(f"no engine in {os.getcwd()}: agents came from {agents.__file__}")
pairs = json.load(sys.stdin)
print(json.dumps([cards_for_answers(text, [answer])[0].question for text, answer in pairs]))
"""


def earlier_questions(checkout: Path, pairs: list[tuple[str, str]]) -> list[str]:
    """The rules' question for each (text, answer) by the engine of another checkout: run in
    that folder, so that its own ``agents`` package is the one imported (an installed one found
    instead is an error)."""
    done = subprocess.run([sys.executable, "-c", _EARLIER], cwd=checkout, check=True,
                          input=json.dumps(pairs), capture_output=True, text=True)
    return list(json.loads(done.stdout.splitlines()[-1]))


def build(third: tuple[str, str], answers: int, seed: int, exclude: frozenset[str], squad: str,
          changed: bool = False) -> tuple[list[dict], dict]:
    """Items (shown) and the key (who wrote each), for ``answers`` answers: the first question
    of each of that many paragraphs drawn with ``seed`` from the ones no key names. ``third``
    is ("writer", its folder) or ("before", an earlier checkout). ``changed``: only answers
    whose two machine questions differ, the first ``answers`` of the seeded order of the whole
    pool (the key counts how many of the pool differ), so that every rating compares them."""
    from agents.generation.answer_aware import cards_for_answers
    from agents.generation.writer import load

    system3, where = third
    writer = load(where) if system3 == "writer" else None
    pool = [p for p in splits.squad("test", splits.SQUADS[squad])
            if p.key not in exclude and p.questions]
    chosen = random.Random(seed).sample(pool, len(pool) if changed else answers)
    pairs = [(p.text, p.questions[0][1]) for p in chosen]
    if system3 == "before":
        thirds = earlier_questions(Path(where), pairs)
    else:
        thirds = [cards_for_answers(t, [a], writer=writer)[0].question for t, a in pairs]
    ours = [cards_for_answers(t, [a])[0].question for t, a in pairs]
    drawn = list(zip(chosen, pairs, ours, thirds, strict=True))
    differ = sum(q != other for _, _, q, other in drawn)
    if changed:
        drawn = [d for d in drawn if d[2] != d[3]][:answers]
        chosen = [d[0] for d in drawn]
    items, key = [], {}
    for passage, (text, answer), question, other in drawn:
        made = {"human": passage.questions[0][0], "rules": question, system3: other}
        for system, asked in made.items():
            item_id = hashlib.sha256(f"{seed}:{passage.key}:{system}".encode()).hexdigest()[:10]
            items.append({"id": item_id, "paragraph": text, "answer": answer,
                          "question": asked})
            key[item_id] = {"system": system, "passage": passage.key,
                            "same_as": [s for s, q in made.items() if q == asked]}
    random.Random(seed + 1).shuffle(items)
    meta = {"squad": squad, "answers": len(chosen), "seed": seed, system3: where,
            "changed_only": changed, "drawn": len(pairs),
            "differ": differ, "passages": [p.key for p in chosen], "items": key}
    if writer is not None:
        meta["writer_trained"] = writer.about.get("trained", {})
    return items, meta


def score(key: dict, ratings: list[dict], where: str = "all") -> dict[str, dict[str, float]]:
    """Per system: items rated, kept, correct and grammatical shares, mean score. ``where``
    "differs" counts only answers whose third question (the writer's, or the earlier rules')
    is not the rules' own, "same" only those where the two are one question."""
    out: dict[str, dict[str, float]] = {}
    own = {v.get("passage") for v in key["items"].values()
           if v["system"] in ("writer", "before") and "rules" not in v.get("same_as", [])}
    for system in SYSTEMS:
        rows = [r for r in ratings if key["items"].get(r["id"], {}).get("system") == system
                and (where == "all" or (key["items"][r["id"]].get("passage") in own)
                     == (where == "differs"))]
        if not rows:
            continue
        n = len(rows)
        out[system] = {"rated": n,
                       "kept": sum(bool(r["keep"]) for r in rows) / n,
                       "correct": sum(bool(r["correct"]) for r in rows) / n,
                       "grammatical": sum(bool(r["grammatical"]) for r in rows) / n,
                       "score": sum(float(r["score"]) for r in rows) / n}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    b = verbs.add_parser("build", help="write a packet and its key")
    third = b.add_mutually_exclusive_group(required=True)
    third.add_argument("--writer", help="the question writer's folder")
    third.add_argument("--before", help="a checkout of an earlier engine, to review its rules "
                       "beside this one's")
    b.add_argument("--changed", action="store_true",
                   help="only answers whose two machine questions differ")
    b.add_argument("--answers", type=int, default=30)
    b.add_argument("--seed", type=int, required=True)
    b.add_argument("--squad", choices=sorted(splits.SQUADS), default="heldout2")
    b.add_argument("--exclude", type=Path, action="append", default=[], metavar="KEY",
                   help="a key whose passages are not drawn again (repeatable)")
    b.add_argument("--out", type=Path, required=True, help="the packet folder")
    b.add_argument("--key", type=Path, required=True)
    s = verbs.add_parser("score", help="kept, correct, grammatical and mean score per system")
    s.add_argument("--key", type=Path, required=True)
    s.add_argument("ratings", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.verb == "build":
        used = splits.reviewed(args.exclude)
        third = ("writer", args.writer) if args.writer else ("before", args.before)
        items, meta = build(third, args.answers, args.seed, used, args.squad, args.changed)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "RUBRIC.md").write_text(RUBRIC, encoding="utf-8")
        (args.out / "items.jsonl").write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        args.key.write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"{len(items)} items from {meta['answers']} answers → {args.out}; key {args.key}; "
              f"the two machine questions differ for {meta['differ']} of {meta['drawn']} drawn")
        return 0
    key = json.loads(args.key.read_text(encoding="utf-8"))
    print(f"{'system':8s} {'rated':>5s} {'kept':>6s} {'correct':>8s} {'grammar':>8s} "
          f"{'score':>6s}")
    pooled = []
    for path in args.ratings:
        ratings = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        pooled += ratings
        for system, row in score(key, ratings).items():
            print(f"{system:8s} {row['rated']:5.0f} {row['kept']:6.0%} {row['correct']:8.0%} "
                  f"{row['grammatical']:8.0%} {row['score']:6.2f}   ({path.name})")
    for where in ("all", "differs", "same"):
        for system, row in score(key, pooled, where).items():
            print(f"{system:8s} {row['rated']:5.0f} {row['kept']:6.1%} {row['correct']:8.1%} "
                  f"{row['grammatical']:8.1%} {row['score']:6.2f}   (every reviewer; answers: "
                  f"{where})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
