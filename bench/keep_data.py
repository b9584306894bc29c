"""The DEV blind reviews as one training file for the keep model (``bench/keep_model.py``).

    .venv/bin/python -m bench.keep_data --review-dir /work/coordination/review \\
        --out bench/data/card_reviews_dev.jsonl

Reads each DEV review's sealed key (item → origin, type, full card, passage key) and its
reviewer's ratings, and writes one line per *cardstream* card a reviewer rated: the card as
delivered, its passage, and the rating (keep, usefulness 1–5, defect tags, note), with the
review's name and the engine commit it rated. Human SQuAD questions are left out (they have no
source sentence or engine tags to compute features from). Only DEV reviews are read; the TEST
review is held out and this command refuses a key whose split is not "dev".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

REVIEWS = ("dev", "dev2", "dev3")


def rows(review_dir: Path, review: str) -> list[dict[str, object]]:
    key = json.loads((review_dir / "keys" / f"{review}.key.json").read_text(encoding="utf-8"))
    if key.get("split") != "dev":
        raise SystemExit(f"{review}: split {key.get('split')!r}, only dev reviews may train")
    ratings = review_dir / "dev-ratings" / f"{review}.reviewer.jsonl"
    out: list[dict[str, object]] = []
    for line in ratings.read_text(encoding="utf-8").splitlines():
        rating = json.loads(line)
        item = key["items"].get(rating["item"])
        if item is None or item["origin"] != "cardstream" or rating.get("keep") is None:
            continue
        card = item["card"]
        out.append({
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review-dir", type=Path, default=Path("/work/coordination/review"))
    parser.add_argument("--out", type=Path, default=Path("bench/data/card_reviews_dev.jsonl"))
    args = parser.parse_args(argv)
    lines = [r for review in REVIEWS for r in rows(args.review_dir, review)]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                        encoding="utf-8")
    print(f"{len(lines)} rated cardstream cards → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
