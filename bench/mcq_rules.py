"""What each multiple-choice rule changes on the cards reviewers have already rated.

Every multiple-choice card of the seen reviews (``bench/data/card_reviews_*.jsonl`` and sessions
12's and 15's packets, read from their keys and ratings) is put back on its passage: the passage is
run through the engine as ``cardstream generate`` does, and the distractor pool
(``choices.Pool``) and parsed sentence the engine builds are kept. Each rule is then asked
whether it would have refused the card as rated (an option of another class, a number off its
own scale, a stem that names the answer's place). A rule that fires on cards reviewers
rejected, and not on those they kept, earns its place.

    .venv/bin/python -m bench.mcq_rules [--out FILE]
    .venv/bin/python -m bench.mcq_rules --classes

Prints one row per rule: the kept and rejected cards it changes, of how many rated, and how
many of them the current engine (``choices.pick``, intermediate) finds under three options for;
``--out`` writes each card's firings and those options (``now``), to diff two versions.
``--classes`` runs no engine: it prints the rated cards' kept share and distractor defects per
answer kind (the card's ``kind:`` tag; older cards without one by the answer's form) and per
where the options came from (``page``: the passage names them; ``perturbed``: a changed number
or date; ``list``: neither, a gazetteer or place list), to see which kinds reviewers keep.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import keep_data

DATA = Path(__file__).resolve().parent / "data"
# sessions 12's, 15's, 17's and 19's packets (not in card_reviews_*.jsonl): packet → its
# three reviewers
PACKETS = {"s12-both": ("r12a", "r12b", "r12c"), "s12b-both": ("r12d", "r12e", "r12f"),
       "s15-both": ("r15a", "r15b", "r15c"), "s15b-both": ("r15d", "r15e", "r15f"),
       "s17-both": ("r17a", "r17b", "r17c"), "s17b-both": ("r17d", "r17e", "r17f"),
       "s19-both": ("r19a", "r19b", "r19c"), "s19b-both": ("r19d", "r19e", "r19f"),
       "s19c-both": ("r19g", "r19h", "r19i")}


def rated() -> list[dict[str, Any]]:
    """Every rated multiple-choice card with its options and a passage to put it back on."""
    rows: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("card_reviews_*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    keep_data.SEEN.update(PACKETS)
    for packet in PACKETS:
        rows += keep_data.seen_rows(DATA / "reviews", packet)
    out, seen = [], set()
    for r in rows:
        card = r["card"]
        ident = (r["passage"], card["question"], card["answer"])
        if card["type"] != "mcq" or not card.get("choices") or r["keep"] is None \
                or ident in seen:
            continue
        seen.add(ident)
        out.append(r)
    return out


Rule = Callable[[Any, Any, Any, list[str], Any], bool]  # answer, sentence, pool, options, vectors


def _rules() -> dict[str, Rule]:
    from agents.generation import choices, distractors, gazetteer, giveaway, plausible, roles
    from agents.generation.spans import NUMERIC

    def other_class(strict: bool) -> Rule:
        def rule(answer: Any, sent: Any, pool: Any, options: list[str], vectors: Any) -> bool:
            mine = pool.classes.get(answer.text, set())
            return answer.kind not in NUMERIC and any(
                roles.clash(mine, pool.classes.get(o, set()), strict) for o in options)
        return rule

    return {
        "class: the page gives both, they differ": other_class(False),
        "class: ... or gives only one of them": other_class(True),
        "number off its own scale (1800 -> 1790)": lambda a, s, p, opts, v: a.kind in NUMERIC
        and any(not distractors.same_scale(o, a.text) for o in opts),
        "a count read as a year (1800 RPM)": lambda a, s, p, opts, v: a.kind in (
            "year", "date") and choices.counts_units(a, s),
        "stem names a place inside the answer": lambda a, s, p, opts, v: giveaway.place_inside(
            a, s, opts, v) is not None,
        "a name glued to a hyphen (Isuzu-built)": lambda a, s, p, opts, v: a.kind not in NUMERIC
        and choices.hyphenated(a, s),
        "an apostrophe left after the blank (years’)": lambda a, s, p, opts, v: choices
        .possessive(a, s),
        "the sentence states the year again (of _, 1763)": lambda a, s, p, opts, v: giveaway
        .year_shown(a, s),
        "two options name one bearer (EU, JFK twice)": lambda a, s, p, opts, v: any(
            choices.same_name(x, y) for i, x in enumerate([a.text, *opts])
            for y in [a.text, *opts][i + 1:]),
        "a state younger than the page (Taiwan, 1279)": lambda a, s, p, opts, v: a.kind
        == "place" and any(o not in p.kinds and not gazetteer.existed(o, p.period)
                           for o in opts),
        "a time not yet over (21st century)": lambda a, s, p, opts, v: any(
            not plausible.finished(o, a.text) for o in opts),
        "a time across its sentence's times": lambda a, s, p, opts, v: a.kind in plausible
        .DATED and any(not plausible.amid(o, plausible.stated_years(a, s)) for o in opts),
        "a year outside the page's time frame": lambda a, s, p, opts, v: a.kind in (
            "year", "date") and any(not plausible.framed(o, plausible.frame(
                a.text, p.times, plausible.born(a, s))) for o in opts),
        "a page year of another era (1977 for 1542)": lambda a, s, p, opts, v: a.kind in (
            "year", "date") and any(not plausible.same_era(o, a.text, p.times) for o in opts),
        "a serial in the answer (12 year 13)": lambda a, s, p, opts, v: a.kind
        in NUMERIC and choices.serial(a),
        "a part above its stated total": lambda a, s, p, opts, v: a.kind in NUMERIC
        and a.kind not in plausible.DATED and any(
            not plausible.within(o, plausible.whole(a, s)) for o in opts),
    }


def contexts(texts: dict[str, str]) -> dict[str, tuple[Any, Any, dict[tuple[str, str], Any]]]:
    """passage → (its distractor pool, its MiniLM vectors, answers by (sentence, text))."""
    import torch

    from agents.generation import build_engine, choices, parsed
    from agents.generation.prepare import prepare
    from agents.generation.types import GenerationRequest

    torch.set_num_threads(1)
    engine: Any = build_engine(None, None)
    caught: list[tuple[Any, Any, Any, Any]] = []
    real = choices.pick

    def pick(answer: Any, sent: Any, pool: Any, difficulty: str, vectors: Any,
             *a: Any, **k: Any) -> list[str]:
        caught.append((answer, sent, pool, vectors))
        return real(answer, sent, pool, difficulty, vectors, *a, **k)

    parsed.choices.pick = pick
    out = {}
    try:
        for key, text in texts.items():
            caught.clear()
            doc, centroid, _ = prepare(GenerationRequest(text, "mcq-rules"), engine.encoder)
            engine.candidates(doc, "intermediate", centroid)
            if not caught:
                continue
            found = {(s.text, a.text): (a, s) for a, s, _, _ in caught}
            out[key] = (caught[0][2], caught[-1][3], found)
    finally:
        parsed.choices.pick = real
    return out


_DATED = {"year": "date/year", "date": "date/year", "century": "date/year"}


def _kind(card: dict[str, Any]) -> str:
    tagged = [t.removeprefix("kind:") for t in card.get("tags") or [] if t.startswith("kind:")]
    if tagged:
        return _DATED.get(tagged[0], tagged[0])
    if re.search(r"\b\d{3,4}\b", card["answer"]):
        return "date/year"
    return "number" if re.search(r"\d", card["answer"]) else "untagged"


def _source(card: dict[str, Any], text: str) -> str:
    found = set()
    for option in card["choices"]:
        if option == card["answer"]:
            continue
        if option.lower() in text.lower():
            found.add("page")
        elif re.search(r"\d", option + card["answer"]):
            found.add("perturbed")
        else:
            found.add("list")
    return "+".join(sorted(found))


def classes(cards: list[dict[str, Any]]) -> None:
    """Kept share and distractor defects per answer kind and per option source, over the
    held-out reviews now seen (s6 on; DEV's reviews rated a far older engine)."""
    from bench.card_review import DISTRACTOR_TAGS

    cards = [r for r in cards if re.match(r"s\d", str(r["review"]))]
    print(f"seen rated mcq cards (s6 on): {len(cards)}, kept {sum(bool(r['keep']) for r in cards)}")
    texts = keep_data.passages({r["passage"] for r in cards})
    for title, of in (("answer kind", lambda r: _kind(r["card"])),
                      ("options from", lambda r: _source(r["card"], texts[r["passage"]]))):
        table: dict[str, Counter[str]] = {}
        for r in cards:
            row = table.setdefault(of(r), Counter())
            row["kept" if r["keep"] else "rejected"] += 1
            row["distractor defect"] += any(t in DISTRACTOR_TAGS for t in r["defects"])
        print(f"{title:20s} {'cards':>6s} {'kept':>6s} {'kept %':>7s} {'distractor defect':>18s}")
        for name, row in sorted(table.items(), key=lambda kv: -kv[1].total()):
            n = row["kept"] + row["rejected"]
            print(f"{name:20s} {n:6d} {row['kept']:6d} {100 * row['kept'] / n:6.1f}% "
                  f"{row['distractor defect']:18d}")
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="write each card's firings")
    parser.add_argument("--classes", action="store_true",
                        help="kept share per answer kind and option source (no engine run)")
    args = parser.parse_args(argv)
    from agents.generation import choices

    cards = rated()
    if args.classes:
        classes(cards)
        return 0
    ctx = contexts(keep_data.passages({r["passage"] for r in cards}))
    rules = _rules()
    table: Counter[tuple[str, bool]] = Counter()
    placed: Counter[bool] = Counter()
    lines = []
    for r in cards:
        card = r["card"]
        if r["passage"] not in ctx:
            continue
        pool, vectors, found = ctx[r["passage"]]
        hit = next((v for (sent, ans), v in found.items() if ans == card["answer"]
                    and sent.strip() in card["source_sentence"]), None)
        if hit is None:  # an older engine's answer span: the rules read it from its sentence
            continue
        answer, sent = hit
        placed[bool(r["keep"])] += 1
        options = [c for c in card["choices"] if c != card["answer"]]
        fired = [name for name, rule in rules.items() if rule(answer, sent, pool, options, vectors)]
        for name in fired:
            table[(name, bool(r["keep"]))] += 1
        now = choices.pick(answer, sent, pool, "intermediate", vectors)
        lines.append({"review": r["review"], "keep": r["keep"], "question": card["question"],
                      "answer": card["answer"], "choices": card["choices"], "fired": fired,
                      "defects": r["defects"], "now": now, "passage": r["passage"]})
    print(f"rated mcq cards: {len(cards)}; put back on their passage's parse: "
          f"{placed[True]} kept, {placed[False]} rejected")
    short = Counter(bool(x["keep"]) for x in lines if len(x["now"]) < 3)
    print(f"the current engine finds under 3 options for {short[True]} kept, "
          f"{short[False]} rejected of them")
    print(f"{'rule':48s} {'kept hit':>9s} {'rejected hit':>13s}")
    for name in rules:
        print(f"{name:48s} {table[(name, True)]:>9d} {table[(name, False)]:>13d}")
    if args.out:
        args.out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
