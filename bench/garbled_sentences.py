"""What ``garbled.garbled`` (agents/generation/garbled.py) does to the cloze and true/false
cards reviewers have already rated.

Every rated cloze and tf card of ``bench/data/card_reviews_*.jsonl`` (DEV and the seen
reviews; a tie, ``keep: null``, is left out) has its source sentence parsed as the engine
parses it (one sentence, or a clause of one, at a time) and is asked whether its sentence, as
the card shows it, is broken text. Printed per type and per shape: rated kept / rejected cards
removed, split into those the engine's earlier sentence gates (``grammar.not_a_statement``,
``nonfact.run_together``) already refused and the new ones, and how many of the removed
rejected cards reviewers tagged 'echo' or 'other'.

    PYTHONPATH=$PWD .venv/bin/python -m bench.garbled_sentences [--show]
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench.card_references import rated_rows

_BROKEN_TAGS = frozenset({"echo", "other"})


def shown(card: dict) -> str:
    """The sentence as the card shows it, a cloze's blank filled."""
    if card["type"] == "cloze":
        return str(card["question"]).replace("_____", card["answer"])
    return str(card["question"]).removeprefix("True or false: ")


def main() -> None:
    from agents.generation import garbled, grammar, nonfact
    from agents.generation.nlp import pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every removed card")
    args = parser.parse_args()
    rows = [r for r in rated_rows()
            if r["card"]["type"] in ("cloze", "tf") and r["keep"] is not None]
    nlp = pipeline("en")
    assert nlp is not None
    sources = sorted({r["card"].get("source_sentence") or "" for r in rows})
    parsed = {s: doc[:] for s, doc in zip(sources, nlp.pipe(sources), strict=True)}
    table: Counter[tuple[str, ...]] = Counter()
    for r in rows:
        card, verdict = r["card"], "kept" if r["keep"] else "rejected"
        kind = card["type"]
        table[(kind, "read", verdict)] += 1
        sent = parsed[card.get("source_sentence") or ""]
        why = garbled.garbled(sent, shown(card))
        if not why:
            continue
        when = "before" if grammar.not_a_statement(sent) or nonfact.run_together(sent) else "new"
        tagged = bool(_BROKEN_TAGS & set(r.get("defects") or []))
        for name in (why, "any"):
            table[(kind, name, when, verdict)] += 1
        table[(kind, "any", when, verdict, "tagged")] += tagged
        if args.show:
            print(f"{kind:5} {why:9} {when:6} {verdict:8} | {card['question']} -> "
                  f"{card['answer']}")
    for kind in ("cloze", "tf"):
        print(f"{kind}: read {table[(kind, 'read', 'kept')]} kept, "
              f"{table[(kind, 'read', 'rejected')]} rejected")
        names = sorted({k[1] for k in table if k[0] == kind and len(k) == 4} - {"any"})
        for name in [*names, "any"]:
            new_kept, new_rej = (table[(kind, name, "new", v)] for v in ("kept", "rejected"))
            old_kept, old_rej = (table[(kind, name, "before", v)] for v in ("kept", "rejected"))
            print(f"  {name:9} removed new: kept {new_kept:3} rejected {new_rej:3}   "
                  f"(already refused before: kept {old_kept}, rejected {old_rej})")
        print(f"  new removed rejected tagged echo/other: "
              f"{table[(kind, 'any', 'new', 'rejected', 'tagged')]}")


if __name__ == "__main__":
    main()
