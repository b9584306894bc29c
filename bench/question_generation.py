"""Answer-aware question generation on SQuAD: BLEU-4 and ROUGE-L against the human question.

For every question of a paragraph we hand the engine the paragraph and that question's first
gold answer, take the question it writes for that answer, and score it against the question a
person wrote. Dev and held-out (test) articles are reported apart (``bench/splits.py``); the
test split is the number to quote, and its questions are never printed.

Protocol: QG-Bench (Ushio et al., EMNLP 2022; lmqg ``automatic_evaluation.py``), answer level:
- one prediction and one reference per answer; no grouping by sentence;
- both sides normalised as lmqg normalises predictions to match the NQG references (Du et al.
  2017, lower-cased PTB tokens): lower case; brackets → -lrb- etc.; a space before ``?``,
  ``,``, ``'s``, ``'``, ``$`` and ``%``; double quotes → `` ''; a space before "." and "-"
  followed by two characters; runs of spaces collapsed. Our references are the raw
  SQuAD questions, so they get the same normalisation (lmqg's references came pre-tokenised);
- BLEU-4: *corpus* level (n-gram counts summed over all pairs, one brevity penalty), no
  smoothing, on whitespace tokens of the normalised text — sacrebleu ``corpus_bleu`` with
  ``tokenize="none"``, ``smooth_method="none"``, which is what coco-caption's BleuScorer that
  lmqg vendors computes for one reference per prediction;
- ROUGE-L: *sentence* level, F-measure with beta = 1.2 (coco-caption's weighting, used by
  lmqg) from the LCS precision and recall that ``rouge-score`` computes on whitespace tokens,
  averaged over pairs. Both x100.

The engine's answer-aware API is ``agents.generation.answer_aware.cards_for_answers`` (the
one behind ``cardstream generate --answer``). An engine without it is measured as it is: for
each gold answer, its own question/answer card whose answer matches; no such card counts as an
empty question (coverage is printed).

    .venv/bin/python -m bench.question_generation [--split dev|test|both] [--limit N] [--show N]
        [--squad subset|heldout|heldout2|train] [--pairs N] [--draw K] [--breakdown]
        [--save F] [--against F]

``--squad train`` scores a seeded sample of SQuAD *train* paragraphs (``bench/squad_train.py``:
its TUNE articles, ``--pairs`` questions, default 300), the material to tune wording on; it
needs ``CARDSTREAM_SQUAD_TRAIN`` and is reported as the split "train". ``--draw 1`` and
``--draw 2`` are two fresh samples no session before 19 tuned on (``squad_train.sample``).

``--save F`` writes each split's normalised questions (ours and the human's) to F;
``--against F`` compares this run with a saved one answer by answer: the change in BLEU-4 and
ROUGE-L with a 95 % paired bootstrap interval (the same resampled answers for both runs).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from bench import splits
from bench.splits import Passage

REFERENCES = (  # (system, BLEU-4, ROUGE-L) on SQuAD as published
    ("Heilman & Smith 2010, rules (Du et al. 2017)", 11.2, None),
    ("Du et al. 2017, seq2seq", 12.3, None),
    ("QG-Bench t5-large (Ushio et al. 2022)", 27.2, 54.1),
)
TARGET_BLEU, TARGET_ROUGE = 13.0, 40.0
ROUGE_BETA = 1.2
_BRACKETS = {"(": "-lrb-", ")": "-rrb-", "[": "-lsb-", "]": "-rsb-", "{": "-lcb-", "}": "-rcb-"}


def normalise(text: str) -> str:
    """QG-Bench's text normalisation (lmqg automatic_evaluation_tool/text_normalization)."""
    text = text.strip().lower()
    for bracket, token in _BRACKETS.items():
        text = text.replace(bracket, token)
    for mark in ("'s", "?", ",", "'", "$", "%"):
        text = re.sub(r"\s*" + re.escape(mark), " " + mark, text)
    text = re.sub(r'"([^"]+)"', r"`` \1 ''", text)
    # lmqg's rule for "...": a space before any "." or "-" that two characters follow (it
    # splits "-lrb-" too; kept, so that our numbers are computed as theirs are)
    for mark in (".", "-"):
        text = re.sub(r"\s*(" + re.escape(mark) + r".{2})", r" \1", text)
    return " ".join(text.split())


def bleu4(hypotheses: list[str], references: list[str]) -> float:
    """Corpus BLEU-4 x100 on already-normalised whitespace tokens, no smoothing."""
    from sacrebleu.metrics import BLEU

    metric = BLEU(tokenize="none", smooth_method="none", force=True)
    return float(metric.corpus_score(hypotheses, [references]).score)


def rouge_l(hypotheses: list[str], references: list[str]) -> float:
    """Mean sentence ROUGE-L F(beta=1.2) x100 on already-normalised whitespace tokens."""
    from rouge_score import rouge_scorer, tokenizers

    class Whitespace(tokenizers.Tokenizer):
        def tokenize(self, text: str) -> list[str]:
            return text.split()

    scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=Whitespace())
    total = 0.0
    for hyp, ref in zip(hypotheses, references, strict=True):
        s = scorer.score(ref, hyp)["rougeL"]  # score(target, prediction)
        p, r = s.precision, s.recall
        if p and r:
            total += (1 + ROUGE_BETA**2) * p * r / (r + ROUGE_BETA**2 * p)
    return 100 * total / len(hypotheses) if hypotheses else 0.0


def _bleu_stats(hyp: str, ref: str) -> list[int]:
    """One pair's BLEU sufficient statistics: hypothesis and reference length, then the
    clipped n-gram matches and the hypothesis n-gram count for n = 1..4."""
    from collections import Counter

    h, g = hyp.split(), ref.split()
    out = [len(h), len(g)]
    for n in range(1, 5):
        hc = Counter(tuple(h[i:i + n]) for i in range(len(h) - n + 1))
        gc = Counter(tuple(g[i:i + n]) for i in range(len(g) - n + 1))
        out += [sum(min(c, gc[k]) for k, c in hc.items()), max(len(h) - n + 1, 0)]
    return out


def _bleu_from(stats: Any) -> float:
    """Corpus BLEU-4 x100 from summed statistics (as sacrebleu computes it, no smoothing)."""
    import math

    hyp_len, ref_len = stats[0], stats[1]
    if not hyp_len or any(stats[2 + 2 * k] == 0 for k in range(4)):
        return 0.0
    log_p = sum(math.log(stats[2 + 2 * k] / stats[3 + 2 * k]) for k in range(4)) / 4
    bp = 1.0 if hyp_len > ref_len else math.exp(1 - ref_len / hyp_len)
    return 100 * bp * math.exp(log_p)


def paired_bootstrap(before: dict[str, list[str]], after: dict[str, list[str]],
                     samples: int = 1000, seed: int = 0) -> dict[str, tuple[float, ...]]:
    """Change in BLEU-4 and ROUGE-L from ``before`` to ``after`` (both ``{"hyps", "refs"}``
    over the same answers), each as (change, 2.5th, 97.5th percentile) over ``samples``
    resamplings of the answers, the same resampling for both runs."""
    import numpy as np

    if before["refs"] != after["refs"]:
        raise ValueError("the two runs are not over the same answers")
    refs = before["refs"]
    sb = np.array([_bleu_stats(h, g) for h, g in zip(before["hyps"], refs, strict=True)])
    sa = np.array([_bleu_stats(h, g) for h, g in zip(after["hyps"], refs, strict=True)])
    rb = np.array([rouge_l([h], [g]) for h, g in zip(before["hyps"], refs, strict=True)])
    ra = np.array([rouge_l([h], [g]) for h, g in zip(after["hyps"], refs, strict=True)])
    rng = np.random.default_rng(seed)
    n = len(refs)
    bleu, rouge = [], []
    for _ in range(samples):
        ids = rng.integers(0, n, n)
        bleu.append(_bleu_from(sa[ids].sum(0)) - _bleu_from(sb[ids].sum(0)))
        rouge.append(float(ra[ids].mean() - rb[ids].mean()))
    return {"bleu4": (_bleu_from(sa.sum(0)) - _bleu_from(sb.sum(0)),
                      *np.percentile(bleu, [2.5, 97.5])),
            "rougeL": (float(ra.mean() - rb.mean()), *np.percentile(rouge, [2.5, 97.5]))}


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def asker(writer: str | None = None) -> tuple[str, Callable[[str, list[str]], list[str]]]:
    """(how, ask): ``ask(text, answers)`` → one question per answer, '' where there is none.
    ``writer``: a learned question writer's folder for the answer-aware API to use."""
    try:
        from agents.generation.answer_aware import cards_for_answers
    except ImportError:
        cards_for_answers = None
    if cards_for_answers is not None:
        from agents.exceptions import InputError

        learned = None
        if writer:
            from agents.generation.writer import load

            learned = load(writer)

        def aware(text: str, answers: list[str]) -> list[str]:
            try:
                return [c.question for c in cards_for_answers(text, answers, writer=learned)]
            except InputError:  # one answer the engine refuses (e.g. only inside a longer
                out = []        # word): that one counts as no question, the others are asked
                for answer in answers:
                    try:
                        out += [c.question
                                for c in cards_for_answers(text, [answer], writer=learned)]
                    except InputError:
                        out.append("")
                return out

        how = "answer-aware API (cards_for_answers)"
        return (how + f" with the question writer {writer}" if writer else how), aware

    from agents.generation import GenerationRequest, build_engine

    engine = build_engine(None, None)

    def matched(text: str, answers: list[str]) -> list[str]:
        cards = engine.generate(GenerationRequest(text, "qg-bench", 50, "intermediate",
                                                  ("qa",))).cards
        by_answer = {_norm_words(c.answer): c.question for c in reversed(cards)}
        return [by_answer.get(_norm_words(a), "") for a in answers]

    return "no answer-aware API: the engine's qa card whose answer is the gold answer", matched


def run(passages: list[Passage], ask: Callable[[str, list[str]], list[str]]) -> dict[str, Any]:
    hyps, refs, raw, where = [], [], [], []
    for passage in passages:
        answers = [a for _, a in passage.questions]
        questions = ask(passage.text, answers)
        for (human, answer), ours in zip(passage.questions, questions, strict=True):
            hyps.append(normalise(ours))
            refs.append(normalise(human))
            raw.append((answer, human, ours))
            where.append(passage)
    return {"pairs": len(hyps), "covered": sum(bool(h) for h in hyps),
            "bleu4": bleu4(hyps, refs), "rougeL": rouge_l(hyps, refs), "examples": raw,
            "hyps": hyps, "refs": refs, "passages": where}


_WH_WORDS = frozenset(str.split("what which who whom whose when where why how"))
_STOP = frozenset(str.split(
    "the a an of in on at to for by with from and or is are was were be been did do does what "
    "which who whom whose when where why how that this these those it its as ? , 's ' ``"))


def breakdown(r: dict[str, Any]) -> list[str]:
    """Where the score comes from, in aggregates only (no question is printed): per article,
    by the human question's length, by whether our question opens with the human's wh-word,
    and how much of the human question's wording the passage holds (a reference that
    paraphrases the passage cannot be matched by a question built from the passage's words)."""
    hyps, refs, passages = r["hyps"], r["refs"], r["passages"]

    def score(ids: list[int]) -> str:
        if not ids:
            return "      -"
        h, g = [hyps[i] for i in ids], [refs[i] for i in ids]
        return f"{len(ids):5d} {bleu4(h, g):6.1f} {rouge_l(h, g):6.1f}"

    def opener(text: str) -> str:
        words = text.split()
        return words[0] if words and words[0] in _WH_WORDS else "(other)"

    def copied(i: int) -> float:
        content = [w for w in refs[i].split() if w not in _STOP]
        source = set(normalise(passages[i].text).split())
        return sum(w in source for w in content) / len(content) if content else 1.0

    lines = [f"{'':34s} {'pairs':>5s} {'BLEU':>6s} {'ROUGE':>6s}"]
    for title in sorted({p.title for p in passages}):
        lines.append(f"  article {title[:26]:26s} " + score(
            [i for i, p in enumerate(passages) if p.title == title]))
    n = len(refs)
    lengths = [len(x.split()) for x in refs]
    lines.append(f"  human question, mean words: {sum(lengths) / n:.1f}; ours: "
                 f"{sum(len(h.split()) for h in hyps) / n:.1f}")
    for lo, hi in ((0, 8), (8, 11), (11, 99)):
        lines.append(f"  human question {lo:2d}-{hi - 1:2d} words{'':12s} " + score(
            [i for i in range(n) if lo <= lengths[i] < hi]))
    human_open = sum(opener(x) != "(other)" for x in refs) / n
    same = [i for i in range(n) if opener(hyps[i]) == opener(refs[i]) != "(other)"]
    lines.append(f"  human question opens with a wh-word: {human_open:.0%}")
    lines.append(f"  ours opens with the human's wh-word {'':1s}" + score(same))
    lines.append(f"  ours opens otherwise {'':13s}" + score(
        [i for i in range(n) if i not in set(same)]))
    share = [copied(i) for i in range(n)]
    lines.append(f"  human question's content words found in the passage: "
                 f"{sum(share) / n:.0%}")
    for lo, hi in ((0.0, 0.6), (0.6, 0.85), (0.85, 1.01)):
        lines.append(f"  words from the passage {lo:.0%}-{min(hi, 1):.0%}{'':9s} " + score(
            [i for i in range(n) if lo <= share[i] < hi]))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*splits.SPLITS, "both"), default="both")
    parser.add_argument("--limit", type=int, default=0, help="only the first N paragraphs")
    parser.add_argument("--show", type=int, default=0, help="print N dev examples")
    parser.add_argument("--breakdown", action="store_true",
                        help="aggregates that say where each split's score comes from")
    parser.add_argument("--squad", choices=(*sorted(splits.SQUADS), "train"), default="subset",
                        help="the shared subset (dev and test articles), the articles held "
                             "out whole (heldout, heldout2: test only), or a sample of SQuAD train "
                             "articles (train; CARDSTREAM_SQUAD_TRAIN)")
    parser.add_argument("--pairs", type=int, default=300,
                        help="with --squad train: how many questions to sample")
    parser.add_argument("--draw", type=int, default=0,
                        help="with --squad train: 0 the sample tuned on before session 19, "
                             "1 and 2 two fresh ones")
    parser.add_argument("--writer", help="a learned question writer's folder "
                                         "(retrainer.question_writer): the engine asks with it")
    parser.add_argument("--save", help="write each split's questions (normalised) to this file")
    parser.add_argument("--against", help="a file --save wrote: the change from it, with a "
                                          "95 %% paired bootstrap interval over answers")
    args = parser.parse_args()
    if args.squad == "train":
        from bench import squad_train

        try:
            train = squad_train.sample(args.pairs, draw=args.draw)
        except squad_train.MissingTrainSet as exc:
            parser.exit(2, f"{exc}\n")

    import torch

    torch.set_num_threads(1)
    how, ask = asker(args.writer)
    print(f"question generation on SQuAD ({how}); QG-Bench protocol: corpus BLEU-4 "
          f"(sacrebleu, tokenize=none, no smoothing) and mean sentence ROUGE-L F(beta=1.2) "
          f"(rouge-score LCS), lower-cased, PTB-style normalised, one reference per answer")
    print(f"{'system':48s} {'pairs':>6s} {'answered':>8s} {'BLEU-4':>7s} {'ROUGE-L':>8s}")
    for name, bleu, rouge in REFERENCES:
        print(f"{name:48s} {'':6s} {'':8s} {bleu:7.1f} {'' if rouge is None else rouge:>8}")
    results = {}
    chosen = splits.SPLITS if args.split == "both" else (args.split,)
    for split in ("train",) if args.squad == "train" else chosen:
        passages = train if split == "train" else splits.squad(split, splits.SQUADS[args.squad])
        if args.limit:
            passages = passages[: args.limit]
        if not passages:
            continue  # the held-out file has no dev part
        r = results[split] = run(passages, ask)
        label = "cardstream, " + {"dev": "dev articles", "test": "held-out articles",
                                  "train": "train-article sample"}[split] + (
            f" ({args.squad} file)" if args.squad != "subset" else "")
        print(f"{label:48s} {r['pairs']:6d} {r['covered'] / r['pairs']:7.0%} "
              f"{r['bleu4']:7.1f} {r['rougeL']:8.1f}")
    for split, r in results.items():
        met = r["bleu4"] >= TARGET_BLEU and r["rougeL"] >= TARGET_ROUGE
        print(f"target on {split}: BLEU-4 ≥ {TARGET_BLEU:.0f} and ROUGE-L ≥ {TARGET_ROUGE:.0f}: "
              f"{'MET' if met else 'MISSED'} ({r['bleu4']:.1f} / {r['rougeL']:.1f})")
    if args.save:
        import json

        with open(args.save, "w", encoding="utf-8") as out:
            json.dump({s: {"hyps": r["hyps"], "refs": r["refs"], "examples": r["examples"]}
                       for s, r in results.items()},
                      out)
    if args.against:
        import json

        with open(args.against, encoding="utf-8") as saved:
            before = json.load(saved)
        for split, r in results.items():
            if split not in before:
                continue
            d = paired_bootstrap(before[split], r)
            print(f"change on {split} against {args.against}: BLEU-4 {d['bleu4'][0]:+.2f} "
                  f"[{d['bleu4'][1]:+.2f}, {d['bleu4'][2]:+.2f}], ROUGE-L {d['rougeL'][0]:+.2f} "
                  f"[{d['rougeL'][1]:+.2f}, {d['rougeL'][2]:+.2f}] (95 % paired bootstrap, "
                  f"{r['pairs']} answers)")
    if args.breakdown:
        for split, r in results.items():
            print(f"breakdown, {split}:")
            print("\n".join(breakdown(r)))
    shown = next((s for s in ("dev", "train") if s in results), None)
    if args.show and shown:
        for answer, human, ours in results[shown]["examples"][: args.show]:
            print(f"  [{answer}]\n    human: {human}\n    ours:  {ours or '-'}")


if __name__ == "__main__":
    main()
