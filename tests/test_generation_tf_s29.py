"""A false statement is not made by negating a predicate that already denies the clause it
governs (claims._DENIES): 'were long unable to obtain' → 'were not long unable to obtain'
(s28c), 'failed to generate' → 'did not fail to generate' (s24c), double negatives every
reviewer rejected. The same verbs with no infinitive, and a denying verb that takes none
('prevents boats from crossing'), are negated as before. Invented text, the real spaCy
pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import claims

DENIED = [
    "The early surveyors were long unable to measure the depth of the northern lake.",
    "The new ferry service failed to attract enough passengers in its first winter.",
    "The town council refused to publish the final report on the harbour.",
    "The old mill ceased to grind flour for the village.",
]
PLAIN = [
    ("The strong current prevents small boats from crossing the bay.", "does not prevent"),
    ("The town council refused the offer from the railway company.", "did not refuse"),
    ("The early surveyors were able to measure the depth of the northern lake.", "were not"),
]


def _negated(nlp: Language, text: str) -> str | None:
    sent = next(iter(nlp(text).sents))
    found = claims.negation(sent)
    if found is None:
        return None
    at, words = found
    return " ".join(words if t.i == at else t.text for t in sent)


@pytest.mark.parametrize("text", DENIED)
def test_no_double_negative(nlp: Language, text: str) -> None:
    assert _negated(nlp, text) is None


@pytest.mark.parametrize(("text", "negated"), PLAIN)
def test_plain_predicates_still_negated(nlp: Language, text: str, negated: str) -> None:
    found = _negated(nlp, text)
    assert found is not None and negated in found
