"""The blind reviews as training files for the keep model (``bench/keep_model.py``).

    .venv/bin/python -m bench.keep_data --review-dir /work/coordination/review \\
        --out bench/data/card_reviews_dev.jsonl
    .venv/bin/python -m bench.keep_data --seen bench/data/reviews \\
        --out bench/data/card_reviews_s6.jsonl
    .venv/bin/python -m bench.keep_data --seen bench/data/reviews --session s7 \\
        --out bench/data/card_reviews_s7.jsonl
    .venv/bin/python -m bench.keep_data --seen bench/data/reviews --session s8 \\
        --out bench/data/card_reviews_s8.jsonl
    seen=$(.venv/bin/python -c "from bench.splits import SEEN_REVIEWS as s; print(*s[3:])")
    for s in $seen; do \\
        .venv/bin/python -m bench.keep_data --seen bench/data/reviews --session $s \\
        --out bench/data/card_reviews_$s.jsonl; done
    .venv/bin/python -m bench.keep_data --context bench/data/card_reviews_s9.jsonl …

Reads each DEV review's sealed key (item → origin, type, full card, passage key) and its
reviewer's ratings, and writes one line per *cardstream* card a reviewer rated (a card of a
review's exploration share too, flagged ``"explore": true`` with its ``form``): the card as
delivered, its passage, and the rating (keep, usefulness 1–5, defect tags, note), with the
review's name and the engine commit it rated. Human SQuAD questions are left out (they have no
source sentence or engine tags to compute features from). Only DEV reviews are read; the TEST
review is held out and this command refuses a key whose split is not "dev".

``--seen`` reads a seen held-out review instead (``--session s6``, ``s7`` or ``s8``; session 7's
has a third packet, ``s7-both``, both engines' cards rated in one sitting by r7e and r7f;
session 8's one packet, ``s8-both``, was rated by three reviewers and a card's ``keep`` is their
majority): its
passages are now *seen*
(``bench/data/reviews/README.md``): each packet (``s6-after``, ``s6-before``) was rated by two
reviewers, each alone. A card's ``keep`` is their agreement: kept when both kept it, not kept
when neither did; the ~6 % of cards they split on are written with ``keep: null`` (and both
verdicts in ``ratings``) so that a fit or an AUC can leave them out rather than guess. The key
holds the card as delivered (tags, source sentence, scores), so its features come from the
card exactly as for DEV.

``--context FILE …`` adds to each line what the engine knows of the card's page and the card
alone does not hold: ``card_cosine``, the card's closeness to its page's centroid (MiniLM), by
the scorer's own code (``QualityScorer.topic_cosines`` over ``prepare``'s centroid). It reads
the passages' texts through ``bench.splits``: DEV's, and of the held-out files only the 40
passages session 6's and session 7's keys list (they are seen). Re-run it when the card vector
changes.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.card_review import EXPLORE, form
from bench.splits import SEEN_REVIEWS

REVIEWS = ("dev", "dev2", "dev3")
ORIGINS = ("cardstream", EXPLORE)  # the engine's rated cards: served, and explored
# the held-out reviews of sessions 6 and 7, now seen: packet → its two reviewers' ratings files
# (s7-both is session 7's merged packet: both engines' cards rated in one sitting)
_EARLY = {"s6-after": ("r6a", "r6b"), "s6-before": ("r6c", "r6d"),
          "s7-after": ("r7a", "r7b"), "s7-before": ("r7c", "r7d"), "s7-both": ("r7e", "r7f")}


def _reviewers(review: str) -> tuple[str, ...]:
    """From session 8 on a review's one merged packet (both engines' cards in one sitting) was
    rated by three reviewers, named for the session and the review's place in it: s25 by
    r25a-c, s25b by r25d-f, s25c by r25g-i."""
    session, nth = review[1:].rstrip("bc"), {"b": 1, "c": 2}.get(review[-1], 0)
    return tuple(f"r{session}{chr(ord('a') + 3 * nth + k)}" for k in range(3))


# every seen packet that trains the keep model → its reviewers' ratings files, derived from the
# one list of seen reviews (bench.splits.SEEN_REVIEWS); a card's keep is their majority
SEEN = {**_EARLY, **{f"{review}-both": _reviewers(review) for review in SEEN_REVIEWS
                     if review not in ("s6", "s7")}}

def rows(review_dir: Path, review: str) -> list[dict[str, object]]:
    key = json.loads((review_dir / "keys" / f"{review}.key.json").read_text(encoding="utf-8"))
    if key.get("split") != "dev":
        raise SystemExit(f"{review}: split {key.get('split')!r}, only dev reviews may train")
    ratings = review_dir / "dev-ratings" / f"{review}.reviewer.jsonl"
    out: list[dict[str, object]] = []
    for line in ratings.read_text(encoding="utf-8").splitlines():
        rating = json.loads(line)
        item = key["items"].get(rating["item"])
        if item is None or item["origin"] not in ORIGINS or rating.get("keep") is None:
            continue
        card = item["card"]
        out.append({
            **_explore(item),
            "review": review,
            "engine_commit": key.get("commit", ""),
            "item": rating["item"],
            "passage": item["passage"],  # its text: bench.splits
            "corpus": item["corpus"],
            "card": {k: card.get(k) for k in (
                "type", "question", "answer", "choices", "source_sentence", "tags", "language",
                "quality_score", "quality")},
            "keep": bool(rating["keep"]),
            "usefulness": int(rating["usefulness"]),
            "defects": list(rating.get("tags", [])),
            "note": rating.get("note", ""),
        })
    return out


def seen_rows(reviews: Path, packet: str) -> list[dict[str, object]]:
    """One line per cardstream card of a seen packet, labelled by its two reviewers' agreement."""
    key = json.loads((reviews / f"{packet}.key.json").read_text(encoding="utf-8"))
    ratings = [{r["item"]: r for r in map(json.loads, (reviews / f"{name}.jsonl").read_text(
        encoding="utf-8").splitlines()) if r.get("keep") is not None} for name in SEEN[packet]]
    out: list[dict[str, object]] = []
    for item, entry in key["items"].items():
        if entry["origin"] not in ORIGINS or not all(item in r for r in ratings):
            continue
        verdicts = [bool(r[item]["keep"]) for r in ratings]
        card = entry["card"]
        out.append({
            **_explore(entry),
            "review": packet,
            "engine_commit": key.get("commit", ""),
            "item": item,
            "passage": entry["passage"],
            "corpus": entry["corpus"],
            "card": {k: card.get(k) for k in (
                "type", "question", "answer", "choices", "source_sentence", "tags", "language",
                "quality_score", "quality")},
            "keep": _agreed(verdicts),
            "ratings": verdicts,
            "usefulness": sum(int(r[item]["usefulness"]) for r in ratings) / len(ratings),
            "defects": sorted({t for r in ratings for t in r[item].get("tags", [])}),
            "note": " | ".join(r[item].get("note", "") for r in ratings if r[item].get("note")),
        })
    return out


def _explore(entry: dict[str, object]) -> dict[str, object]:
    """A card of a review's declared exploration share (``bench.card_review build --explore``:
    made by the engine, not served, rated blind like the rest) is a training row like any,
    flagged ``"explore": true`` with its form, so that a fit can weigh it or drop it (it was
    drawn for its rare form, not by selection); a served card's row has no such field."""
    if entry["origin"] != EXPLORE:
        return {}
    return {"explore": True, "form": form(entry["card"])}  # type: ignore[arg-type]


def _agreed(verdicts: list[bool]) -> bool | None:
    """Two reviewers: their agreement (None when they split). Three: the majority, which is
    what the review's kept share averages to and leaves no card out."""
    if len(verdicts) % 2:
        return sum(verdicts) * 2 > len(verdicts)
    return verdicts[0] if len(set(verdicts)) == 1 else None


def passages(keys: set[str]) -> dict[str, str]:
    """The texts of the given passages: DEV's, and the seen held-out ones (no other)."""
    from bench import splits

    texts = {key: p.text for key, p in splits.seen_passages().items()}
    missing = keys - set(texts)
    if missing:
        raise SystemExit(f"no text for {sorted(missing)[:3]}: neither DEV nor seen")
    return {k: texts[k] for k in keys}


def add_context(path: Path) -> None:
    """Each card's closeness to its page, computed as the scorer computes it."""
    from agents.encoder import shared_encoder
    from agents.generation import keep
    from agents.generation.prepare import prepare
    from agents.generation.quality import QualityScorer
    from agents.generation.types import GenerationRequest

    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    encoder = shared_encoder()
    scorer = QualityScorer(encoder, keep_model=None)
    for key, text in passages({r["passage"] for r in lines}).items():
        doc, centroid, _ = prepare(GenerationRequest(text, "keep-data"), encoder)
        mine = [r for r in lines if r["passage"] == key]
        cosines = scorer.topic_cosines([keep.from_card(r["card"]) for r in mine], centroid,
                                       dict(doc.vectors))
        assert cosines is not None
        for r, cosine in zip(mine, cosines, strict=True):
            r["card_cosine"] = round(float(cosine), 4)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                    encoding="utf-8")
    print(f"{len(lines)} cards of {path}: card_cosine added")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review-dir", type=Path, default=Path("/work/coordination/review"))
    parser.add_argument("--seen", type=Path, default=None,
                        help="read the seen reviews (bench/data/reviews) instead of DEV")
    parser.add_argument("--session", default="s6",
                        help=f"with --seen: the review whose packets to read ({SEEN_REVIEWS[0]} … "
                        f"{SEEN_REVIEWS[-1]}: bench.splits.SEEN_REVIEWS)")
    parser.add_argument("--out", type=Path, default=Path("bench/data/card_reviews_dev.jsonl"))
    parser.add_argument("--context", type=Path, nargs="+", default=None,
                        help="add each card's closeness to its page to these files (in place)")
    args = parser.parse_args(argv)
    if args.context:
        for path in args.context:
            add_context(path)
        return 0
    if args.seen is not None:
        lines = [r for packet in SEEN if packet.split("-")[0] == args.session
                 for r in seen_rows(args.seen, packet)]
    else:
        lines = [r for review in REVIEWS for r in rows(args.review_dir, review)]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                        encoding="utf-8")
    print(f"{len(lines)} rated cardstream cards → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
