"""What ``agents/generation/boundaries.whole`` does to the answers reviewers already rated.

Every rated cloze, qa and mcq card of the DEV reviews and the seen held-out reviews
(``bench/data/card_reviews_*.jsonl``, with the reviewers' tags) is put back on its source
sentence, parsed as the engine parses it; its answer is found there (a cloze's blank by the
words before it, a qa or mcq
answer by its text) and ``whole`` is asked for it. Counted per rating (kept / rejected by most
reviewers) and for the cards reviewers tagged "cut-boundary": answers it *grows* to the whole
name or label they cut ("Van Gend" → the case name, "Stage" → "Stage 2") and answers it
*refuses* (the whole is too long to ask).

    PYTHONPATH=$PWD .venv/bin/python -m bench.cut_boundary [--show]
"""

from __future__ import annotations

import argparse
from collections import Counter

from agents.generation import boundaries
from agents.generation.spans import locate
from bench.card_references import passages, rated_rows
from bench.cloze_rules import blank_of


def main() -> None:
    from agents.generation.nlp import pipeline

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print every card it moves")
    args = parser.parse_args()
    nlp = pipeline("en")
    assert nlp is not None
    texts = passages()
    table: Counter[tuple[str, str]] = Counter()
    for row in rated_rows():
        card, keep = row["card"], row["keep"]
        source = card.get("source_sentence") or ""
        if card["type"] not in ("cloze", "qa", "mcq") or keep is None or not source \
                or card.get("language", "en") != "en" or row["passage"] not in texts:
            continue
        sent = nlp(source)[:]
        found = blank_of(card, sent) if card["type"] == "cloze" and "_____" in card[
            "question"] else locate(sent, card["answer"])
        if found is None:
            continue
        span = found.span(sent)
        verdict = "kept" if keep else "rejected"
        tagged = "cut-boundary" in (row.get("defects") or [])
        grown = boundaries.whole(span)
        move = "refused" if grown is None else "grown" if grown != span else "same"
        table[(verdict, move)] += 1
        if tagged:
            table[("cut-boundary", move)] += 1
        if move != "same" and args.show:
            print(f"{move:7} {verdict:8} {'CUT ' if tagged else '':4}{card['type']:5} | "
                  f"{card['question'][:110]} -> {card['answer']}"
                  f"{' => ' + grown.text if grown is not None else ''}")
    print(f"{'rating':13} {'read':>5} {'grown':>5} {'refused':>7}")
    for verdict in ("kept", "rejected", "cut-boundary"):
        n = sum(v for (k, _), v in table.items() if k == verdict)
        print(f"{verdict:13} {n:5} {table[(verdict, 'grown')]:5} {table[(verdict, 'refused')]:7}")


if __name__ == "__main__":
    main()
