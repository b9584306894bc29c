"""The singulars a plural noun may have, read off the English lemmatizer's own tables.

The rule lemmatizer of spaCy's small English model lists the irregular plurals it knows
('fungi' → fungus, 'phenomena' → phenomenon) and strips only English endings ('-s', '-ies');
a Latin or Greek plural it does not list ('grana', 'plastoglobuli') keeps its form, and a plural
the tagger reads as a name ('Fungi' opening a sentence) is not lemmatized at all. So a card
blanking 'grana' beside 'Each granum …' looked like no repetition (s29: rejected by every
reviewer, 'given away'). The endings below are not a second word list: they are the
plural → singular endings the exception table itself uses most ('-a' → '-um' 347 times,
'-ae' → '-a', '-i' → '-us', '-es' → '-is', '-a' → '-on', '-i' → '-o', '-ices' → '-ex'/'-ix').
"""

from __future__ import annotations

from collections import Counter
from functools import cache

COMMON_ENDING = 15  # an ending pair the exception table uses at least this often is a rule
SHORTEST = 4  # no stem shorter than this ('data' → 'da' is no word)


@cache
def _tables() -> tuple[dict[str, list[str]], tuple[tuple[str, str], ...]]:
    """The lemmatizer's noun exceptions, and its most used plural → singular endings."""
    from agents.generation.nlp import pipeline

    nlp = pipeline("en")
    assert nlp is not None
    exceptions: dict[str, list[str]] = dict(
        nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["noun"])  # type: ignore[attr-defined]
    endings: Counter[tuple[str, str]] = Counter()
    for plural, (singular, *_) in exceptions.items():
        stem = 0
        while stem < min(len(plural), len(singular)) and plural[stem] == singular[stem]:
            stem += 1
        if stem >= SHORTEST and plural[stem:]:
            endings[(plural[stem:], singular[stem:])] += 1
    common = tuple(pair for pair, n in endings.most_common() if n >= COMMON_ENDING)
    return exceptions, common


def singulars(word: str) -> frozenset[str]:
    """The lowercase singulars ``word`` may be the plural of ('grana' → granum, 'fungi' →
    fungus, fungo), itself included; a made-up singular matches no word, so over-generating
    costs nothing where only a match is looked for."""
    w = word.lower()
    exceptions, endings = _tables()
    out = {w, *exceptions.get(w, [])}
    out |= {w[: len(w) - len(p)] + s for p, s in endings
            if w.endswith(p) and len(w) - len(p) >= SHORTEST}
    return frozenset(out)
