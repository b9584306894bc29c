"""What the session-7 reviewers deleted mcq, cloze and true/false cards for, counted on the 40
seen passages, for two engines side by side in one run.

    .venv/bin/python -m bench.card_defects --before /tmp/base [--show] [--json OUT]

``--before DIR`` is a checkout of the engine to compare against (``git archive <commit> | tar
-x -C DIR``); the engine under test is the one on ``PYTHONPATH``. Each engine runs in its own
process (``python bench/card_defects.py --emit``: passages on stdin, cards out), one core, the
review's request per passage: all four types, intermediate, and the card count the review drew
for it (a seeded 6–10 from the packet's seed). Passages: the 21 of session 6's and the 19 of
session 7's held-out reviews, now seen (``bench/data/reviews/s6-after.key.json``,
``s7-after.key.json``); no other held-out passage is read.

Per type it counts the delivered cards with each defect the reviewers named, with their
examples (``/work/coordination/s7_after_rated.json``):

- cloze ``trivial_blank``: a bare small count ("two" forces), a lone everyday word (zipf ≥ 3.7:
  "expedition", "counselor", "physics"), a vague modifier on a common head ("key roles", "main
  use", "various populations"); ``cut_blank``: a blank that swallows the subject of the next
  clause, whose verb then ends the sentence ("immune system mankind" has developed);
  ``deictic``: "now" unresolved; ``no_context``: two content words or fewer around the blank
  ("The _____ is usually affected." → "hippocampus"; also "a _____" → "number of books" counts
  as a trivial blank).
- tf ``bare``: a short statement with an indefinite subject and nothing to learn ("A war
  erupted in the Philippines."); ``long``: over 25 words; ``count_contradicted``: a false count
  the statement's own list refutes ("three common types of amnesia: anterograde amnesia and
  retrograde amnesia"); ``deictic``: "now", or a bare "the crisis"/"the war" the card never
  names.
- mcq ``future_year``: a year option after this year, or more than 15 years after the
  document's latest year; ``odd_form``: a numeric option whose words differ from the answer's
  ("only one" beside "five").
- session 8's (``/work/coordination/s8_rated.json``): cloze/tf ``quote_cut`` (a quotation cut
  short or emptied), cloze ``clause_blank`` ("however cultural …", "how developed …"),
  ``hyphen_half`` ("_____-French"), cloze/mcq ``long`` (over 25 words), mcq ``leaning`` (an
  "its"/"he" with no name before it).

Each engine's delivered cards are also scored by one keep model, this checkout's, so the
mean P(keep) per type compares the engines' cards, not their models.

These detectors are written from the reviewers' notes, not imported from the engine, so the
engine's own filters (``agents/generation/defects.py``) are measured, not restated. It also
prints the delivered type mix against the asked one, the fill, and CPU ms per passage.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

CARD_TYPES = ("qa", "mcq", "cloze", "tf")
_SMALL_COUNTS = frozenset(str.split(
    "one two three four five six seven eight nine ten eleven twelve"))
_VAGUE = frozenset(str.split(
    "key main various wide several many different major important certain particular other "
    "such same general whole numerous specific significant primary"))
_AUX = frozenset(str.split("has have had"))
_PLAIN = frozenset(str.split(
    "the and for with from are was were been has have had its this that these those which who "
    "his her their they she also usually often always sometimes very more most can could may "
    "might will would"))
_EVENT = ("crisis|war|expedition|conflict|revolution|battle|treaty|attack|campaign|project|"
          "study|experiment|case|session|period|movement|reform|agreement|plan|program|policy")
_BARE_EVENT = re.compile(rf"\bthe ({_EVENT})\b(?!\s+(of|in|on|at|between|against|to|over|with)"
                         r"\b)(?!\s*,)", re.IGNORECASE)
_NOW = re.compile(r"\bnow\b", re.IGNORECASE)
_APPROX = frozenset(str.split("about approximately around some nearly almost roughly over"))
# session 8's reviewers (/work/coordination/s8_rated.json): a quotation cut or emptied
# ('by promoting ".', 'a statement " "'); a blank that starts a clause or carries a discourse
# word ('however cultural and economic aspects', 'how developed and developing nation'); a
# blank that is half of a hyphenated word ('_____-French'); a stem too long for a card; a
# multiple-choice stem whose 'its'/'it'/'the son' has no name before it
_QUOTE_CUT = re.compile(r'\w\s+["”]\s*[.,;:]?\s*$|["“]\s*["”]')
_CLAUSE_WORDS = frozenset(str.split(
    "however moreover furthermore thus therefore nevertheless how what why whether which whom"))
_LEANING = re.compile(r"\b(it|its|he|his|she|her|they|their|them)\b", re.IGNORECASE)
DEFECTS = {
    "cloze": ("trivial_blank", "cut_blank", "deictic", "no_context", "quote_cut",
              "clause_blank", "hyphen_half", "long"),
    "tf": ("bare", "long", "count_contradicted", "deictic", "quote_cut"),
    "mcq": ("future_year", "odd_form", "long", "leaning"),
}


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _body(question: str) -> str:
    return re.sub(r"^(true or false|fill in the blank|complete)[:?]?\s*", "", question.strip(),
                  flags=re.IGNORECASE)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


def cloze_defects(card: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    answer, q = card["answer"].strip(), card["question"]
    words = _words(answer)
    if len(words) == 1 and (words[0] in _SMALL_COUNTS or (
            answer[:1].islower() and not words[0].isdigit() and "-" not in words[0]
            and _zipf(words[0]) >= 3.7)):  # 'self-direction' was kept (s6)
        out.add("trivial_blank")
    if len(words) >= 2 and words[0] in _VAGUE and _zipf(words[-1]) >= 4.0:
        out.add("trivial_blank")
    if len(words) >= 2 and words[1] == "of" and words[0] in ("number", "variety", "lot"):
        out.add("trivial_blank")  # 'a _____' → 'number of books'
    around = [w for w in _words(q.replace("_____", " ")) if len(w) > 2 and w not in _PLAIN]
    if len(around) <= 2:
        out.add("no_context")  # 'The _____ is usually affected.' → 'hippocampus'
    after = q.split("_____", 1)[1].split() if "_____" in q else []
    if len(words) >= 2 and len(after) == 2 and after[0].lower() in _AUX and \
            after[1].rstrip(".;").endswith(("ed", "en", "wn", "ght")):
        out.add("cut_blank")  # '… of the _____ has developed.': a relative clause's subject
    if _NOW.search(q):
        out.add("deictic")
    if _QUOTE_CUT.search(re.sub(r"_____\s+([\"”])", r"X\1", q)):  # '… into _____ ".' is whole
        out.add("quote_cut")
    if words and words[0] in _CLAUSE_WORDS:
        out.add("clause_blank")
    if re.search(r"_____-[A-Za-z]|[A-Za-z]-_____", q) and not re.search(r"\d", answer):
        out.add("hyphen_half")
    if len(q.split()) > 25:
        out.add("long")
    return out


def tf_defects(card: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    body = _body(card["question"])
    words = body.split()
    if len(words) <= 7 and re.match(r"(A|An|Some)\s+[a-z]", body) and not re.search(r"\d", body):
        out.add("bare")
    if len(words) > 25:
        out.add("long")
    if card["answer"] == "False":
        counts = "|".join(sorted(_SMALL_COUNTS))
        count = re.search(rf"\b({counts}|\d{{1,2}})\s+(\w+\s+){{0,3}}\w+\s*:", body,
                          re.IGNORECASE)
        if count:
            out.add("count_contradicted")
    if _NOW.search(body) or _BARE_EVENT.search(body):
        out.add("deictic")
    if _QUOTE_CUT.search(body):
        out.add("quote_cut")
    return out


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\b(1\d{3}|20\d{2})\b(?!\s*(?:BC|BCE))", text)]


def mcq_defects(card: dict[str, Any], text: str, this_year: int) -> set[str]:
    out: set[str] = set()
    latest = max(_years(text), default=this_year)
    answer = card["answer"]
    for option in card.get("choices") or []:
        if option == answer:
            continue
        if any(y > this_year or y > latest + 15 for y in _years(option)):
            out.add("future_year")
        if re.search(r"\d|\b(" + "|".join(sorted(_SMALL_COUNTS)) + r")\b", answer, re.IGNORECASE):
            rest = {w for w in _words(option) if not re.fullmatch(r"[\d,.]+", w)
                    and w not in _SMALL_COUNTS} - _APPROX
            mine = {w for w in _words(answer) if not re.fullmatch(r"[\d,.]+", w)
                    and w not in _SMALL_COUNTS} - _APPROX
            if rest != mine:
                out.add("odd_form")
    stem = card["question"]
    if len(stem.split()) > 25:
        out.add("long")
    lean = _LEANING.search(stem)
    if lean and not re.search(r"\b[A-Z][a-z]+", stem[1:lean.start()]) and not re.match(
            r"(Who|What|Which)\b", stem):
        out.add("leaning")
    return out


def passages() -> list[dict[str, Any]]:
    """The seen passages (bench.splits.seen()): key, text, title and the card
    count their review asked for."""
    from bench import splits
    from bench.card_review import shown_title

    return [{"key": p.key, "text": p.text, "title": shown_title(p), "n": n}
            for p, n in sorted(splits.seen(), key=lambda seen: seen[0].key)]


def emit() -> None:
    """Child process: passages as JSON on stdin → the engine's cards and CPU ms on stdout."""
    import torch

    torch.set_num_threads(1)
    from agents.generation import GenerationRequest, build_engine

    engine = build_engine(None, None)
    items = json.loads(sys.stdin.read())
    engine.generate(GenerationRequest(items[0]["text"], "warm", 6))  # first-call loading
    out = []
    for p in items:
        request = GenerationRequest(p["text"], f"review-{p['key']}", p["n"], "intermediate",
                                    CARD_TYPES, title=p.get("title"))
        started = time.process_time()
        try:
            result = engine.generate(request)
            cards, notes = result.cards, result.notes
        except Exception as exc:  # an engine error is a finding, not a crash of the bench
            cards, notes = [], [f"error: {exc}"]
        ms = 1000 * (time.process_time() - started)
        out.append({"key": p["key"], "ms": ms, "notes": notes, "cards": [
            {"type": c.type, "question": c.question, "answer": c.answer,
             "choices": list(c.choices), "keep": c.quality.get("keep"),
             "tags": list(c.tags), "source_sentence": c.source_sentence,
             "language": c.language} for c in cards]})
    print(json.dumps(out))


def run_engine(root: Path, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from bench import engine_run  # here: the --emit child imports only the engine under test

    return list(engine_run.emit(__file__, root, items))


def count(rows: list[dict[str, Any]], texts: dict[str, str], show: bool = False
          ) -> dict[str, Any]:
    this_year = datetime.date.today().year
    per: dict[str, Counter[str]] = {t: Counter() for t in CARD_TYPES}
    for row in rows:
        for card in row["cards"]:
            t = card["type"]
            per[t]["cards"] += 1
            found = (cloze_defects(card) if t == "cloze" else tf_defects(card) if t == "tf"
                     else mcq_defects(card, texts[row["key"]], this_year) if t == "mcq"
                     else set())
            for d in found:
                per[t][d] += 1
            per[t]["any_defect"] += bool(found)
            if show and found:
                print(f"  [{row['key']}] {t} {sorted(found)}: {card['question']} → "
                      f"{card['answer']} {card.get('choices') or ''}")
    ms = sorted(r["ms"] for r in rows)
    return {"per_type": {t: dict(c) for t, c in per.items()},
            "delivered": sum(len(r["cards"]) for r in rows),
            "ms_mean": sum(ms) / len(ms), "ms_median": ms[len(ms) // 2],
            "zero_card": sum(not r["cards"] for r in rows)}


def one_model(rows: list[dict[str, Any]]) -> dict[str, tuple[float, int]]:
    """Mean P(keep) per type of the delivered cards, by the keep model on PYTHONPATH (this
    checkout's) for both engines alike, each card's page cosine set to the model's neutral
    value: a card's own engine scored it with its own model, which would not compare."""
    from agents.generation import keep

    model = keep.default_model()
    out: dict[str, list[float]] = {}
    for row in rows:
        for card in row["cards"]:
            if "template" in card.get("tags", []):
                continue
            p = float(model.predict([keep.from_card(card)], card.get("language") or "en")[0])
            out.setdefault(card["type"], []).append(p)
            out.setdefault("all", []).append(p)
    return {t: (sum(v) / len(v), len(v)) for t, v in sorted(out.items())}


def report(name: str, result: dict[str, Any], asked: Counter[str]) -> str:
    per, total = result["per_type"], result["delivered"]
    lines = [f"== {name}: {total} of {sum(asked.values())} cards delivered, "
             f"{result['zero_card']} passages with none; CPU ms/passage mean "
             f"{result['ms_mean']:.0f}, median {result['ms_median']:.0f}"]
    lines.append("  mix: " + ", ".join(
        f"{t} {per[t].get('cards', 0)} ({per[t].get('cards', 0) / max(1, total):.0%}, asked "
        f"{asked[t] / sum(asked.values()):.0%})" for t in CARD_TYPES))
    for t, names in DEFECTS.items():
        n = per[t].get("cards", 0)
        lines.append(f"  {t:<5} n={n:<3} any={per[t].get('any_defect', 0):<3} " + "  ".join(
            f"{d}={per[t].get(d, 0)}" for d in names))
    if "keep" in result:
        lines.append("  P(keep), this checkout's model, both engines: " + "  ".join(
            f"{t} {m:.3f} ({n})" for t, (m, n) in result["keep"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--before", type=Path, help="checkout of the engine to compare against")
    parser.add_argument("--show", action="store_true", help="print every card with a defect")
    parser.add_argument("--json", type=Path, help="write both engines' cards and counts here")
    args = parser.parse_args(argv)
    if args.emit:
        emit()
        return 0
    items = passages()
    texts = {p["key"]: p["text"] for p in items}
    asked: Counter[str] = Counter()
    for p in items:
        for i, t in enumerate(CARD_TYPES):
            asked[t] += p["n"] // 4 + (i < p["n"] % 4)
    engines = ([("before", args.before)] if args.before else []) + [
        ("after", Path(__file__).resolve().parents[1])]
    out: dict[str, Any] = {}
    for name, root in engines:
        rows = run_engine(root, items)
        if args.show:
            print(f"-- {name}: cards with a defect")
        result = count(rows, texts, args.show)
        result["keep"] = one_model(rows)
        out[name] = {"result": result, "rows": rows}
        print(report(f"{name} ({root})", result, asked))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if "--emit" in sys.argv:  # run by path in a child: the engine root comes first
        sys.path.insert(0, os.environ.get("PYTHONPATH", "").split(os.pathsep)[0])
    raise SystemExit(main())
