"""What each cloze blank rule would do to the cloze cards reviewers have already rated.

Every rated cloze card of the DEV reviews and the seen held-out reviews (read as
``bench.card_references`` reads them: ``bench/data/card_reviews_*.jsonl`` and the s12..s15b
packets' keys with every reviewer's vote) is put back on its passage: the passage's sentences
are parsed as the engine parses them, the card's blank is found in its source sentence (a
clause of a longer sentence is parsed alone), and each rule of ``RULES`` (the blank rules of
``agents/generation/blanks.py`` and ``giveaway.py``) is asked whether it refuses the blank. A
rule earns its place when it removes far more cards most reviewers rejected than cards they
kept.

    PYTHONPATH=$PWD .venv/bin/python -m bench.cloze_rules [--show RULE ...] [--before DIR]

Prints one row per rule: rated kept / rejected cloze cards it removes, of how many read, and
the cards any rule of ``blanks.poor`` removes. ``--before DIR`` (a checkout of the engine, e.g.
``git archive main agents | tar -x -C DIR``) also lists the rated cards that this checkout's
``blanks.poor`` removes and DIR's does not: what a change to the blank rules moves.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Span

from agents.generation import blanks, giveaway
from agents.generation.spans import Answer
from bench.card_references import passages, rated_cards

Rule = Callable[[Answer, Span], bool]
RULES: dict[str, Rule] = {
    "filler": blanks.filler,
    "parallel": blanks.parallel,
    "across_possessive": blanks.across_possessive,
    "shell": blanks.shell,
    "fixed": blanks.fixed,
    "cut_complement": blanks.cut_complement,
    "predicative": blanks.predicative,
    "vague": blanks.vague,
    "rhetorical": blanks.rhetorical,
    "negated": blanks.negated,
    "swallowed": blanks.swallowed,
    "broken": blanks.broken,
    "relative_time": blanks.relative_time,
    "subordinated": blanks.subordinated,
    "existential": blanks.existential,
    "repeated": blanks.repeated,
    "example_line": blanks.example_line,
    "everyday_noun": blanks.everyday_noun,
    "stock_whole": blanks.stock_whole,
    "focused": blanks.focused,
    "generic_person": blanks.generic_person,
    "formula": blanks.formula,
    "pro_form": blanks.pro_form,
    "metalinguistic": blanks.metalinguistic,
    "page_count": blanks.page_count,
    "gives_away": lambda a, s: giveaway.gives_away(a, s, None) is not None,
}


def blank_of(card: dict, sent: Span) -> Answer | None:
    """The card's blank as a token span of ``sent``: the occurrence of its answer whose
    words before it match the words before the card's blank."""
    answer, question = card["answer"], card["question"]
    before = question[: question.find("_____")].split()[-2:]
    text = sent.text
    best: Answer | None = None
    at = text.find(answer)
    while at >= 0:
        span = sent.doc.char_span(sent.start_char + at, sent.start_char + at + len(answer),
                                  alignment_mode="expand")
        if span is not None:
            found = Answer(span.start, span.end, "phrase", "NP", span.root.lemma_.lower(),
                           answer)
            ahead = text[:at].split()[-len(before):] if before else []
            if best is None or ahead == before:
                best = found
        at = text.find(answer, at + 1)
    return best


def main() -> None:
    from agents.generation.nlp import pipeline
    from agents.generation.text import usable_sentences

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", nargs="*", default=[],
                        help="print the cards these rules fire on ('all': every rule)")
    parser.add_argument("--before", type=Path, help="a checkout whose blanks.poor to compare")
    args = parser.parse_args()
    before = _poor_of(args.before) if args.before else None
    moved: Counter[str] = Counter()
    nlp = pipeline("en")
    assert nlp is not None
    texts = passages()
    parsed: dict[str, list[Span]] = {}
    table: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    skipped = 0
    for row in rated_cards():
        card, keep = row["card"], row["keep"]
        if card["type"] != "cloze" or keep is None or card.get("language", "en") != "en" \
                or row["passage"] not in texts:
            skipped += card["type"] == "cloze"
            continue
        if row["passage"] not in parsed:
            lines = [s.text for s in usable_sentences(texts[row["passage"]])]
            parsed[row["passage"]] = [d[:] for d in nlp.pipe(lines)]
        source = card.get("source_sentence") or ""
        sent = next((s for s in parsed[row["passage"]] if s.text == source), None)
        if sent is None:
            sent = nlp(source)[:]
        blank = blank_of(card, sent)
        if blank is None:
            skipped += 1
            continue
        verdict = "kept" if keep else "rejected"
        totals[verdict] += 1
        for name, rule in RULES.items():
            if rule(blank, sent):
                table[(name, verdict)] += 1
                if name in args.show or "all" in args.show:
                    print(f"{name:18} {verdict:8} | {card['question']} -> {card['answer']}")
        now = blanks.poor(blank, sent)
        table[("poor (any rule)", verdict)] += now
        if before is not None and now != before(blank, sent):
            moved[f"{'removed' if now else 'restored'} {verdict}"] += 1
            print(f"{'removed' if now else 'restored':8} {verdict:8} | {card['question']} -> "
                  f"{card['answer']}")
    print(f"rated cloze cards read: {totals['kept']} kept, {totals['rejected']} rejected "
          f"(skipped {skipped})")
    print(f"{'rule':18} {'kept':>5} {'rejected':>8}")
    for name in [*RULES, "poor (any rule)"]:
        print(f"{name:18} {table[(name, 'kept')]:5} {table[(name, 'rejected')]:8}")
    if before is not None:
        print(f"against {args.before}: removed kept {moved['removed kept']}, removed rejected "
              f"{moved['removed rejected']}; restored kept {moved['restored kept']}, restored "
              f"rejected {moved['restored rejected']}")


def _poor_of(checkout: Path) -> Rule:
    """``blanks.poor`` of another checkout of the engine, loaded from its file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "before_blanks", checkout / "agents" / "generation" / "blanks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.poor


if __name__ == "__main__":
    main()
