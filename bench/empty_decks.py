"""Why a seen passage's deck is empty: the stage that removes its last candidate.

    .venv/bin/python -m bench.empty_decks KEY [KEY ...]

For each passage (``bench.card_defects.passages``: its title and the count its review asked,
all four types) it prints the cards the engine serves, and when it serves none:

- each sentence's first gate that stops every card of it (``sentence_gate``): a sentence that
  states no fact (nonfact.py), an invented labelled case (blanks.py), no statement at all
  (grammar.not_a_statement: a question, a list piece, no finite verb, two subjects …), one that
  opens on the sentence before (opening.py), no askable span; and, past those, what stops its
  blanks and statements (``sentence_limits``: longer than a blank or statement takes, lifted
  off the page, no standard, a render the builder refuses …);
- why each candidate it made was refused (``refusals``): a class the reviewers deleted
  (defects.unfit), leaning on the sentence before, the detectors' defects, the score threshold,
  the type's keep floor and pad, a card only the title answers or a clause cut short (titled,
  spare).

Session 23 traced the 35 seen passages empty on main with it; the table is in the branch's
commit message. Read-only: nothing here reaches the engine's output.
"""

from __future__ import annotations

import argparse
import functools
import sys
from typing import Any

from spacy.tokens import Span

from agents.generation import blanks, claims, grammar, nonfact, opening, parsed
from agents.generation.defects import defects, unfit
from agents.generation.quality import QualityScorer, Scored, leans_on_before
from agents.generation.reference import Resolver
from agents.generation.rendering import Builder
from agents.generation.rules import RuleEngine

# the longest sentence a blank (parsed._cloze) and a statement (parsed._statements) are made of
CLOZE_WORDS, STATEMENT_WORDS = 32, 30


def sentence_gate(sent: Span, resolver: Resolver) -> str:
    """The first gate that stops every card of the sentence, '' when none does."""
    if (why := nonfact.no_fact(sent)) is not None:
        return f"no fact: {why}"
    if blanks.labelled_example(sent):
        return "a labelled example"
    if why := grammar.not_a_statement(sent):
        return f"no statement: {why}"
    if why := opening.leans_back(sent, resolver.previous):
        return f"leans back: {why}"
    if not parsed.answers(sent):
        return "no askable span"
    return ""


def sentence_limits(sent: Span, resolver: Resolver) -> list[str]:
    """What stops the sentence's blanks and statements (its questions have their own shapes)."""
    words = len([t for t in sent if not t.is_punct])
    out = [f"{words} words"] if words > STATEMENT_WORDS else []
    out += [name for name in ("lifted_off", "unfinished", "quoted_in_part", "no_standard",
                              "numbered_back", "elliptical_subject")
            if getattr(claims, name)(sent)]
    if parsed._render_sentence(Builder(sent, resolver), sent, {}) is None:
        out.append("the builder renders it as None (a pronoun or 'this N' it cannot resolve, "
                   "or garbled)")
    return out


def refusals(scorer: QualityScorer, s: Scored, types: int = 4, language: str = "en"
             ) -> list[str]:
    """Why selection does not serve a scored candidate in a deck of ``types`` card types
    (empty when it may)."""
    cand, keep = s.candidate, s.quality.get("keep", 1.0)
    out = []
    if why := unfit(cand, language):
        out.append(f"unfit: {why}")
    if leans_on_before(cand):
        out.append("leans on the sentence before")
    if found := defects(cand, language):
        out.append("defects: " + ", ".join(found))
    if s.score < scorer.threshold:
        out.append(f"score {s.score:.2f} < {scorer.threshold}")
    floor = scorer.keep_floor.get(cand.type, 0.0)
    if types > 1:
        floor = max(floor, scorer.keep_pad.get(cand.type, 0.0))
    if keep < floor:
        out.append(f"P(keep) {keep:.2f} < {floor}")
    out += [flag for flag in ("titled", "spare") if getattr(cand, flag)]
    return out


@functools.cache
def _engine() -> RuleEngine:
    """The default engine, built once per process."""
    from agents.generation import build_engine

    engine = build_engine(None, None)
    assert isinstance(engine, RuleEngine)
    return engine


def trace(passage: dict[str, Any]) -> list[str]:
    """The report lines of one passage (``bench.card_defects.passages``' shape)."""
    from agents.generation import GenerationRequest
    from agents.generation.nlp import pipeline
    from agents.generation.prepare import prepare
    from bench.card_defects import CARD_TYPES

    rules = _engine()
    request = GenerationRequest(passage["text"], "trace", passage["n"], "intermediate",
                                CARD_TYPES, title=passage.get("title"))
    served = rules.generate(request).cards
    out = [f"== {passage['key']}: {len(served)} of {passage['n']} served"]
    out += [f"  served {c.type}: {c.question} -> {c.answer}" for c in served]
    if served:
        return out
    doc, centroid, _ = prepare(request, rules.encoder)
    made = rules.candidates(doc, request.difficulty, centroid)
    nlp = pipeline(doc.language)
    if nlp is not None and doc.language == "en":
        resolver = Resolver(title=nlp(doc.title)[:] if doc.title else None)
        for sentence in doc.sentences:
            sent = parsed.parse_sentences(nlp, [sentence.text])[0]  # as the engine reads it
            gate = sentence_gate(sent, resolver) or "; ".join(sentence_limits(sent, resolver))
            out.append(f"  sentence [{gate or 'passes'}] {sentence.text[:100]}")
            resolver.push(sent)
    scored = rules.scorer.score(made, request.difficulty, centroid, doc.freq,
                                dict(doc.vectors), doc.language)
    out.append(f"  {len(made)} candidates made")
    for s in sorted(scored, key=lambda s: -s.quality.get("keep", 0.0)):
        why = "; ".join(refusals(rules.scorer, s, len(CARD_TYPES), doc.language)) or "none"
        out.append(f"  refused {s.candidate.type} [{why}] {s.candidate.question[:100]} -> "
                   f"{s.candidate.answer}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("keys", nargs="+", help="seen passage keys ('squad:Warsaw:12')")
    args = parser.parse_args(argv)
    from bench.card_defects import passages

    seen = {p["key"]: p for p in passages()}
    for key in args.keys:
        print("\n".join(trace(seen[key])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
