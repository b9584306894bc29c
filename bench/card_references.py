"""What the unresolved-reference rules (agents/generation/definites.references) would do to the
cards the seen blind reviews rated: per rule and card type, how many reviewer-kept and
reviewer-rejected cards each removes or repairs.

    .venv/bin/python -m bench.card_references [--show] [--explored]

Reads every rated cardstream card of the DEV reviews and of the seen held-out reviews
(``bench/data/card_reviews_*.jsonl``; session 12's two packets from their keys and r12a-f's
ratings), with its passage's text and title through ``bench.splits`` (DEV passages and
``seen()`` only; the title as reviewers see it and the engine is given it,
``card_review.shown_title``). A card is *kept* when most of its reviewers kept it. The
card's sentence and the ones before it are parsed as the engine parses them
(``text.usable_sentences``, one sentence per ``nlp`` call); a card made from a clause of a
longer sentence is parsed alone with that sentence as its ``whole``. A rule *removes* a card
whose text shows a reference it cannot name, and *repairs* one whose reference it names.

Only served cards are counted unless ``--explored``: then the cards of each review's
exploration share (made by the engine but not served, rated blind like the rest; flagged
``"explore": true``) are read too and reported in a table of their own, so a rule's effect on
a card that never reached a deck shows without moving the served counts.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spacy.tokens import Span

from bench import keep_data, splits
from bench.card_review import EXPLORE

DATA = Path(__file__).resolve().parent / "data"
# the merged packets of sessions 12 on and their reviewers (keep_data.SEEN owns the table)
_S12 = {k: v for k, v in keep_data.SEEN.items()
        if k.endswith("-both") and int(k[1:].split("-")[0].rstrip("bc")) >= 12}


def rated_rows() -> list[dict]:
    """Every line of every keep-model training file (``card_reviews_*.jsonl``), as written."""
    return [json.loads(line) for path in sorted(DATA.glob("card_reviews_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]


def rated_cards(explored: bool = False) -> list[dict]:
    """Every rated served cardstream card: {'card', 'passage', 'keep', 'context', 'explore'}
    (keep None on a tie); with ``explored`` the rated cards of the exploration share too
    (made, not served: ``'explore'`` True)."""
    out = []
    for path in sorted(DATA.glob("card_reviews_*.jsonl")):
        if path.stem.removeprefix("card_reviews_") + "-both" in _S12:
            continue  # read from its packet below, with every reviewer's vote
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("explore") and not explored:
                continue
            out.append({"card": row["card"], "passage": row["passage"], "keep": row["keep"],
                        "context": "missing-context" in (row.get("defects") or []),
                        "explore": bool(row.get("explore"))})
    for packet, raters in _S12.items():
        key = json.loads((DATA / "reviews" / f"{packet}.key.json").read_text(encoding="utf-8"))
        votes: dict[str, list[bool]] = {}
        tagged: Counter[str] = Counter()
        for rater in raters:
            for line in (DATA / "reviews" / f"{rater}.jsonl").read_text().splitlines():
                r = json.loads(line)
                votes.setdefault(r["item"], []).append(bool(r["keep"]))
                tagged[r["item"]] += "missing-context" in r.get("tags", [])
        origins = ("cardstream", EXPLORE) if explored else ("cardstream",)
        for item, entry in key["items"].items():
            if entry.get("origin") not in origins or item not in votes:
                continue
            v = votes[item]
            out.append({"card": entry["card"], "passage": entry["passage"],
                        "keep": sum(v) * 2 > len(v), "context": tagged[item] * 2 > len(v),
                        "explore": entry["origin"] == EXPLORE})
    return out


def passages() -> dict[str, str]:
    return {p.key: p.text for p in _passages()}


def titles() -> dict[str, str | None]:
    """Each passage's title as the engine is given it (``card_review.shown_title``)."""
    from bench.card_review import shown_title

    return {p.key: shown_title(p) for p in _passages()}


def _passages() -> list[splits.Passage]:
    """The DEV passages and the seen ones (a seen key's text wins)."""
    return [*splits.squad("dev"), *splits.textbook("dev"), *(p for p, _ in splits.seen())]


def body(card: dict) -> str:
    q = card["question"]
    for prefix in ("True or false: ",):
        q = q.removeprefix(prefix)
    return q.replace("_____", card["answer"]) if card["type"] in ("cloze", "mcq") else q


def other_rules(card: dict, sent: Span, whole: Span | None) -> list[str]:
    """The claim and blank rules that remove a card (claims.py, blanks.py), read from the
    card and its parsed sentence the way the engine reads them."""
    import re

    from agents.generation import claims, nonfact

    out = []
    for span in (sent, whole):
        rule = nonfact.no_fact(span) if span is not None else None
        if rule is not None:
            out.append(f"nonfact:{rule}")
            break
    if nonfact.run_together(sent):  # the sentence's own cards, or a clause that shows it
        out.append("nonfact:run_together")
    if whole is not None and claims.attributed(sent, whole):
        out.append("attributed")
    if whole is not None and claims.merged(sent, whole):
        out.append("merged")
    if whole is not None and claims.dangling(sent):
        out.append("dangling")
    if whole is not None and claims.cuts_alternatives(sent, whole):
        out.append("alternatives")
    if whole is not None and claims.dated_subject(sent, whole):
        out.append("dated_subject")
    if card["type"] == "tf" and card["answer"] == "False" and claims.collapsed(
            sent.text, card["question"]):
        out.append("collapsed")
    if card["type"] in ("cloze", "mcq") and "_____" in card["question"]:
        at = card["question"].find("_____")
        before = card["question"][:at].split()[-1:] or [""]
        owner = re.match(r"^(.*?)(['’]s)\b", card["answer"])
        if owner and " " in card["answer"].strip() and (
                owner.group(1).split()[-1:][0][:1].islower() or before[0].lower() in (
                "a", "an", "the")):
            out.append("possessive")
    if card["type"] == "tf" and card["answer"] == "False" and re.search(r"\d", card["question"]):
        statement = card["question"].removeprefix("True or false: ").split()
        source = [t for t in sent if not t.is_punct]
        gone = [t for t in source if t.text not in statement]
        new = [w for w in statement if w.strip(".,") not in {t.text for t in sent}]
        if gone and new and claims.still_true(sent, gone[0].i, " ".join(t.text for t in gone),
                                              " ".join(new)):
            out.append("still_true")
    return out


def main() -> None:
    from agents.generation import definites, scope
    from agents.generation.nlp import pipeline
    from agents.generation.parsed import _MCQ_SCOPES, _QA_SCOPES
    from agents.generation.text import usable_sentences

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print each card a rule fires on")
    parser.add_argument("--explored", action="store_true",
                        help="also read the rated explored cards (made, not served), reported "
                        "in a table of their own")
    args = parser.parse_args()
    nlp = pipeline("en")
    assert nlp is not None
    texts, named = passages(), titles()
    parsed: dict[str, list[Span]] = {}
    heads: dict[str, Span | None] = {}  # each passage's title, parsed
    # one set of counts per group: served cards, and with --explored the explored ones
    groups = ("served", "explored") if args.explored else ("served",)
    tables: dict[str, Counter[tuple[str, str, str, str]]] = {g: Counter() for g in groups}
    all_totals: dict[str, Counter[tuple[str, str]]] = {g: Counter() for g in groups}
    skips: Counter[str] = Counter()
    contexts: dict[str, Counter[tuple[str, bool]]] = {g: Counter() for g in groups}
    for row in rated_cards(explored=args.explored):
        card, keep = row["card"], row["keep"]
        group = "explored" if row.get("explore") else "served"
        table, totals, context = tables[group], all_totals[group], contexts[group]
        mark = "" if group == "served" else f"[{group}] "  # --show: which table a line is in
        if keep is None or card.get("language", "en") != "en" or row["passage"] not in texts:
            skips[group] += 1
            continue
        verdict = "kept" if keep else "rejected"
        totals[(card["type"], verdict)] += 1
        if row["passage"] not in parsed:
            lines = [s.text for s in usable_sentences(texts[row["passage"]])]
            parsed[row["passage"]] = [d[:] for d in nlp.pipe(lines)]
            title = named.get(row["passage"])
            heads[row["passage"]] = nlp(title)[:] if title else None
        sents = parsed[row["passage"]]
        source = card.get("source_sentence") or ""
        at = next((i for i, s in enumerate(sents) if s.text == source), None)
        whole: Span | None = None
        if at is None:
            low = source.lower().rstrip(". ")
            # a sentence holding both ends of the clause, else one holding either ('the head
            # of the executive' opens two sentences of one page)
            at = next((i for i, s in enumerate(sents) if low[:20] in s.text.lower()
                       and low[-20:] in s.text.lower()), None)
            if at is None:
                at = next((i for i, s in enumerate(sents) if low[:20] in s.text.lower()
                           or low[-20:] in s.text.lower()), None)
            if at is None:
                skips[group] += 1
                continue
            whole, sent = sents[at], nlp(source)[:]
        else:
            sent = sents[at]
        refs = definites.references(sent, sents[:at], whole, heads[row["passage"]])
        text, fired = definites.unresolved(body(card), refs)
        cues = scope.scopes(sent, sents[:at])
        if card["type"] in ("qa", "mcq"):  # questions are held to some rules alone (parsed.py)
            held = _QA_SCOPES if card["type"] == "qa" else _MCQ_SCOPES
            cues = [c for c in cues if c.rule in held]
        frame = scope.framing(sent, sents[:at], whole) if card["type"] in ("tf", "cloze") \
            else None
        if card["type"] in ("qa", "mcq") and scope.asks_in_frame(
                body(card), scope.framing(sent, sents[:at], whole)):  # not reworded (parsed.py)
            table[("scope:framing", card["type"], "removes", verdict)] += 1
            if args.show:
                print(mark + f"scope:framing removes {verdict:8} {card['type']:5} | "
                      f"{body(card)}")
        if frame is not None:
            scoped = scope.in_frame(body(card), frame, shown=scope.shows_frame(sent, whole))
            if scoped != body(card):
                action = "removes" if scoped is None else "repairs"
                table[("scope:framing", card["type"], action, verdict)] += 1
                if args.show:
                    print(mark + f"scope:framing {action:7} {verdict:8} {card['type']:5} | "
                          f"{body(card)}" + ("" if scoped is None else f"  => {scoped}"))
        for rule in sorted({c.rule for c in cues}):
            scoped, hit = scope.unscoped(body(card), cues, frozenset([rule]))
            if hit:
                action = "removes" if scoped is None or (
                    card["type"] in ("qa", "mcq") and rule == "such") else "repairs"
                table[(f"scope:{rule}", card["type"], action, verdict)] += 1
                if args.show:
                    print(mark + f"scope:{rule:10} {action:7} {verdict:8} {card['type']:5} | "
                          f"{body(card)}" + ("" if scoped is None else f"  => {scoped}"))
        if row["context"] and not keep:
            context[(card["type"], bool(fired))] += 1
        removed = other_rules(card, sent, whole)
        fired += removed
        for rule in dict.fromkeys(fired):
            action = "removes" if text is None or rule in removed else "repairs"
            table[(rule, card["type"], action, verdict)] += 1
            if args.show:
                print(mark + f"{rule:10} {action:7} {verdict:8} {card['type']:5} | {body(card)}"
                      + ("" if text is None else f"  => {text}"))
    for group in groups:
        if group != "served":
            print(f"\n{group} cards (made by the engine, not served):")
        report(tables[group], all_totals[group], contexts[group], skips[group])


def report(table: Counter[tuple[str, str, str, str]], totals: Counter[tuple[str, str]],
           context: Counter[tuple[str, bool]], skipped: int) -> None:
    """Print one group's counts: cards read, missing-context rejects, rows per rule."""
    print(f"rated cards read: {sum(totals.values())} (skipped {skipped})")
    for ctype in ("qa", "mcq", "cloze", "tf"):
        print(f"{ctype}: rejected cards tagged missing-context by most reviewers: "
              f"{context[(ctype, True)] + context[(ctype, False)]}, a rule fires on "
              f"{context[(ctype, True)]}")
    print("rule       type   action   kept rejected  (of kept / rejected of the type)")
    for rule in sorted({k[0] for k in table}):
        for ctype in ("qa", "mcq", "cloze", "tf"):
            for action in ("removes", "repairs"):
                k, r = table[(rule, ctype, action, "kept")], table[(rule, ctype, action,
                                                                    "rejected")]
                if k or r:
                    print(f"{rule:10} {ctype:6} {action:8} {k:4} {r:8}  "
                          f"({totals[(ctype, 'kept')]} / {totals[(ctype, 'rejected')]})")


if __name__ == "__main__":
    main()
