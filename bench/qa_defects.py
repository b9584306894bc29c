"""The question/answer defects reviewers rejected, counted on the seen passages.

Session 7's held-out review kept only 24 % of the qa cards; its reviewers' notes name the
causes. This bench counts, on the 40 passages of the two seen review keys
(``bench/data/reviews/s6-after.key.json``, ``s7-after.key.json``: ``bench.splits.seen``;
never any other held-out passage), how many of the engine's qa cards show each of them, so
that a change to the question code is measured on the same cards before and after:

    PYTHONPATH=$PWD .venv/bin/python -m bench.qa_defects                 # the review's mix
    PYTHONPATH=$PWD .venv/bin/python -m bench.qa_defects --only-qa 10    # a qa-only deck
    # the engine of another checkout, this bench: PYTHONPATH=/tmp/base:$PWD (agents/ first)

Checks (each from the card, its source passage and a spaCy parse; none reads the engine):
  stranded     words of the answer's own phrase left in the question ("What is amnesia caused
               by such as a blow to the head?" → "brain trauma"), a possessive or preposition
               left at the end ("expound his?", "What is the main use … in?") or without its
               object mid-question ("What will the therapist and client during work …?")
  what-person  "What" asks for a person the passage shows to be one (a PERSON name, a title)
  context      an unresolved pronoun, "this/these/those N", "both N", "now", "here"
  bare-head    the answer is one lowercase noun cut from its phrase ("inability" of
               "inability to transfer …")
  bad-form     "What is the reason that …", empty quotes, "How long" for no duration, "What
               is to …", no wh-word, over 20 words
  resolved     (not counted as a defect) the question names someone the source sentence
               does not: context resolution put a name there, and a wrong one is the worst
               defect, so these are listed for reading
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from bench import splits

CHECKS = ("stranded", "what-person", "context", "bare-head", "bad-form")
TITLES = frozenset(str.split(
    "general governor colonel major captain lieutenant admiral king queen emperor empress "
    "president sir lord baron marquis duke prince princess pope saint dr mr mrs ms khan "
    "professor chancellor minister commander"))
_UNRESOLVED = re.compile(
    r"\b(he|she|him|his|her|hers|they|them|their|it|its|this|these|those|both|now|here)\b",
    re.IGNORECASE)
_DURATION = re.compile(r"(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|several|many|"
                       r"a few|a|an))\s+(\w+\s+)?(years?|months?|weeks?|days?|hours?|minutes?|"
                       r"seconds?|decades?|centuries|century)\b")
_WH = re.compile(r"^(?:\w+ )?(what|which|who|whom|whose|when|where|why|how)\b", re.IGNORECASE)


def _source_sentence(doc: Any, card: dict[str, Any]) -> Any:
    src = card.get("source_sentence") or ""
    best, score = None, -1
    q_words = set(re.findall(r"\w+", (card["question"] + " " + src).lower()))
    for sent in doc.sents:
        s = len(q_words & {t.lower_ for t in sent})
        if src and src[:40] in sent.text:
            s += 1000
        if s > score:
            best, score = sent, s
    return best


def _answer_span(sent: Any, answer: str) -> Any:
    at = sent.text.lower().find(answer.lower())
    if at < 0:
        return None
    return sent.char_span(at, at + len(answer), alignment_mode="expand")


def person_evidence(doc: Any, answer: str) -> bool:
    """The passage shows the answer is a person: a PERSON name holds it, or a title precedes it."""
    words = [w for w in re.findall(r"[\w'-]+", answer) if w[:1].isupper()]
    if not words:
        return False
    names = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    if any(w in names for w in words) and not any(
            e.label_ in ("GPE", "LOC", "ORG", "FAC") and e.text == answer for e in doc.ents):
        return True
    for tok in doc:
        if tok.text == words[0] and tok.i > 0 and doc[tok.i - 1].lower_.strip(".") in TITLES:
            return True
    return False


def check(card: dict[str, Any], doc: Any, nlp: Any) -> list[str]:
    """The defect checks this card fails (CHECKS), plus 'resolved' when it names someone its
    source sentence does not."""
    q, a = card["question"], card["answer"]
    found: list[str] = []
    sent = _source_sentence(doc, card)
    span = _answer_span(sent, a) if sent is not None else None
    qlow = " " + re.sub(r"[^\w ]", " ", q.lower()) + " "
    qdoc = nlp(q)
    words = [t for t in qdoc if not t.is_punct]
    # stranded: the rest of the answer's phrase stayed behind in the question
    if span is not None and len(span):
        root = span.root
        rest = [t for t in root.subtree if t.i < span.start or t.i >= span.end]
        rest = [t for t in rest if t.dep_ not in ("det", "punct", "cc", "predet") and not (
            t.dep_ == "poss" and t.pos_ == "PRON")]
        groups: list[list[Any]] = []
        for t in rest:
            if groups and t.i == groups[-1][-1].i + 1:
                groups[-1].append(t)
            else:
                groups.append([t])
        for g in groups:
            text = " " + re.sub(r"[^\w ]", " ", " ".join(t.lower_ for t in g)) + " "
            text = re.sub(r"\s+", " ", text)
            if len([t for t in g if not t.is_punct]) >= 2 and text in re.sub(r"\s+", " ", qlow):
                found.append("stranded")
                break
    if "stranded" not in found and words:
        last = words[-1]
        if last.tag_ in ("PRP$", "DT", "WDT") or (last.pos_ == "ADP" and any(
                t.lemma_ == "be" and t.dep_ == "ROOT" for t in qdoc) and len(words) > 4):
            found.append("stranded")
        elif any(t.pos_ == "ADP" and t.dep_ == "prep" and not list(t.children)
                 for t in words[:-1]):
            found.append("stranded")  # "… client during work together?", "following by"
    if q.startswith("What ") and person_evidence(doc, a):
        found.append("what-person")
    if _UNRESOLVED.search(q):
        found.append("context")
    if re.fullmatch(r"[a-z][a-z-]+", a) and span is not None and len(span) == 1 and \
            span.root.pos_ == "NOUN" and any(c.dep_ in ("prep", "acl", "relcl", "amod", "compound")
                                             for c in span.root.children):
        found.append("bare-head")
    bad = ("the reason that" in q.lower() or re.search(r'"\s*"', q) is not None
           or (q.startswith("How long") and not _DURATION.search(a))
           or re.match(r"^\w+ (is|are|was|were) to ", q) is not None
           or not _WH.match(q) or len(words) > 20)
    if bad:
        found.append("bad-form")
    if sent is not None:
        source_words = {t.text for t in sent}
        names = [t.text for t in qdoc if t.pos_ == "PROPN" and t.i > 0 and t.text not in
                 source_words and t.text[:1].isupper()]
        if names:
            found.append("resolved")
    return found


def run(only_qa: int, out: Path | None, show: bool) -> dict[str, Any]:
    import torch

    torch.set_num_threads(1)
    from agents.generation import GenerationRequest
    from agents.generation.nlp import pipeline
    from cardstream import bootstrap
    from cardstream.output import card_json
    from streams.settings import Settings

    engine = bootstrap.card_engine(Settings.from_env())
    nlp = pipeline("en")
    rows: list[dict[str, Any]] = []
    asked = made = 0
    types: Counter[str] = Counter()
    seen = splits.seen()
    for passage, asked_here in seen:
        if only_qa:
            n, wanted = only_qa, ("qa",)
        else:
            n, wanted = asked_here, ("qa", "mcq", "cloze", "tf")
        request = GenerationRequest(passage.text, f"review-{passage.key}", n, "intermediate",
                                    wanted)
        cards = [card_json(c) for c in engine.generate(request).cards]
        asked += n
        made += len(cards)
        types.update(c["type"] for c in cards)
        doc = nlp(passage.text)
        for card in cards:
            if card["type"] != "qa":
                continue
            tags = check(card, doc, nlp)
            rows.append({"passage": passage.key, "question": card["question"],
                         "answer": card["answer"], "tags": tags})
    counts = Counter(t for r in rows for t in r["tags"])
    flawed = sum(1 for r in rows if set(r["tags"]) & set(CHECKS))
    pages = len({r["passage"] for r in rows}) or 1
    summary = {"passages": len(seen), "asked": asked, "made": made,
               "made_by_type": dict(sorted(types.items())),
               "qa_cards": len(rows), "qa_per_passage": round(len(rows) / len(seen), 2),
               "qa_with_a_defect": flawed, **{c: counts.get(c, 0) for c in (*CHECKS, "resolved")},
               "passages_with_qa": pages}
    if show:
        for r in rows:
            mark = ",".join(r["tags"]) or "-"
            print(f"[{mark}] {r['passage']} | {r['question']} -> {r['answer']}")
    print(json.dumps(summary, indent=1))
    if out is not None:
        out.write_text(json.dumps({"summary": summary, "cards": rows}, indent=1) + "\n",
                       encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--only-qa", type=int, default=0, metavar="N",
                        help="ask N qa cards per passage instead of the review's 6-10 mixed")
    parser.add_argument("--out", type=Path, default=None, help="write every qa card and its tags")
    parser.add_argument("--show", action="store_true", help="print every qa card with its tags")
    args = parser.parse_args(argv)
    run(args.only_qa, args.out, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
