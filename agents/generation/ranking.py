"""A learned ranking of the over-generated questions for one answer (answer-aware mode).

Heilman & Smith (2010) over-generate and rank: every question the parse allows, from the
whole sentence, its clauses and its shortened versions (compression.py), is a candidate, and
a linear model scores each from features of its form; the highest score is asked. The
weights were fitted on SQuAD *train* articles (the FIT part of ``bench/squad_train.py``,
never scored by a bench) to predict how close each candidate comes to the question a person
wrote for that answer (the sentence LCS F1 of ROUGE-L, centred per answer so that only the
order within one answer's candidates is learnt); ``bench/qg_ranker.py`` fits them and writes
``ranking_model.json``, which carries its feature set's version: a file fitted for other
features is refused rather than misread.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("ranking_model.json")
FEATURE_SET = "rank/2"
_WH = ("what", "which", "who", "whom", "whose", "when", "where", "why", "how")
_PRONOUNS = frozenset(str.split("it its they them their he him his she her this these those"))
_FORMS = ("definition", "title", "agent", "subject", "object", "adjunct", "count", "in-situ",
          "window", "blank")
_KINDS = ("person", "place", "org", "date", "year", "century", "time", "duration", "number",
          "quantity", "count", "money", "percent", "thing", "name", "event", "work", "language",
          "group", "other")
_DROPS = ("appos", "relcl", "acl", "advcl", "prep", "npadvmod", "parataxis", "conj")
_SOURCES = ("sentence", "clause", "short")
_LENGTHS = ((0, 6), (6, 9), (9, 12), (12, 16), (16, 99))  # question length bands, in words


class RankingModelError(ValueError):
    """The weights file does not fit this code's feature set."""


@dataclass
class Candidate:
    """One question for one answer, and how it was made."""

    question: str
    form: str  # a _FORMS entry: asking's role, a definition, the window or the blank
    source: str  # a _SOURCES entry: sentence | clause | short
    dropped: str = ""  # '+'-joined dependencies compression.py dropped ('' for none)
    problems: list[str] = field(default_factory=list)  # grammar.ill_formed on the question


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


def features(c: Candidate, kind: str, sentence: str) -> dict[str, float]:
    """The candidate's features by name; absent ones are 0."""
    words = _words(c.question)
    sent = _words(sentence)
    n = len(words)
    first = words[0] if words else ""
    wh = next((w for w in words[:4] if w in _WH), "none")
    kind = kind if kind in _KINDS else "other"
    sent_set, q_set = set(sent), set(words)
    f: dict[str, float] = {
        "bias": 1.0,
        "words": n / 10,
        "words_sq": (n / 10) ** 2,
        "share_of_sentence": n / max(1, len(sent)),
        "new_words": sum(w not in sent_set for w in words) / max(1, n),
        "sentence_words_kept": len(q_set & sent_set) / max(1, len(sent_set)),
        "problems": float(len(c.problems)),
        "has_problem": float(bool(c.problems)),
        "pronoun": float(any(w in _PRONOUNS for w in words)),
        "commas": float(c.question.count(",")),
        "according": float(c.question.startswith("According to")),
        "wh_first": float(first in _WH),
        "wh_late": float(wh == "none" and any(w in _WH for w in words)),
        # the wh-phrases answer_aware.rephrasings offers beside ours: a fronted preposition
        # ('In what year …'), a year asked as such, and the generic 'what place'
        "prep_first": float(len(words) > 1 and words[1] in _WH and first not in _WH),
        "what_year": float("what year" in " ".join(words[:4])),
        "what_place": float("what place" in " ".join(words)),
        f"form_{c.form}": 1.0,
        f"source_{c.source}": 1.0,
        f"wh_{wh}": 1.0,
        f"kind_{kind}": 1.0,
        f"wh_{wh}_kind_{kind}": 1.0,
        "dropped_count": float(len(c.dropped.split("+"))) if c.dropped else 0.0,
    }
    for dep in c.dropped.split("+") if c.dropped else ():
        f[f"dropped_{dep}"] = 1.0
    for lo, hi in _LENGTHS:
        if lo <= n < hi:
            f[f"len_{lo}_{hi}"] = 1.0
    return f


def feature_names() -> list[str]:
    """Every feature name ``features`` can give, in the order the weights file stores them."""
    names = ["bias", "words", "words_sq", "share_of_sentence", "new_words",
             "sentence_words_kept", "problems", "has_problem", "pronoun", "commas",
             "according", "wh_first", "wh_late", "prep_first", "what_year", "what_place",
             "dropped_count"]
    names += [f"form_{f}" for f in _FORMS] + [f"source_{s}" for s in _SOURCES]
    whs = (*_WH, "none")
    names += [f"wh_{w}" for w in whs] + [f"kind_{k}" for k in _KINDS]
    names += [f"wh_{w}_kind_{k}" for w in whs for k in _KINDS]
    names += [f"dropped_{d}" for d in _DROPS]
    names += [f"len_{lo}_{hi}" for lo, hi in _LENGTHS]
    return names


@dataclass(frozen=True)
class Ranker:
    weights: dict[str, float]

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Ranker:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise RankingModelError(f"{path}: {exc}") from exc
        if data.get("feature_set") != FEATURE_SET:
            raise RankingModelError(f"{path} was fitted for feature set "
                                    f"{data.get('feature_set')!r}, this code has {FEATURE_SET!r}")
        if data.get("features") != feature_names():
            raise RankingModelError(f"{path}: its feature list differs from {FEATURE_SET}'s")
        return cls(dict(zip(data["features"], data["weights"], strict=True)))

    def score(self, c: Candidate, kind: str, sentence: str) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in features(c, kind, sentence).items())

    def best(self, candidates: list[Candidate], kind: str, sentence: str) -> Candidate | None:
        """The highest-scoring candidate (the first made among equals), or None."""
        if not candidates:
            return None
        return max(candidates, key=lambda c: self.score(c, kind, sentence))


@lru_cache(maxsize=1)
def ranker() -> Ranker:
    """The shipped model, loaded once per process."""
    return Ranker.load()
