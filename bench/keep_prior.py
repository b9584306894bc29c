"""Refit the keep model pulled towards the weights it replaces, not towards zero.

    .venv/bin/python -m bench.keep_prior --out agents/generation/keep_model.json
    .venv/bin/python -m bench.keep_prior --prior OLD.json --out …   # towards OLD.json
    .venv/bin/python -m bench.keep_prior --stable s24 s25 s26 --out …  # only stable features
    .venv/bin/python -m bench.keep_prior --until s29c --out /tmp/k.json  # DEV..s29c only

(the default prior is ``keep.WEIGHTS``, the weights in force: rerun on weights this wrote, give
``--prior`` the file they were pulled from, e.g. ``git show <commit>:agents/generation/…``)

``bench.keep_model`` refits from scratch: an L2 penalty pulls the standardised weights towards
zero, so a few hundred newly rated cards move every weight the whole way the joint fit asks
(session 25's DEV..s24c refit doubled the weight of ``defect_absurd_false``, and its re-ranked
decks served unrated cards in place of rated-kept ones). Here the penalty pulls towards the
weights in force instead, with the precision those weights carry: the mean diagonal of the
Fisher information of their own fit on the cards they were fitted on (their ``data``; an
isotropic Laplace approximation of that fit). The old cards then count twice, once in the
penalty and once in the likelihood, and the new reviews move the weights about half as far as
a refit from scratch would. The bias is not penalised (the type weights set each type's level).

``--until REVIEW`` fits on DEV and the seen reviews through REVIEW only (``keep_model.ORDER``):
the refit a session before would have made, to be judged on the decks of the reviews it
leaves out (``bench.keep_decks --reviews …``), which it never saw.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

from agents.generation import keep
from bench import keep_model


def fit(x: np.ndarray, y: np.ndarray, w0: np.ndarray, b0: float, lam: float,
        free: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Logistic regression on standardised features whose L2 penalty ``lam / 2 · |w − w0|²``
    pulls the weights towards ``w0`` (raw-feature weights, as shipped); returns the raw-feature
    weights and bias, the scaler folded in as ``keep_model.export`` folds it. ``free`` (a mask
    over the features) refits only those weights: the others stay at ``w0`` (``stable``)."""
    free = np.ones(len(w0), bool) if free is None else np.asarray(free, bool)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    xs = (x - scaler.mean_) / scale
    centre = w0 * scale
    held = xs[:, ~free] @ centre[~free]  # the fixed weights' share of each card's logit
    xf, cf = xs[:, free], centre[free]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = held + xf @ w + b
        residual = expit(z) - y
        pull = w - cf
        return (float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * pull @ pull),
                np.append(xf.T @ residual + lam * pull, residual.sum()))

    start = np.append(cf, b0 + w0 @ scaler.mean_)
    theta = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 5000}).x
    ws = centre.copy()
    ws[free] = theta[:-1]
    w = ws / scale
    return w, float(theta[-1] - w @ scaler.mean_)


def stable(x: np.ndarray, y: np.ndarray, reviews: np.ndarray, sessions: list[list[str]],
           w0: np.ndarray, b0: float, lam: float) -> np.ndarray:
    """The features whose refit helps on every one of ``sessions`` (each a list of reviews):
    with only that weight (and the bias) free, each review scored by the fit on every other
    one, the held-out ROC AUC over each session's cards beats that of the bias-only refit (the
    prior's ranking). A mask over the features. Refitting every weight lets a gain on one
    session pay for re-ranking on another: three such refits served unrated cards in place of
    rated-kept ones and were declined (bench/data/declined_refits.json)."""
    targets = [r for group in sessions for r in group]
    scopes = [np.isin(reviews, group) for group in sessions]

    def held_out(free: np.ndarray) -> np.ndarray:
        pred = np.zeros(len(y))
        for review in targets:
            test = reviews == review
            w, b = fit(x[~test], y[~test], w0, b0, lam, free)
            pred[test] = x[test] @ w + b
        return pred

    base = held_out(np.zeros(len(w0), bool))
    out = np.zeros(len(w0), bool)
    for j in range(len(w0)):
        pred = held_out(np.arange(len(w0)) == j)
        out[j] = all(roc_auc_score(y[m], pred[m]) > roc_auc_score(y[m], base[m]) for m in scopes)
    return out


def precision(x: np.ndarray, p: np.ndarray) -> float:
    """The evidence a fit carries per standardised weight: the mean diagonal of its Fisher
    information ``Σ p(1−p) x²`` over the cards it was fitted on (constant columns left out)."""
    scaler = StandardScaler().fit(x)
    varies = scaler.var_ > 0
    xs = (x[:, varies] - scaler.mean_[varies]) / scaler.scale_[varies]
    return float(np.mean((xs ** 2 * (p * (1 - p))[:, None]).sum(axis=0)))


def fitted_cards(prior: keep.KeepModel, parts: dict[str, np.ndarray]) -> np.ndarray:
    """The feature rows of the cards ``prior`` was fitted on (its ``data``), of ``parts``: a
    training file's rows by its name (``card_reviews_s7.jsonl``) or by its review (``s7``,
    ``dev``; ``bench.keep_model.main``'s keys)."""
    data = [Path(str(p)) for p in prior.meta["data"]]  # type: ignore[attr-defined]
    fitted_on = {p.name for p in data} | {p.stem.rsplit("_", 1)[-1] for p in data}
    return np.vstack([x for name, x in parts.items() if name in fitted_on])


def pulled_precision(prior: keep.KeepModel, parts: dict[str, np.ndarray]) -> float:
    """The precision a refit pulled towards ``prior`` uses (``precision`` of its own fit)."""
    x_old = fitted_cards(prior, parts)
    return precision(x_old, expit(x_old @ prior.weights + prior.bias))


def files(until: str | None = None) -> list[Path]:
    """The training files of a refit: DEV's and every seen review's (``keep_model.SEEN_FILES``,
    in the order they were made), or only those through the review ``until``."""
    if until is not None and until not in keep_model.ORDER:
        raise ValueError(f"{until!r} is not a seen review (bench.splits.SEEN_REVIEWS)")
    seen = keep_model.SEEN_FILES
    if until is not None:
        seen = seen[:keep_model.ORDER.index(until) + 1]
    return [keep_model.DATA, *seen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prior", type=Path, default=keep.WEIGHTS,
                        help="the weights to pull towards (default: the shipped ones)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stable", nargs="+", metavar="SESSION",
                        help="refit only the features whose held-out gain holds on each of "
                             "these sessions' reviews (e.g. s24 s25 s26; ``stable``)")
    parser.add_argument("--until", metavar="REVIEW",
                        help="fit on DEV and the seen reviews through this one only (s29c)")
    args = parser.parse_args(argv)
    prior = keep.KeepModel.load(args.prior)
    sessions = {path.name: keep_model.load(path) for path in files(args.until)}
    x, y, groups, rows = keep_model._join(*sessions.values())
    x_old = fitted_cards(prior, {name: s[0] for name, s in sessions.items()})
    lam = pulled_precision(prior, {name: s[0] for name, s in sessions.items()})
    free = None
    if args.stable:
        reviews = np.array([keep_model.review_of(r) for r in rows])
        free = stable(x, y, reviews, [[r for r in keep_model.ORDER if r.rstrip("bc") == s]
                                      for s in args.stable], prior.weights, prior.bias, lam)
    w, b = fit(x, y, prior.weights, prior.bias, lam, free)

    # the selection (free) is made once, on held-out reviews, and kept fixed in the CV below
    def procedure(xt: np.ndarray, yt: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        wt, bt = fit(xt, yt, prior.weights, prior.bias, lam, free)
        return lambda xs: expit(xs @ wt + bt)  # type: ignore[no-any-return]

    # the shipped file's validation: this procedure cross-validated as bench.keep_model's is
    pred, aucs = keep_model.cross_validate(x, y, groups, fit=procedure)
    numbers = keep_model.report(y, pred, rows, aucs)
    out = keep_model.weights_file(w, b, {
        "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": [f"bench/data/{name}" for name in sessions], "cards": len(y),
        "validation": f"{keep_model.FOLDS}-fold CV grouped by passage x {keep_model.REPEATS}",
        **numbers, "prior": {"fitted_at": prior.meta.get("fitted_at"), "fitted_on": len(x_old),
                             "precision": round(lam, 1)}}
        | ({} if free is None else {"refitted": {
            "held_out_gain_on_each_of": args.stable,
            "features": [n for n, f in zip(keep.NAMES, free, strict=True) if f]}}))
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{len(y)} cards, pulled towards {args.prior} (fitted on {len(x_old)}) with "
          f"precision {lam:.1f} → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
