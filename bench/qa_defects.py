"""The question/answer defects reviewers rejected, counted on the seen passages, before vs after.

Sessions 7 and 8's held-out reviews kept 24 % and 39 % of the qa cards; their reviewers' notes
name the causes. This bench counts, on the 64 passages of the seen review keys
(``bench.splits.seen``; never any other held-out passage), how many qa cards each engine
makes and how many show each defect, two engines side by side in one run:

    PYTHONPATH=$PWD .venv/bin/python -m bench.qa_defects --before /tmp/base        # review's mix
    PYTHONPATH=$PWD .venv/bin/python -m bench.qa_defects --before /tmp/base --only-qa 10
    # /tmp/base: git archive <commit> agents | tar -x -C /tmp/base (the engine to compare)

Each engine runs in a child process whose ``PYTHONPATH`` starts with its checkout; the checks
run here, on the cards, with this checkout's spaCy parse. They are written from the reviewers'
notes, not from the engine's rules (the engine's gate is ``agents/generation/grammar.py`` and
``narrow.py``), though both come from the same notes, so the counts are no independent
evidence; the blind review is.

Checks:
  stranded     words of the answer's own phrase left in the question ("What is amnesia caused
               by such as a blow to the head?" → "brain trauma"), a possessive or preposition
               left at the end ("expound his?", "What is the main use … in?") or without its
               object mid-question ("What will the therapist and client during work …?")
  echo-adverb  a sentence adverb of the source ("What did however cultural … flourish?")
  leftover     a piece the removed answer left: "such as", a preposition before "to", a
               relative "that are" after a verb, a verb of telling with no one told, "How
               many" with an ordinal or "last" or without a plural noun, a run-in sentence
  wh-type      the wh-word asks for what the answer is not: "When"/"What date" for no year
               ("early age", "December 25"), "Where" for no place ("Persian"), "How many" for
               no count, "Who" for a place or a date
  what-person  "What" asks for a person the passage shows to be one (a PERSON name, a title)
  context      an unresolved pronoun, "this/these/those N", "both N", "now", "here", a
               definite "the crisis"/"the situation" the page resolves, a possessive with no
               noun before it
  bare-head    the answer is one lowercase noun cut from its phrase ("inability" of
               "inability to transfer …")
  bad-form     "What is the reason that …", empty quotes, "How long" for no duration, "What
               is to …", "What is through …", no wh-word, no verb, over 20 words
  resolved     (not counted as a defect) the question names someone the source sentence
               does not: context resolution put a name there, and a wrong one is the worst
               defect, so these are listed for reading
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench import engine_run, splits

CHECKS = ("stranded", "echo-adverb", "leftover", "wh-type", "what-person", "context", "bare-head",
          "bad-form")
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
_SENTENCE_ADVERBS = re.compile(
    r"\b(however|moreover|furthermore|nevertheless|nonetheless|thus|therefore|hence|also|"
    r"meanwhile|consequently|additionally|even)\b", re.IGNORECASE)
_PAGE_NOUN = re.compile(
    r"\bthe (crisis|situation|war|conflict|event|period|change|process|matter|issue|case|"
    r"policy|plan|reform|movement|decision|incident|battle|group|company|government)\b"
    r"(?! (of|that|which|in|to|for)\b)", re.IGNORECASE)
_YEARISH = re.compile(r"\b\d{3,4}s?\b|\b(centur(y|ies)|decades?|BCE?|AD|CE)\b", re.IGNORECASE)
_COUNT = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|"
                    r"several|half)\b", re.IGNORECASE)
_ASKS_TIME = re.compile(r"^((by|since|until|till|before|after|from) )?(when|(in |on |during )?"
                        r"(what|which) (date|year|century|decade|day|month))\b", re.IGNORECASE)
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
    if _SENTENCE_ADVERBS.search(q):
        found.append("echo-adverb")
    if _leftover(qdoc, words):
        found.append("leftover")
    if _wh_type(q, a, doc):
        found.append("wh-type")
    if q.startswith("What ") and person_evidence(doc, a):
        found.append("what-person")
    if _UNRESOLVED.search(q) or _PAGE_NOUN.search(q) or any(
            t.tag_ == "PRP$" and not any(u.pos_ in ("NOUN", "PROPN") for u in words[: t.i])
            for t in words):
        found.append("context")
    if re.fullmatch(r"[a-z][a-z-]+", a) and span is not None and len(span) == 1 and \
            span.root.pos_ == "NOUN" and any(c.dep_ in ("prep", "acl", "relcl", "amod", "compound")
                                             for c in span.root.children):
        found.append("bare-head")
    bad = ("the reason that" in q.lower() or re.search(r'"\s*"', q) is not None
           or (q.startswith("How long") and not _DURATION.search(a))
           or re.match(r"^\w+ (is|are|was|were) to ", q) is not None
           or re.match(r"^\w+ (is|are|was|were) (through|in|on|at|by|with|from) ", q) is not None
           or not any(t.pos_ in ("VERB", "AUX") for t in words)
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


def _leftover(qdoc: Any, words: list[Any]) -> bool:
    """A piece of the source the removed answer left in the question."""
    low = [t.lower_ for t in words]
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if low[i] == "such" and low[i + 1] == "as" and (i == 0 or words[i - 1].pos_ in (
                "VERB", "AUX", "ADP")):
            return True  # 'use such as weighing scales'
        if a.pos_ == "ADP" and b.lower_ == "to" and i + 2 < len(words) and \
                words[i + 2].tag_ == "VB":
            return True  # 'resulted in to transfer'
        if a.pos_ in ("VERB", "ADP") and b.lower_ in ("that", "which") and i + 2 < len(words) \
                and words[i + 2].lemma_ == "be":
            return True  # 'quantified using that are'
        if a.lemma_ in ("tell", "inform", "warn", "remind") and b.lower_ == "that":
            return True  # 'tell that Jumonville …'
        if i > 0 and b.text in ("The", "A", "An", "This", "These"):
            return True  # a second sentence run in
    if low[:2] == ["how", "many"] and len(words) > 2:
        third = words[2]
        if low[2] in ("last", "first", "only", "remaining", "other", "third", "same") or \
                third.tag_ == "JJS" or not any(t.tag_ in ("NNS", "NNPS") for t in words[2:5]):
            return True  # 'How many last superpowers', 'How many third remained'
    return False


def _wh_type(q: str, a: str, doc: Any) -> bool:
    """The wh-word asks for something the answer is not."""
    first = q.split()[0].lower()
    if _ASKS_TIME.match(q) and not _YEARISH.search(a):
        return True
    if q.lower().startswith("how many") and not _COUNT.search(a):
        return True
    labels = {e.label_ for e in doc.ents if e.text == a or a in e.text}
    if first == "where" and labels and not labels & {"GPE", "LOC", "FAC", "ORG"}:
        return True  # 'Where were the places Marco Polo named?' → 'Persian' (NORP)
    return first in ("who", "whom") and bool(labels) and not labels & {"PERSON", "NORP", "ORG"}


def emit() -> None:
    """Child process: (key, text, n, types) as JSON on stdin → each passage's cards on stdout."""
    import torch

    torch.set_num_threads(1)
    from agents.generation import GenerationRequest, build_engine

    engine = build_engine(None, None)
    out = []
    for key, text, n, wanted in json.loads(sys.stdin.read()):
        result = engine.generate(GenerationRequest(text, f"review-{key}", n, "intermediate",
                                                   tuple(wanted)))
        out.append({"key": key, "notes": list(result.notes), "cards": [
            {"type": c.type, "question": c.question, "answer": c.answer,
             "source_sentence": c.source_sentence} for c in result.cards]})
    print(json.dumps(out))


def cards_of(root: Path, items: list[tuple[str, str, int, tuple[str, ...]]]) -> list[Any]:
    """The cards the engine checked out at ``root`` makes for each passage (a child process)."""
    here = Path(__file__).resolve().parents[1]  # for bench.splits; agents/ from root
    return list(engine_run.emit(__file__, root, items, here))


def run(only_qa: int, out: Path | None, show: bool, before: Path | None = None
        ) -> dict[str, Any]:
    from agents.generation.nlp import pipeline

    nlp = pipeline("en")
    seen = splits.seen()
    items = [(p.key, p.text, only_qa or n, ("qa",) if only_qa else ("qa", "mcq", "cloze", "tf"))
             for p, n in seen]
    texts = {p.key: p.text for p, _ in seen}
    docs = {key: nlp(text) for key, text in texts.items()}
    engines = ([("before", before)] if before else []) + [
        ("after", Path(__file__).resolve().parents[1])]
    summaries: dict[str, Any] = {}
    dump: dict[str, Any] = {}
    for name, root in engines:
        made = cards_of(root, items)
        rows: list[dict[str, Any]] = []
        types: Counter[str] = Counter()
        for passage in made:
            types.update(c["type"] for c in passage["cards"])
            for card in passage["cards"]:
                if card["type"] == "qa":
                    rows.append({"passage": passage["key"], "question": card["question"],
                                 "answer": card["answer"],
                                 "tags": check(card, docs[passage["key"]], nlp)})
        counts = Counter(t for r in rows for t in r["tags"])
        summaries[name] = {
            "passages": len(seen), "asked": sum(i[2] for i in items),
            "made": sum(types.values()), "made_by_type": dict(sorted(types.items())),
            "qa_cards": len(rows), "qa_per_passage": round(len(rows) / len(seen), 2),
            "passages_with_qa": len({r["passage"] for r in rows}),
            "qa_with_a_defect": sum(1 for r in rows if set(r["tags"]) & set(CHECKS)),
            **{c: counts.get(c, 0) for c in (*CHECKS, "resolved")}}
        dump[name] = rows
        if show:
            print(f"-- {name} ({root})")
            for r in rows:
                mark = ",".join(r["tags"]) or "-"
                print(f"[{mark}] {r['passage']} | {r['question']} -> {r['answer']}")
    keys = list(summaries[engines[-1][0]])
    print(f"{'':<18}" + "".join(f"{name:>10}" for name in summaries))
    for k in keys:
        if k != "made_by_type":
            print(f"{k:<18}" + "".join(f"{s[k]:>10}" for s in summaries.values()))
    print(json.dumps(summaries))
    if out is not None:
        out.write_text(json.dumps({"summary": summaries, "cards": dump}, indent=1) + "\n",
                       encoding="utf-8")
    return summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--only-qa", type=int, default=0, metavar="N",
                        help="ask N qa cards per passage instead of the review's 6-10 mixed")
    parser.add_argument("--out", type=Path, default=None, help="write every qa card and its tags")
    parser.add_argument("--show", action="store_true", help="print every qa card with its tags")
    parser.add_argument("--before", type=Path, default=None,
                        help="checkout of the engine to compare against, side by side")
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.emit:
        emit()
        return 0
    run(args.only_qa, args.out, args.show, args.before)
    return 0


if __name__ == "__main__":
    if "--emit" in sys.argv:  # run by path in a child: the engine's checkout comes first
        sys.path.insert(0, os.environ.get("PYTHONPATH", "").split(os.pathsep)[0])
    raise SystemExit(main())
