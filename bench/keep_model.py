"""Fit the keep model (agents/generation/keep.py) on the blind reviews and ship its weights.

    .venv/bin/python -m bench.keep_model              # cross-validate, fit, write the weights
    .venv/bin/python -m bench.keep_model --check      # cross-validate only
    .venv/bin/python -m bench.keep_model --transfer   # does it carry to other topics?
    .venv/bin/python -m bench.keep_model --forward    # fit on earlier reviews, score the next
    .venv/bin/python -m bench.keep_model --newest     # does refitting on one more review help?
    .venv/bin/python -m bench.keep_model --loro       # leave one review out: AUC, bars per type
    .venv/bin/python -m bench.keep_model --loso-sessions s31 s32 s33  # refit vs shipped

``--loro`` holds out one review at a time (a session's packets together: they rate the same
passages) and scores its cards with the model fitted on all the others: ROC AUC per type, the
held-out calibration per type, and per type the share of the rated cards at or over the type's
selection bar (``quality.KEEP_BAR``) and how often they were kept (95 % interval bootstrapped
over passages), over every review and over the newest (``RECENT``), beside the bars read off
the held-out predictions: the lowest P(keep) at which a type's served cards are kept
``BAR_TARGET`` (65 %) of the time; and per reviewer defect tag and card type, the held-out
mean P(keep) of the tagged cards beside that of the type's kept untagged cards.

``--loso-sessions S …`` judges a refit before it ships (bench/data/declined_refits.json
records the ones declined): each session's cards (its reviews together) scored by the shipped
weights and by ``bench.keep_prior``'s pulled refit fitted on every other session; the paired
held-out AUC change per session, pooled and per type, with intervals bootstrapped over
passages. Leaving out the newest session is the refit's twin (``bench.keep_prior --until``).

``--forward`` is the honest proxy for the next held-out review: for each of s9, s10+s10b,
s11+s11b, s12+s12b, s13+s13b, s14+s14b, s15+s15b, s16+s16b, s17+s17b+s17c, s18+s18b+s18c,
s19+s19b+s19c, s20+s20b+s20c, s21+s21b, s22+s22b+s22c, s23+s23b+s23c, s24+s24b+s24c and
s25+s25b+s25c, a model
fitted on every review made before it scores its cards; ROC AUC pooled and per card type, for
the shipped feature set and the one it replaced side by side, and the kept share of the target
cards at or over each P(keep) floor (read the floors off it and off the out-of-fold table the
default run prints).

Data: ``bench/data/card_reviews_dev.jsonl`` (DEV reviews: one SQuAD article, four Anatomy
pages), ``card_reviews_s6.jsonl`` (session 6's held-out review, now seen: 11 other articles,
five Psychology pages) and ``card_reviews_s7.jsonl`` (session 7's: its before, after and merged
packets on 16 paragraphs and 3 Psychology pages), all from ``bench.keep_data``; the model is
fitted on all three. Every card
is turned back into a candidate and its features computed by the engine's own code (its
closeness to its page as ``bench.keep_data --context`` stored it), so the model sees at
training time what it sees when it scores a candidate. From s22 on (``TITLED``) reviewers saw
each passage's title: a rated card of those reviews whose answer is the title is flagged as
the engine flags it (``Candidate.titled``, ``titled``); the earlier reviews' cards never are.

Model: L2-regularised logistic regression (scikit-learn) on standardised features; the scaler
is folded into the weights on export, so the engine needs only numpy. Validation is
cross-validation grouped by passage (no passage in both the fitting and the scored fold: cards
of one paragraph share its sentences), repeated over shuffled group assignments; it reports
ROC AUC and the Brier score pooled over folds, beside the AUC of the quality score the rated
cards were delivered with, and a calibration table (predicted vs kept share by decile).

Transfer (``--transfer``): the DEV reviews cover one SQuAD article and one book, so a passage-
grouped CV on them measures how the model ranks more cards *of the same topics*. Session 6's
held-out review (``bench/data/card_reviews_s6.jsonl``, 11 other articles and another book, now
seen) asks whether it carries: fit on DEV → score s6; fit on s6 → score DEV; and leave one
article (or book) out over all; with session 7's file also s6 → s7, s7 → s6 and DEV+s6 → s7
(what the previously shipped model was fitted on, scoring the review it never saw).
Each is reported for the shipped feature set and for the one
it replaced (``keep.PREVIOUS``, a subset of its columns), side by side in one run, beside the
scores the s6 cards were delivered with; ``within_passage`` is the mean AUC inside one passage
of the leave-one-topic-out scores (selection ranks one page's cards), ``score_dev_to_s6`` the
AUC of the quality_score the s6 cards would carry with the DEV-fitted model (the scorer's blend
of their stored dimensions). s6 cards whose two reviewers disagreed are left out.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from agents.generation import keep, quality
from bench import splits

DATA = Path(__file__).resolve().parent / "data/card_reviews_dev.jsonl"
SEEN = DATA.with_name("card_reviews_s6.jsonl")
# the seen reviews in the order they were made: forward transfer fits on a prefix
ORDER = splits.SEEN_REVIEWS
SEEN_FILES = [DATA.with_name(f"card_reviews_{s}.jsonl") for s in ORDER]
# forward transfer, the honest proxy for the next held-out review: fit on every review made
# before the target ones, score the targets (each a review of passages the fit never saw)
FORWARD = tuple(tuple(group) for _, group in itertools.groupby(
    ORDER[ORDER.index("s9"):], key=lambda review: review.rstrip("bc")))  # a session's reviews
TYPES = ("qa", "mcq", "cloze", "tf")
C = 0.3  # inverse regularisation; 765 cards, ~40 features: keep the weights modest
FOLDS = 5
REPEATS = 5
# selection's bar per type (quality.KEEP_BAR): the served cards of a type are kept at least
# BAR_TARGET of the time on held-out reviews; read off BAR_GRID, with at least MIN_SERVED of
# a type's rated cards left so that a bar is not read off a handful
BAR_TARGET = 0.65
BAR_GRID = tuple(round(0.20 + 0.05 * i, 2) for i in range(15))  # 0.20 … 0.90
MIN_SERVED = 30
CONFIDENCE = 0.95  # of the kept shares' intervals (--loro)
# the newest reviews, whose reviewers' standard the next review's is likeliest to match
RECENT = ORDER[ORDER.index("s19"):]
# the reviews of the present question path, which the bars are read off: before s10 (DEV..s9)
# the rated question cards were kept 22-37 % per review, echo questions the engine no longer
# makes; from s10 on 36-92 %. Over every review those old cards hold a question bar down to
# what they earned (held out, served qa at 0.55 kept 61 % over all reviews, 70 % since s10)
PRESENT = ORDER[ORDER.index("s10"):]
# the reviews whose packets showed each passage's title (bench.card_review.shown_title, from
# s22 on): their reviewers rejected a card the title answers as trivial; the earlier ones saw
# no title, so their cards' keep/10 title flag is not set (keep.NAMES' comment)
TITLED = ORDER[ORDER.index("s22"):]
# the refits measured and declined, each with the reviews it fitted on beyond the shipped
# weights and its numbers: the one record of why a seen review may stay outside the fit
DECLINED = DATA.with_name("declined_refits.json")


def declined() -> list[dict[str, Any]]:
    """The declined refits (``DECLINED``), oldest first."""
    return list(json.loads(DECLINED.read_text(encoding="utf-8"))["declined"])


def excused() -> set[str]:
    """The seen reviews a declined refit fitted on and was measured on (held-out AUC and
    decks): they may stay outside the shipped fit (tests/test_generation_keep.py)."""
    return {r for refit in declined() if refit["heldout_auc"] and refit["decks"]
            for r in refit["reviews"]}


def load(path: Path = DATA, explore: bool = True
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[dict]]:
    """A training file's rows; ``explore=False`` drops the cards of a review's exploration
    share (``bench.keep_data`` flags them ``"explore": true``: rated, but never served)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["keep"] is not None  # s6: the two reviewers disagreed
            and (explore or not r.get("explore"))]
    x = np.array([keep.features(keep.from_card(r["card"], titled(r)),
                                r["card"].get("language") or "en", r.get("card_cosine"))
                  for r in rows])
    y = np.array([r["keep"] for r in rows], dtype=int)
    groups = np.array([r["passage"] for r in rows])
    return x, y, groups, rows


def titled(row: dict) -> bool:
    """Whether a rated card's answer is the title its reviewers were shown (titles.names_title,
    as the engine flags ``Candidate.titled``); never for a review before ``TITLED``."""
    if review_of(row) not in TITLED or row["card"]["type"] == "tf":
        return False
    from agents.generation.titles import names_title

    return names_title(row["card"]["answer"], _title(row["passage"]),
                       _texts().get(row["passage"]))


@functools.cache
def _title(passage: str) -> Any:
    """A passage's title parsed as the engine parses a user's (parsed.py), None without one."""
    from agents.generation.nlp import DEFAULT_PIPELINES, pipeline

    text = _titles()[passage]
    nlp = pipeline("en", DEFAULT_PIPELINES)
    return nlp(text)[:] if text and nlp is not None else None


@functools.cache
def _texts() -> dict[str, str]:
    from bench.card_references import passages

    return passages()


@functools.cache
def _titles() -> dict[str, str | None]:
    from bench.card_references import titles

    return titles()


def model() -> object:
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000))


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int = 0,
                   fit: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]
                   | None = None) -> tuple[np.ndarray, list[float]]:
    """Out-of-fold predictions averaged over repeats, and each repeat's pooled AUC; ``fit``
    (cards, labels) → predict, in place of ``model()`` (bench.keep_prior's refit)."""
    rng = np.random.default_rng(seed)
    names = np.unique(groups)
    total = np.zeros(len(y))
    aucs = []
    for _ in range(REPEATS):
        shuffled = dict(zip(names, rng.permutation(len(names)), strict=True))
        ids = np.array([shuffled[g] for g in groups])
        pred = np.zeros(len(y))
        for train, test in GroupKFold(FOLDS).split(x, y, ids):
            if fit is not None:
                pred[test] = fit(x[train], y[train])(x[test])
                continue
            fitted = model().fit(x[train], y[train])  # type: ignore[attr-defined]
            pred[test] = fitted.predict_proba(x[test])[:, 1]
        aucs.append(float(roc_auc_score(y, pred)))
        total += pred
    return total / REPEATS, aucs


def export(fitted: object, meta: dict[str, object]) -> dict[str, object]:
    scaler, logistic = fitted.steps[0][1], fitted.steps[1][1]  # type: ignore[attr-defined]
    w = logistic.coef_[0] / scaler.scale_
    return weights_file(w, float(logistic.intercept_[0] - np.sum(w * scaler.mean_)), meta)


def weights_file(w: np.ndarray, b: float, meta: dict[str, object]) -> dict[str, object]:
    """The shipped file's contents for raw-feature weights ``w`` and bias ``b`` (also
    bench.keep_prior's)."""
    return {"feature_set": keep.FEATURE_SET, "features": list(keep.NAMES),
            "weights": {n: round(float(v), 6) for n, v in zip(keep.NAMES, w, strict=True)},
            "bias": round(b, 6), **meta}


def report(y: np.ndarray, pred: np.ndarray, rows: list[dict], aucs: list[float]) -> dict:
    delivered = np.array([r["card"].get("quality_score") or 0.0 for r in rows])
    print(f"{len(y)} cards, {y.mean():.1%} kept, {len(set(r['passage'] for r in rows))} passages")
    print(f"keep model, {FOLDS}-fold CV grouped by passage × {REPEATS}: AUC "
          f"{np.mean(aucs):.3f} (repeats {min(aucs):.3f}–{max(aucs):.3f}), "
          f"Brier {brier_score_loss(y, pred):.3f} (constant {np.mean((y - y.mean()) ** 2):.3f})")
    print(f"delivered quality_score AUC on the same cards: {roc_auc_score(y, delivered):.3f}")
    for review in sorted({r["review"] for r in rows}):
        m = np.array([r["review"] == review for r in rows])
        print(f"  {review}: n={m.sum()} AUC model {roc_auc_score(y[m], pred[m]):.3f}, "
              f"delivered score {roc_auc_score(y[m], delivered[m]):.3f}")
    for t in ("qa", "mcq", "cloze", "tf"):
        m = np.array([r["card"]["type"] == t for r in rows])
        if len(set(y[m])) == 2:
            auc = roc_auc_score(y[m], pred[m])
            print(f"  {t}: n={m.sum()} kept {y[m].mean():.0%} AUC {auc:.3f}")
    print("calibration (out of fold): predicted → kept")
    order = np.argsort(pred)
    for chunk in np.array_split(order, 5):
        print(f"  {pred[chunk].mean():.2f} → {y[chunk].mean():.2f}  (n={len(chunk)})")
    tags = sorted({t for r in rows for t in r["defects"]})
    print("mean predicted keep by reviewer defect tag (cards without tags first):")
    clean = np.array([not r["defects"] and r["keep"] for r in rows])
    print(f"  kept, no tag: {pred[clean].mean():.2f} (n={clean.sum()})")
    for tag in tags:
        m = np.array([tag in r["defects"] for r in rows])
        print(f"  {tag}: {pred[m].mean():.2f} (n={m.sum()})")
    return {"cv_auc": round(float(np.mean(aucs)), 4),
            "cv_brier": round(float(brier_score_loss(y, pred)), 4),
            "delivered_score_auc": round(float(roc_auc_score(y, delivered)), 4)}


def topic(row: dict) -> str:
    """What a card is about, for grouping: its SQuAD article, or its book (DEV's pages are
    Anatomy and Physiology, sessions 6 and 7's Psychology: the book its review's key names)."""
    corpus, name = row["passage"].split(":")[:2]
    if corpus == "openstax":
        book = splits.review_book(row["review"].split("-")[0])
        return f"openstax:{book}"
    return f"{corpus}:{name}"


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    return float(roc_auc_score(y, p))


def _fit_predict(train: tuple, test: tuple, cols: list[int]) -> np.ndarray:
    fitted = model().fit(train[0][:, cols], train[1])  # type: ignore[attr-defined]
    return fitted.predict_proba(test[0][:, cols])[:, 1]  # type: ignore[no-any-return]


def _join(*parts: tuple) -> tuple:
    return (np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]), [r for p in parts for r in p[3]])


def transfer(sessions: dict[str, tuple]) -> list[tuple[str, dict[str, float]]]:
    """Transfer AUCs per feature set: fit on one review's cards, score another's (each
    session's held-out review was of articles the others never saw); leave-one-topic-out
    over all; and the mean AUC within one passage of the leave-one-out scores."""
    dev, s6 = sessions["dev"], sessions["s6"]
    s7 = sessions.get("s7")
    every = _join(*sessions.values())
    x, y, _, rows = every
    groups = np.array([topic(r) for r in rows])
    sets = [(keep.PREVIOUS_SET, [keep.NAMES.index(n) for n in keep.PREVIOUS]),
            (keep.FEATURE_SET, list(range(len(keep.NAMES))))]
    out = []
    for name, cols in sets:
        aucs = {"dev_to_s6": _auc(s6[1], _fit_predict(dev, s6, cols)),
                "s6_to_dev": _auc(dev[1], _fit_predict(s6, dev, cols))}
        if s7 is not None:
            aucs["s6_to_s7"] = _auc(s7[1], _fit_predict(s6, s7, cols))
            aucs["s7_to_s6"] = _auc(s6[1], _fit_predict(s7, s6, cols))
            before = _join(dev, s6)  # what the shipped model was fitted on
            aucs["dev+s6_to_s7"] = _auc(s7[1], _fit_predict(before, s7, cols))
        if s7 is not None and "s8" in sessions:
            # the newest review, scored by a model fitted on every earlier one
            aucs["prior_to_s8"] = _auc(sessions["s8"][1], _fit_predict(
                _join(dev, s6, s7), sessions["s8"], cols))
        pooled = np.zeros(len(y))
        per_topic = []
        for g in np.unique(groups):
            test = groups == g
            fitted = model().fit(x[~test][:, cols], y[~test])  # type: ignore[attr-defined]
            pooled[test] = fitted.predict_proba(x[test][:, cols])[:, 1]
            if len(set(y[test])) == 2:
                per_topic.append(_auc(y[test], pooled[test]))
        # selection ranks one page's candidates: how well it orders cards within a passage
        passages = np.array([r["passage"] for r in rows])
        within = [_auc(y[m], pooled[m]) for m in (passages == q for q in np.unique(passages))
                  if len(set(y[m])) == 2]
        aucs |= {"by_topic_pooled": _auc(y, pooled), "by_topic_mean": float(np.mean(per_topic)),
                 "within_passage": float(np.mean(within))}
        out.append((name, aucs))
    return out


def forward(sessions: dict[str, tuple], cols: list[int]
            ) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """Each FORWARD target's cards scored by a model fitted on every review made before it:
    (labels, predictions, rows), the targets concatenated."""
    names = list(sessions)
    ys, preds, rows = [], [], []
    for targets in FORWARD:
        first = names.index(targets[0])
        prior = _join(*(sessions[k] for k in names[:first]))
        test = _join(*(sessions[k] for k in targets))
        ys.append(test[1])
        preds.append(_fit_predict(prior, test, cols))
        rows += test[3]
    return np.concatenate(ys), np.concatenate(preds), rows


def feature_sets() -> list[tuple[str, list[int]]]:
    """The replaced feature set (a subset of NAMES' columns) and the shipped one."""
    return [(keep.PREVIOUS_SET, [keep.NAMES.index(n) for n in keep.PREVIOUS]),
            (keep.FEATURE_SET, list(range(len(keep.NAMES))))]


def forward_aucs(sessions: dict[str, tuple], cols: list[int]) -> dict[str, float]:
    """Forward-transfer ROC AUC per target review and per card type (targets pooled)."""
    y, pred, rows = forward(sessions, cols)
    reviews = np.array([r["review"].split("-")[0] for r in rows])
    types = np.array([r["card"]["type"] for r in rows])
    out = {"all": _auc(y, pred)}
    for t in TYPES:
        out[t] = _auc(y[types == t], pred[types == t])
    for targets in FORWARD:
        m = np.isin(reviews, targets)
        out["→" + "+".join(targets)] = _auc(y[m], pred[m])
        mq = m & (types == "qa")
        out["qa→" + "+".join(targets)] = _auc(y[mq], pred[mq])
    return out


def report_forward(sessions: dict[str, tuple]) -> None:
    """Forward transfer, both feature sets side by side, and the per-type floors read off the
    shipped set's forward predictions."""
    y, _, rows = forward(sessions, [0])
    types = np.array([r["card"]["type"] for r in rows])
    print(f"forward transfer: {len(y)} target cards ("
          + ", ".join(f"{t} {np.sum(types == t)} kept {y[types == t].mean():.0%}" for t in TYPES)
          + ")")
    results = [(name, forward_aucs(sessions, cols)) for name, cols in feature_sets()]
    cols = list(results[0][1])
    print(f"{'features':10s} " + " ".join(f"{c:>12s}" for c in cols))
    for name, aucs in results:
        print(f"{name:10s} " + " ".join(f"{aucs[c]:12.3f}" for c in cols))
    y, pred, rows = forward(sessions, feature_sets()[1][1])
    report_thresholds(y, pred, rows, newest=FORWARD[-1],
                      grid=(0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7))


def report_newest(sessions: dict[str, tuple]) -> None:
    """Does a refit on one more review help the next one? For each FORWARD target after the
    first, the shipped feature set fitted on every review before it against the same fit
    without the newest of those reviews; AUC per target and pooled, per type."""
    names, cols = list(sessions), feature_sets()[1][1]
    pooled: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {"with": [],
                                                                           "without": []}
    for before, targets in itertools.pairwise(FORWARD):
        test = _join(*(sessions[k] for k in targets))
        types = np.array([r["card"]["type"] for r in test[3]])
        for label, last in (("with", names.index(targets[0])), ("without", names.index(before[0]))):
            pred = _fit_predict(_join(*(sessions[k] for k in names[:last])), test, cols)
            pooled[label].append((test[1], pred, types))
        (y, new, _), (_, old, _) = pooled["with"][-1], pooled["without"][-1]
        print(f"→{'+'.join(targets):10s} with {'+'.join(before)}: {_auc(y, new):.3f}, "
              f"without: {_auc(y, old):.3f}")
    for label, parts in pooled.items():
        y, pred, types = (np.concatenate([p[i] for p in parts]) for i in range(3))
        print(f"pooled, {label:7s} the newest review: all {_auc(y, pred):.3f} " + " ".join(
            f"{t} {_auc(y[types == t], pred[types == t]):.3f}" for t in TYPES))


def review_of(row: dict) -> str:
    """The review a card was rated in, as one held-out unit: a session's packets rate the same
    passages (DEV's three reviews, s6's and s7's before/after/merged packets), so they go out
    together; every later session's one merged packet is its own review."""
    name = row["review"].split("-")[0]
    return "dev" if name.startswith("dev") else name


def loro(sessions: dict[str, tuple], cols: list[int]) -> np.ndarray:
    """Leave one review out: each review's cards scored by a model fitted on every other
    review (grouped by review, never by card: no passage is on both sides)."""
    x, y, _, rows = _join(*sessions.values())
    reviews = np.array([review_of(r) for r in rows])
    pred = np.zeros(len(y))
    for name in np.unique(reviews):
        test = reviews == name
        pred[test] = _fit_predict((x[~test], y[~test]), (x[test],), cols)
    return pred


def bar_reading(y: np.ndarray, pred: np.ndarray, types: np.ndarray,
                reviews: np.ndarray) -> dict[str, float]:
    """``bars`` read over the present reviews (``PRESENT``), the scope selection's bars are
    held to: the lowest bar per type at which the served cards are kept ``BAR_TARGET``. Not
    the bars: cloze and tf are set over it on purpose (a cloze or statement under its bar gives
    its place to a card of another type over theirs); each of ``quality.KEEP_BAR`` is at or
    over it (tests/test_generation_keep.py)."""
    present = np.isin(reviews, PRESENT)
    return bars(y[present], pred[present], types[present])


def bars(y: np.ndarray, pred: np.ndarray, types: np.ndarray,
         target: float = BAR_TARGET) -> dict[str, float]:
    """Per type, the lowest P(keep) on ``BAR_GRID`` at which the cards at or over it are kept
    at least ``target`` of the time (held-out predictions), with at least ``MIN_SERVED`` of
    them left; a type that never gets there gets the grid's top."""
    out = {}
    for t in TYPES:
        m = types == t
        out[t] = next((b for b in BAR_GRID if (m & (pred >= b)).sum() >= MIN_SERVED
                       and y[m & (pred >= b)].mean() >= target), BAR_GRID[-1])
    return out


def _kept_ci(y: np.ndarray, passages: np.ndarray, m: np.ndarray, seed: int = 0,
             n: int = 1000) -> tuple[float, float, float]:
    """Kept share of the cards ``m`` and its 95 % interval, bootstrapped over passages (a
    passage's cards share its sentences and its reviewers' mood, so they are resampled
    together: scipy's paired bootstrap of the per-passage kept and served counts)."""
    names = np.unique(passages[m])
    if len(names) < 2:
        return float(y[m].mean()) if m.any() else float("nan"), float("nan"), float("nan")
    kept = np.array([y[m & (passages == p)].sum() for p in names], dtype=float)
    served = np.array([(m & (passages == p)).sum() for p in names], dtype=float)
    ci = stats.bootstrap((kept, served), _share, paired=True, vectorized=True,
                         n_resamples=n, confidence_level=CONFIDENCE, method="percentile",
                         random_state=np.random.default_rng(seed)).confidence_interval
    return float(kept.sum() / served.sum()), float(ci.low), float(ci.high)


def _share(kept: np.ndarray, served: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.sum(kept, axis=axis) / np.sum(served, axis=axis)


def report_loro(sessions: dict[str, tuple]) -> dict[str, float]:
    """Leave-one-review-out AUC per type of the shipped model (only on the reviews it was not
    fitted on) and of the refit procedure (every review), the kept share of the rated cards
    each type's bar lets through at selection's bars (``quality.KEEP_BAR``) and at the lowest
    bars the refit's held-out predictions allow (``bar_reading``), over all reviews, the
    present ones (``PRESENT``) and the newest (``RECENT``); returns that reading."""
    x, y, _, rows = _join(*sessions.values())
    types = np.array([r["card"]["type"] for r in rows])
    reviews = np.array([review_of(r) for r in rows])
    passages = np.array([r["passage"] for r in rows])
    shipped = keep.default_model()
    fitted_on = {Path(str(p)).stem.rsplit("_", 1)[-1] for p in shipped.meta.get("data", [])}
    unseen = np.array([rv not in fitted_on for rv in reviews])
    recent = np.isin(reviews, RECENT)
    p_shipped = 1.0 / (1.0 + np.exp(-(x @ shipped.weights + shipped.bias)))
    p_loro = loro(sessions, list(range(len(keep.NAMES))))
    print(f"{len(y)} rated cards in {len(set(reviews))} reviews; the shipped model was fitted "
          f"on {len(fitted_on)} of them ({shipped.meta.get('cards')} cards)")
    print("ROC AUC         " + " ".join(f"{c:>7s}" for c in ("all", *TYPES)))
    for label, pred, m in (("shipped, unseen", p_shipped, unseen),
                           ("refit, held out", p_loro, np.ones(len(y), bool)),
                           ("refit, unseen", p_loro, unseen)):
        if not m.any():  # the shipped model was fitted on every review
            continue
        cells = [_auc(y[m], pred[m])] + [_auc(y[m & (types == t)], pred[m & (types == t)])
                                         for t in TYPES]
        print(f"{label:16s}" + " ".join(f"{c:7.3f}" for c in cells) + f"   (n={m.sum()})")
    print("by newest review, all cards: " + ", ".join(
        f"{rv} shipped{'' if rv not in fitted_on else ' (fitted on)'} "
        f"{_auc(y[reviews == rv], p_shipped[reviews == rv]):.3f} held out "
        f"{_auc(y[reviews == rv], p_loro[reviews == rv]):.3f}" for rv in RECENT))
    print("calibration, held out: mean P(keep) → kept share, all | " + "+".join(RECENT))
    for t in TYPES:
        m, n = types == t, (types == t) & recent
        print(f"  {t:5s} {p_loro[m].mean():.2f} → {y[m].mean():.2f} | "
              f"{p_loro[n].mean():.2f} → {y[n].mean():.2f} (n={m.sum()}|{n.sum()})")
    present = np.isin(reviews, PRESENT)
    new = bar_reading(y, p_loro, types, reviews)
    print(f"served = rated cards at or over the type's bar; kept share [{CONFIDENCE:.0%} CI over "
          f"passages], all reviews | {PRESENT[0]}..{PRESENT[-1]} | {'+'.join(RECENT)}")
    every = np.ones(len(y), bool)
    for t in TYPES:
        for label, bar, pred, scope in (
                ("shipped model, unseen reviews, KEEP_BAR", quality.KEEP_BAR[t], p_shipped,
                 unseen),
                ("refit, held out, KEEP_BAR", quality.KEEP_BAR[t], p_loro, every),
                (f"refit, held out, lowest bar for {BAR_TARGET:.0%}", new[t], p_loro, every)):
            if not scope.any():
                continue
            cells = []
            for part in (scope, scope & present, scope & recent):
                m = (types == t) & part
                served = m & (pred >= bar)
                kept, low, high = _kept_ci(y, passages, served)
                cells.append(f"{served.sum() / max(1, m.sum()):4.0%} served, "
                             f"kept {kept:4.0%} [{low:.0%}, {high:.0%}]")
            print(f"  {t:5s} {label:40s} {bar:.2f}: " + " | ".join(cells))
    print("selection's bars (quality.KEEP_BAR): "
          + ", ".join(f"{t} {b:.2f}" for t, b in quality.KEEP_BAR.items())
          + f"; the lowest bars at which the served cards of {PRESENT[0]}..{PRESENT[-1]} are "
          f"kept ≥ {BAR_TARGET:.0%}, held out: "
          + ", ".join(f"{t} {b:.2f}" for t, b in new.items()))
    for label, scope in (("every review", np.ones(len(y), bool)),
                         (f"{PRESENT[0]}..{PRESENT[-1]}", present)):
        print(f"mean P(keep) held out by reviewer defect tag, {label}: tagged / kept untagged "
              "cards of the type (n tagged)")
        for tag, cells in tag_means(y, p_loro, types, rows, scope).items():
            print(f"  {tag:22s} " + "  ".join(
                f"{t} {mine:.2f}/{good:.2f} ({n})" for t, (mine, good, n) in cells.items()))
    return {t: round(b, 2) for t, b in new.items()}


def paired_auc(y: np.ndarray, a: np.ndarray, b: np.ndarray, passages: np.ndarray,
               seed: int = 0, n: int = 2000) -> tuple[float, float, float, float, float]:
    """ROC AUC of the scores ``a`` and ``b`` of the same cards, ``b``'s change over ``a`` and
    the change's ``CONFIDENCE`` interval, bootstrapped over passages and paired: a resample
    draws whole passages (their cards share sentences and reviewers) with both scores (scipy's
    percentile bootstrap of the passage indices)."""
    names, inverse = np.unique(passages, return_inverse=True)
    members = [np.flatnonzero(inverse == i) for i in range(len(names))]

    def change(picked: np.ndarray) -> float:
        cards = np.concatenate([members[i] for i in picked])
        if len(set(y[cards])) < 2:  # a resample of one label ranks nothing
            return float("nan")
        return _auc(y[cards], b[cards]) - _auc(y[cards], a[cards])

    ci = stats.bootstrap((np.arange(len(names)),), change, vectorized=False, n_resamples=n,
                         confidence_level=CONFIDENCE, method="percentile",
                         random_state=np.random.default_rng(seed)).confidence_interval
    before, after = _auc(y, a), _auc(y, b)
    return before, after, after - before, float(ci.low), float(ci.high)


def session_of(row: dict) -> str:
    """The session a card was rated in (its reviews s17, s17b, s17c together; ``dev``)."""
    return review_of(row).rstrip("bc")


def loso(x: np.ndarray, y: np.ndarray, sessions: np.ndarray, targets: list[str],
         fit: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]
         ) -> np.ndarray:
    """Leave one session out: each target session's cards scored by ``fit`` (cards, labels →
    predict) on every other session's, the later ones included; other cards stay NaN."""
    pred = np.full(len(y), np.nan)
    for target in targets:
        test = sessions == target
        if not test.any():
            raise ValueError(f"no rated cards of session {target!r}")
        pred[test] = fit(x[~test], y[~test])(x[test])
    return pred


def report_loso(parts: dict[str, tuple], targets: list[str], seed: int = 0, n: int = 2000
                ) -> dict[str, tuple[float, float, float, float, float]]:
    """Does the refit the next session would ship rank better than the shipped weights, held
    out? Each target session's cards are scored by the shipped weights and by the refit
    procedure (``bench.keep_prior.fit``, pulled towards the shipped weights with their
    precision) fitted on every other session; per session, pooled and per type pooled, the
    paired AUC change with its interval (``paired_auc``). The newest target's held-out refit
    is the refit's twin, the one a session before would have made. Returns the rows printed."""
    from bench import keep_prior  # it builds on this module

    x, y, passages, rows = _join(*parts.values())
    shipped = keep.default_model()
    lam = keep_prior.pulled_precision(shipped, {name: part[0] for name, part in parts.items()})

    def refit(xt: np.ndarray, yt: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        w, b = keep_prior.fit(xt, yt, shipped.weights, shipped.bias, lam)
        return lambda xs: xs @ w + b

    sessions = np.array([session_of(r) for r in rows])
    before = x @ shipped.weights + shipped.bias
    after = loso(x, y, sessions, targets, refit)
    types = np.array([r["card"]["type"] for r in rows])
    pooled = np.isin(sessions, targets)
    scopes = [(f"{t}*", sessions == t) for t in targets] + [("pooled", pooled)] + [
        (f"pooled {t}", pooled & (types == t)) for t in TYPES]
    print(f"{len(y)} rated cards; precision {lam:.1f}; held out, shipped → refit, paired "
          f"change [{CONFIDENCE:.0%} interval bootstrapped over passages]")
    out = {}
    for name, m in scopes:
        if len(set(y[m])) < 2:
            continue
        out[name] = paired_auc(y[m], before[m], after[m], passages[m], seed, n)
        a, b, d, low, high = out[name]
        print(f"  {name:14s} n={m.sum():5d} {a:.3f} → {b:.3f}  {d:+.3f} [{low:+.3f}, {high:+.3f}]")
    return out


def tag_means(y: np.ndarray, pred: np.ndarray, types: np.ndarray, rows: list[dict],
              scope: np.ndarray, least: int = 5) -> dict[str, dict[str, tuple[float, float, int]]]:
    """Per reviewer defect tag and card type (with at least ``least`` tagged cards in
    ``scope``): the mean P(keep) of the tagged cards, that of the type's kept cards no
    reviewer tagged, and how many were tagged. The issue asks every defect class to score
    clearly lower than good cards."""
    clean = np.array([not r["defects"] for r in rows]) & (y == 1) & scope
    out: dict[str, dict[str, tuple[float, float, int]]] = {}
    for tag in sorted({t for r in rows for t in r["defects"]}):
        tagged = np.array([tag in r["defects"] for r in rows]) & scope
        cells = {t: (float(pred[tagged & (types == t)].mean()),
                     float(pred[clean & (types == t)].mean()), int((tagged & (types == t)).sum()))
                 for t in TYPES if (tagged & (types == t)).sum() >= least}
        if cells:
            out[tag] = cells
    return out


def delivered_score(rows: list[dict], keeps: np.ndarray) -> np.ndarray:
    """The quality_score each card would have been delivered with had the keep model said
    ``keeps``: its stored heuristic dimensions blended by the scorer's own formula (a card
    the keep model does not judge, a template's, keeps its score)."""
    out = []
    for r, k in zip(rows, keeps, strict=True):
        q = dict(r["card"].get("quality") or {})
        if "keep" not in q:
            out.append(r["card"].get("quality_score") or 0.0)
            continue
        found = round(math.log(q["soundness"]) / math.log(quality.SOUNDNESS)) \
            if q["soundness"] > 0 else 0
        q["keep"] = float(k)
        out.append(quality.blended(q, quality.heuristic(q), found))
    return np.array(out)


def report_transfer(sessions: dict[str, tuple]) -> None:
    every = _join(*sessions.values())
    print(", ".join(f"{k} {len(v[1])} agreed cards ({v[1].mean():.0%} kept)"
                    for k, v in sessions.items())
          + f"; topics: {len({topic(r) for r in every[3]})}")
    for k, (_, ys, _, rs) in sessions.items():
        if k == "dev":
            continue
        delivered = np.array([r["card"].get("quality_score") or 0.0 for r in rs])
        shipped = np.array([(r["card"].get("quality") or {}).get("keep", 0.0) for r in rs])
        print(f"on {k}, as delivered: quality_score AUC {_auc(ys, delivered):.3f}, P(keep) of "
              f"the model then shipped {_auc(ys, shipped):.3f}")
    rows = transfer(sessions)
    cols = list(rows[0][1])
    print(f"{'features':12s} " + " ".join(f"{c:>15s}" for c in cols))
    for name, aucs in rows:
        print(f"{name:12s} " + " ".join(f"{aucs[c]:15.3f}" for c in cols))


def report_thresholds(y: np.ndarray, pred: np.ndarray, rows: list[dict],
                      grid: tuple[float, ...] = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5),
                      newest: tuple[str, ...] = ("s9", "s10", "s10b", "s11", "s11b")) -> None:
    """Per type: the share of reviewed cards at or over each P(keep) floor (out of fold,
    grouped by passage) and the kept share among them, over every review and over the newest
    one alone (its reviewers' standard is the one the next review's is likeliest to match)."""
    types = np.array([r["card"]["type"] for r in rows])
    latest = np.array([r["review"].split("-")[0] in newest for r in rows])
    print(f"floor by type: cards left / kept share, all | {'+'.join(newest)} only")
    for t in ("qa", "mcq", "cloze", "tf"):
        cells = []
        for floor in grid:
            m = (types == t) & (pred >= floor)
            n = (types == t) & (pred >= floor) & latest
            cells.append(f"{floor:.2f}: {m.sum() / max(1, (types == t).sum()):.0%}/"
                         f"{y[m].mean() if m.any() else 0:.0%}|{n.sum()}/"
                         f"{y[n].mean() if n.any() else 0:.0%}")
        print(f"  {t:5s} " + "  ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=keep.WEIGHTS)
    parser.add_argument("--check", action="store_true", help="cross-validate only")
    parser.add_argument("--seen", type=Path, nargs="+", default=SEEN_FILES)
    parser.add_argument("--forward", action="store_true",
                        help="forward transfer (fit on earlier reviews, score later), per type")
    parser.add_argument("--newest", action="store_true",
                        help="forward AUC of fits with and without the newest review before it")
    parser.add_argument("--loro", action="store_true",
                        help="leave one review out: AUC per type, kept share at each type's bar, "
                             "and the bars for BAR_TARGET kept")
    parser.add_argument("--transfer", action="store_true",
                        help="DEV→s6, s6→DEV and leave-one-topic-out AUCs, old and new features")
    parser.add_argument("--loso-sessions", nargs="+", metavar="SESSION",
                        help="leave each of these sessions out (s31 s32 s33): held-out AUC of the "
                             "shipped weights and of the pulled refit, paired, with intervals")
    parser.add_argument("--drop-explore", action="store_true",
                        help="leave out the rated cards of the reviews' exploration shares")
    args = parser.parse_args(argv)
    explore = not args.drop_explore
    sessions = {"dev": load(args.data, explore)} | {
        path.stem.rsplit("_", 1)[-1]: load(path, explore) for path in args.seen}
    if args.forward:
        report_forward(sessions)
        return 0
    if args.newest:
        report_newest(sessions)
        return 0
    if args.loro:
        report_loro(sessions)
        return 0
    if args.transfer:
        report_transfer(sessions)
        return 0
    if args.loso_sessions:
        report_loso(sessions, args.loso_sessions)
        return 0
    x, y, groups, rows = _join(*sessions.values())
    pred, aucs = cross_validate(x, y, groups)
    numbers = report(y, pred, rows, aucs)
    report_thresholds(y, pred, rows, grid=(0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65))
    if args.check:
        return 0
    fitted = model().fit(x, y)  # type: ignore[attr-defined]
    meta = {"fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "data": [f"bench/data/{p.name}" for p in (args.data, *args.seen)],
            "cards": len(y), "C": C,
            "validation": f"{FOLDS}-fold CV grouped by passage x {REPEATS}", **numbers}
    args.out.write_text(json.dumps(export(fitted, meta), indent=1) + "\n", encoding="utf-8")
    print(f"weights → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
