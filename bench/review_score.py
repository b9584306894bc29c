"""Scoring a blind card review: reviewers' rating files + the sealed key → the numbers.

Unit of analysis is the item: with several reviewers an item's keep is the share of its
reviewers who kept it (and its usefulness their mean), so an item rated twice does not count
twice. Confidence intervals are 95 % percentile bootstraps over items (scipy.stats.bootstrap;
the ratio resamples both groups independently). Items of one passage are not independent (the
same text makes a card easy or hard to get right for people and program alike), so the ratio
also gets a paired interval that resamples whole passages: the one to quote. Agreement between
reviewers, on the items both rated: raw agreement and Cohen's kappa on keep, quadratic-weighted
kappa on usefulness (scikit-learn), per pair of reviewers.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

TARGET_RATIO = 0.9  # cardstream's kept share ≥ 0.9 x the human questions'
TARGET_TYPE_KEPT = 0.6  # every card type ≥ 60 % kept
TARGET_MCQ_DISTRACTOR = 0.10  # distractor defects on ≤ 10 % of multiple-choice cards
TYPES = ("qa", "mcq", "cloze", "tf")


class RatingsError(ValueError):
    """A ratings file that cannot be scored against this key (one line says why)."""


class Rating(NamedTuple):
    keep: bool
    usefulness: int
    tags: frozenset[str]


def _keep(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "y", "no", "n"):
        return value.strip().lower() in ("yes", "y")
    raise ValueError(f"keep must be true/false (or yes/no), not {value!r}")


def read_ratings(path: Path, items: dict[str, Any], allowed: Iterable[str]) -> dict[str, Rating]:
    """One reviewer's ratings by item id; lines still blank (keep null) are skipped."""
    allowed = set(allowed)
    out: dict[str, Rating] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            item = row["item"]
            if item not in items:
                raise ValueError(f"item {item!r} is not in this key (another packet?)")
            if item in out:
                raise ValueError(f"item {item} is rated twice")
            if row.get("keep") is None and row.get("usefulness") is None:
                continue
            usefulness = row["usefulness"]
            if isinstance(usefulness, bool) or usefulness not in (1, 2, 3, 4, 5):
                raise ValueError(f"usefulness must be 1..5, not {usefulness!r}")
            tags = frozenset(row.get("tags") or ())
            if tags - allowed:
                raise ValueError(f"unknown tags {sorted(tags - allowed)}; use {sorted(allowed)}")
            out[item] = Rating(_keep(row.get("keep")), int(usefulness), tags)
        except (ValueError, KeyError, TypeError) as exc:
            raise RatingsError(f"{where}: {exc}") from exc
    if not out:
        raise RatingsError(f"{path}: no rated items")
    return out


def interval(values: np.ndarray, seed: int) -> list[float] | None:
    """95 % percentile bootstrap interval of the mean, or None when it says nothing."""
    from scipy.stats import bootstrap

    if len(values) < 2 or np.all(values == values[0]):
        return None
    res = bootstrap((values,), np.mean, confidence_level=0.95, method="percentile",
                    n_resamples=5000, rng=np.random.default_rng(seed))
    return [float(res.confidence_interval.low), float(res.confidence_interval.high)]


def ratio_interval(a: np.ndarray, b: np.ndarray, seed: int) -> list[float] | None:
    from scipy.stats import bootstrap

    def ratio(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        # a resample where no human question was kept gives a huge ratio, not a NaN that
        # would void the whole interval
        return np.mean(x, axis=axis) / np.maximum(np.mean(y, axis=axis), 1e-9)

    if len(a) < 2 or len(b) < 2:
        return None
    res = bootstrap((a, b), ratio, confidence_level=0.95, method="percentile",
                    n_resamples=5000, rng=np.random.default_rng(seed), vectorized=True)
    return [float(res.confidence_interval.low), float(res.confidence_interval.high)]


def passage_ratio_interval(cs: list[tuple[str, float]], hu: list[tuple[str, float]],
                           seed: int) -> list[float] | None:
    """95 % percentile interval of kept(cs)/kept(hu) resampling passages (a cluster bootstrap):
    each resample draws passages with replacement and pools both groups' items of each."""
    from scipy.stats import bootstrap

    passages = sorted({p for p, _ in cs} & {p for p, _ in hu})
    if len(passages) < 2:
        return None
    index = {p: i for i, p in enumerate(passages)}
    sums = np.zeros((4, len(passages)))  # cardstream kept, items; human kept, items
    for row, pairs in ((0, cs), (2, hu)):
        for passage, keep in pairs:
            if passage in index:
                sums[row, index[passage]] += keep
                sums[row + 1, index[passage]] += 1

    def ratio(idx: np.ndarray, axis: int = -1) -> np.ndarray:
        picked = sums[:, idx.astype(int)].sum(axis=axis)  # (4, n_resamples) or (4,)
        return (picked[0] / np.maximum(picked[1], 1)) / np.maximum(
            picked[2] / np.maximum(picked[3], 1), 1e-9)

    res = bootstrap((np.arange(len(passages), dtype=float),), ratio, confidence_level=0.95,
                    method="percentile", n_resamples=5000, rng=np.random.default_rng(seed),
                    vectorized=True)
    return [float(res.confidence_interval.low), float(res.confidence_interval.high)]


def _per_item(ratings: dict[str, dict[str, Rating]],
              distractor_tags: Iterable[str]) -> dict[str, dict[str, Any]]:
    flags = set(distractor_tags)
    by_item: dict[str, list[Rating]] = {}
    for reviewer in ratings.values():
        for item, rating in reviewer.items():
            by_item.setdefault(item, []).append(rating)
    return {
        item: {
            "keep": float(np.mean([r.keep for r in rs])),
            "usefulness": float(np.mean([r.usefulness for r in rs])),
            "distractor": float(np.mean([bool(r.tags & flags) for r in rs])),
            "tags": [t for r in rs for t in r.tags],
            "raters": len(rs),
        }
        for item, rs in by_item.items()
    }


def _group(rows: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    keep = np.array([r["keep"] for r in rows])
    use = np.array([r["usefulness"] for r in rows])
    if not rows:
        return {"items": 0}
    return {"items": len(rows), "ratings": sum(r["raters"] for r in rows),
            "kept": float(keep.mean()), "kept_ci": interval(keep, seed),
            "usefulness": float(use.mean()), "usefulness_ci": interval(use, seed)}


def agreement(ratings: dict[str, dict[str, Rating]]) -> list[dict[str, Any]]:
    """Per pair of reviewers, on the items both rated."""
    from sklearn.metrics import cohen_kappa_score

    pairs = []
    for a, b in itertools.combinations(sorted(ratings), 2):
        common = sorted(set(ratings[a]) & set(ratings[b]))
        ka = [ratings[a][i].keep for i in common]
        kb = [ratings[b][i].keep for i in common]
        ua = [ratings[a][i].usefulness for i in common]
        ub = [ratings[b][i].usefulness for i in common]
        pair: dict[str, Any] = {"reviewers": [a, b], "items": len(common)}
        if common:
            pair["keep_agreement"] = float(np.mean(np.array(ka) == np.array(kb)))
            # kappa is undefined when both reviewers gave one and the same answer throughout
            pair["keep_kappa"] = (float(cohen_kappa_score(ka, kb))
                                  if len(set(ka) | set(kb)) > 1 else None)
            pair["usefulness_kappa_quadratic"] = (
                float(cohen_kappa_score(ua, ub, labels=[1, 2, 3, 4, 5], weights="quadratic"))
                if len(set(ua) | set(ub)) > 1 else None)
        pairs.append(pair)
    return pairs


def wilson(kept: float, n: int) -> list[float] | None:
    """95 % Wilson score interval of a kept share over ``n`` items (``kept`` of them kept, an
    item counting as the share of its reviewers who kept it, rounded): defined for a handful
    of items and for none or all kept, where a bootstrap says nothing."""
    from scipy.stats import binomtest

    if n < 1:
        return None
    ci = binomtest(min(n, round(kept)), n).proportion_ci(0.95, method="wilson")
    return [float(ci.low), float(ci.high)]


def _predicted(entry: dict[str, Any]) -> float | None:
    """The P(keep) the engine gave an exploration card (in a merged key, the mean of its
    explorers')."""
    meta = entry.get("explore") or {}
    if "keep" in meta:
        return float(meta["keep"])
    keeps = [m["keep"] for m in meta.values() if isinstance(m, dict) and "keep" in m]
    return float(np.mean(keeps)) if keeps else None


def explore_report(explored: dict[str, Any], served: dict[str, Any],
                   ratings: dict[str, dict[str, Rating]], distractor_tags: Iterable[str],
                   form: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """The exploration cards' block, apart from every other number: per form the rated
    items, their kept share (Wilson 95 %), the mean P(keep) the engine gave them, and beside
    it the served cards of the same form in this review (their kept share)."""
    per = _per_item(ratings, distractor_tags)

    def block(rows: list[dict[str, Any]]) -> dict[str, Any]:
        keep = [r["keep"] for r in rows]
        return {"items": len(rows), "kept": float(np.mean(keep)) if rows else None,
                "kept_ci": wilson(sum(keep), len(rows))}

    mine = [{**explored[i], **per[i], "form": form(explored[i]["card"])}
            for i in explored if i in per]
    theirs = [{**served[i], **per[i], "form": form(served[i]["card"])}
              for i in served if i in per and served[i]["origin"] == "cardstream"]
    forms: dict[str, Any] = {}
    for shape in sorted({r["form"] for r in mine}):
        rows = [r for r in mine if r["form"] == shape]
        predicted = [p for p in map(_predicted, rows) if p is not None]
        forms[shape] = {**block(rows),
                        "predicted": float(np.mean(predicted)) if predicted else None,
                        "served": block([r for r in theirs if r["form"] == shape])}
    return {**block(mine), "forms": forms}


def score(items: dict[str, Any], ratings: dict[str, dict[str, Rating]],
          distractor_tags: Iterable[str], seed: int = 9,
          form: Callable[[dict[str, Any]], str] | None = None,
          explore: str = "explore") -> dict[str, Any]:
    """The report: kept share and usefulness per corpus, origin and type, the targets.

    Items of origin ``explore`` (the declared exploration share: cards the engine made but
    did not serve) are left out of every number, agreement and count included, and reported
    apart in ``explore`` (by ``form``): the rest of the report is what it is without them."""
    explored = {i: e for i, e in items.items() if e["origin"] == explore}
    everything = ratings
    if explored:
        items = {i: e for i, e in items.items() if i not in explored}
        ratings = {who: {i: r for i, r in rs.items() if i not in explored}
                   for who, rs in ratings.items()}
    report = _score(items, ratings, distractor_tags, seed)
    if explored:
        report["explore"] = explore_report(explored, items, everything, distractor_tags,
                                           form or (lambda card: str(card["type"])))
    return report


def _score(items: dict[str, Any], ratings: dict[str, dict[str, Rating]],
           distractor_tags: Iterable[str], seed: int) -> dict[str, Any]:
    per = _per_item(ratings, distractor_tags)
    rows = [{**items[i], **per[i], "item": i} for i in per]

    def select(corpus: str | None, origin: str, type_: str | None) -> list[dict[str, Any]]:
        return [r for r in rows if r["origin"] == origin and (corpus is None or
                r["corpus"] == corpus) and (type_ is None or r["type"] == type_)]

    groups: dict[str, Any] = {"squad/human/all": _group(select("squad", "human", None), seed)}
    for corpus, label in (("squad", "squad"), ("textbook", "textbook"), (None, "all")):
        groups[f"{label}/cardstream/all"] = _group(select(corpus, "cardstream", None), seed)
        for t in TYPES:
            groups[f"{label}/cardstream/{t}"] = _group(select(corpus, "cardstream", t), seed)

    cs = np.array([r["keep"] for r in select("squad", "cardstream", None)])
    hu = np.array([r["keep"] for r in select("squad", "human", None)])
    ratio = float(cs.mean() / hu.mean()) if len(cs) and len(hu) and hu.mean() > 0 else None
    mcq = np.array([r["distractor"] for r in select(None, "cardstream", "mcq")])
    type_kept = {t: groups[f"all/cardstream/{t}"].get("kept") for t in TYPES}
    tags: dict[str, dict[str, float]] = {}
    for origin in ("cardstream", "human"):
        mine = select("squad", origin, None)
        n = sum(r["raters"] for r in mine)
        counts: dict[str, int] = {}
        for r in mine:
            for t in r["tags"]:
                counts[t] = counts.get(t, 0) + 1
        tags[origin] = {t: c / n for t, c in sorted(counts.items(), key=lambda kv: -kv[1])}
    return {
        "reviewers": {name: len(r) for name, r in sorted(ratings.items())},
        "items_rated": len(rows),
        "groups": groups,
        "ratio": {"value": ratio, "ci": ratio_interval(cs, hu, seed) if ratio else None,
                  "ci_passages": passage_ratio_interval(
                      [(r.get("passage", r["item"]), r["keep"])
                       for r in select("squad", "cardstream", None)],
                      [(r.get("passage", r["item"]), r["keep"])
                       for r in select("squad", "human", None)], seed) if ratio else None,
                  "target": TARGET_RATIO, "met": ratio is not None and ratio >= TARGET_RATIO},
        "type_kept": {"value": type_kept, "target": TARGET_TYPE_KEPT,
                      "met": all(v is not None and v >= TARGET_TYPE_KEPT
                                 for v in type_kept.values())},
        "mcq_distractor_defects": {
            "value": float(mcq.mean()) if len(mcq) else None, "items": len(mcq),
            "ci": interval(mcq, seed), "target": TARGET_MCQ_DISTRACTOR,
            "met": bool(len(mcq)) and float(mcq.mean()) <= TARGET_MCQ_DISTRACTOR},
        "tag_share_squad": tags,
        "agreement": agreement(ratings),
    }


def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{100 * x:5.1f}%"


def _ci(ci: list[float] | None, scale: float = 100, fmt: str = "{:.0f}") -> str:
    return "" if ci is None else f"[{fmt.format(scale * ci[0])}, {fmt.format(scale * ci[1])}]"


def format_report(report: dict[str, Any], key: dict[str, Any]) -> str:
    lines = [f"blind review: split {key.get('split')}, engine {key.get('engine')} at "
             f"{str(key.get('commit'))[:10]}; reviewers {report['reviewers']}; "
             f"{report['items_rated']} items rated",
             "", f"{'group':28s} {'items':>5s} {'kept':>6s} {'95% CI':>11s} "
             f"{'useful':>6s} {'95% CI':>12s}"]
    for name, g in report["groups"].items():
        if not g["items"]:
            lines.append(f"{name:28s} {0:5d}")
            continue
        lines.append(f"{name:28s} {g['items']:5d} {_pct(g['kept'])} {_ci(g['kept_ci']):>11s} "
                     f"{g['usefulness']:6.2f} {_ci(g['usefulness_ci'], 1, '{:.2f}'):>12s}")
    r, t, m = report["ratio"], report["type_kept"], report["mcq_distractor_defects"]
    verdict = {True: "MET", False: "MISSED"}
    ratio = "n/a" if r["value"] is None else (
        f"{r['value']:.2f} {_ci(r['ci'], 1, '{:.2f}')} over items, "
        f"{_ci(r.get('ci_passages'), 1, '{:.2f}') or 'n/a'} over passages")
    lines += ["", "targets (SQuAD paragraphs for the ratio; all cardstream cards otherwise):",
              f"  kept(cardstream)/kept(human) = {ratio}  target ≥ {r['target']}  "
              f"{verdict[r['met']]}",
              "  kept per type: " + ", ".join(f"{k} {_pct(v).strip()}"
                                              for k, v in t["value"].items())
              + f"  target each ≥ {100 * t['target']:.0f}%  {verdict[t['met']]}",
              f"  MCQ cards with a distractor defect: {_pct(m['value']).strip()} of {m['items']}"
              f" {_ci(m['ci'])}  target ≤ {100 * m['target']:.0f}%  {verdict[m['met']]}", ""]
    for origin, shares in report["tag_share_squad"].items():
        top = ", ".join(f"{k} {100 * v:.0f}%" for k, v in list(shares.items())[:6]) or "none"
        lines.append(f"defect tags on SQuAD, {origin} (share of ratings): {top}")
    for pair in report["agreement"]:
        if not pair["items"]:
            continue
        kk = pair["keep_kappa"]
        uk = pair["usefulness_kappa_quadratic"]
        lines.append(f"agreement {pair['reviewers'][0]} vs {pair['reviewers'][1]} on "
                     f"{pair['items']} items: keep {100 * pair['keep_agreement']:.0f}% "
                     f"(kappa {'n/a' if kk is None else f'{kk:.2f}'}), usefulness weighted "
                     f"kappa {'n/a' if uk is None else f'{uk:.2f}'}")
    if not report["agreement"]:
        lines.append("agreement: one reviewer only")
    if report.get("explore"):
        x = report["explore"]
        lines += ["", f"EXPLORATION (declared share: cards the engine made but did not serve; "
                      f"in none of the numbers above): {x['items']} items rated, kept "
                      f"{_pct(x['kept']).strip()} {_ci(x['kept_ci'])}",
                  f"  {'form':18s} {'items':>5s} {'kept':>6s} {'95% CI':>11s} "
                  f"{'P(keep)':>7s}   served: {'items':>5s} {'kept':>6s}"]
        for shape, f in x["forms"].items():
            predicted = "    n/a" if f["predicted"] is None else f"{f['predicted']:7.2f}"
            lines.append(f"  {shape:18s} {f['items']:5d} {_pct(f['kept'])} "
                         f"{_ci(f['kept_ci']):>11s} {predicted}           "
                         f"{f['served']['items']:5d} {_pct(f['served']['kept'])}")
    return "\n".join(lines)
