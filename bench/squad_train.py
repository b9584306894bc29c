"""SQuAD v1.1 *train* articles: material to tune question wording on that no bench holds out.

The shared subset's DEV split is one article (96 questions), too small to tune on; its TEST
split and ``squad_heldout.json`` come from SQuAD *dev*, so train articles share no paragraph
with either. The file is not in this repository: point ``CARDSTREAM_SQUAD_TRAIN`` at a copy of
``train-v1.1.json`` (https://rajpurkar.github.io/SQuAD-explorer/, CC BY-SA 4.0). A copy cut
short (as some mirrors hold it) is read up to its last complete article.

The articles are split once by their place in the file: every third article (2, 5, 8, …) is
TUNE — the bench samples its pairs from these (``sample``) — and the others are FIT, the
material a learned component (the wh-phrase model, ``bench/wh_model.py``) is trained on, so
that what the bench scores was never fitted.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from bench.splits import Passage
from retrainer.question_writer import squad_articles

ENV = "CARDSTREAM_SQUAD_TRAIN"


class MissingTrainSet(RuntimeError):
    """No SQuAD train file where CARDSTREAM_SQUAD_TRAIN points."""


def articles(path: Path | None = None) -> list[dict]:
    """The complete articles of the train file, in file order."""
    if path is None:
        where = os.environ.get(ENV)
        if not where:
            raise MissingTrainSet(f"set {ENV} to a copy of SQuAD's train-v1.1.json")
        path = Path(where)
    if not path.is_file():
        raise MissingTrainSet(f"{ENV}={path}: no such file (want SQuAD's train-v1.1.json)")
    return squad_articles(path)


def part(which: str, path: Path | None = None) -> list[Passage]:
    """Every paragraph of the FIT or TUNE articles as a Passage (split ``"train"``)."""
    if which not in ("fit", "tune"):
        raise ValueError(f"unknown part {which!r}; use fit or tune")
    out = []
    for n, article in enumerate(articles(path)):
        if (n % 3 == 2) != (which == "tune"):
            continue
        for k, p in enumerate(article["paragraphs"]):
            questions = tuple((q["question"], q["answers"][0]["text"]) for q in p["qas"]
                              if q["answers"])
            out.append(Passage(f"squad-train:{article['title']}:{k}", "squad", "train",
                               article["title"], p["context"], questions))
    return out


def sample(pairs: int = 300, seed: int = 11, path: Path | None = None,
           draw: int = 0) -> list[Passage]:
    """Whole TUNE paragraphs drawn with ``seed`` until they hold at least ``pairs`` questions.

    ``draw`` 0 is the sample every session before 19 tuned on (the head of the seeded order).
    Draws 1, 2, … are fresh: taken from the *tail* of the same order, draw 1 the last
    paragraphs, draw 2 the ones before those, so that no paragraph of draw 0 (nor of a longer
    draw 0 up to the pool's size less ``draw`` × ``pairs``) is in them. The cut-short train copy
    holds only three TUNE articles, so a fresh draw has fresh paragraphs, not fresh articles.
    """
    pool = part("tune", path)
    random.Random(seed).shuffle(pool)
    if draw:
        pool = pool[::-1]
        for _ in range(draw - 1):
            skipped = 0
            while pool and skipped < pairs:
                skipped += len(pool.pop(0).questions)
    out, total = [], 0
    for passage in pool:
        if total >= pairs:
            break
        out.append(passage)
        total += len(passage.questions)
    return out
