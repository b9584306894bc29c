"""A negated false statement is refused where its 'not' does not plainly deny the sentence
(claims.negation): a subject that is one of a set ('One of the oldest bridges is not the
stone bridge' holds of every other bridge: s31, s32b), 'both' ('does not use both A and B'
is true when one is missing: s23b, s30) and a relative clause set off by a comma after the
verb ('is not the lever, which is …': which part is denied? s23, s32b, s32c). Invented text,
the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import claims


def _negated(nlp: Language, text: str) -> tuple[int, str] | None:
    return claims.negation(next(iter(nlp(text).sents)))


def test_one_of_a_set_is_not_negated(nlp: Language) -> None:
    assert _negated(nlp, "One of the oldest bridges in the valley is the stone bridge.") is None
    assert _negated(nlp, "One of the rarest minerals crystallized in the southern caves.") \
        is None
    # the same sentence about the whole set is negated as before
    assert _negated(nlp, "The oldest bridge in the valley is the stone bridge.") is not None


def test_both_is_not_negated(nlp: Language) -> None:
    assert _negated(nlp, "The bakery sells both rye bread and oat biscuits to the harbour "
                         "workers.") is None
    assert _negated(nlp, "The bakery sells rye bread and oat biscuits to the harbour "
                         "workers.") is not None


def test_a_relative_clause_after_a_comma_is_not_negated(nlp: Language) -> None:
    assert _negated(nlp, "The main source of the lake's water is the glacier, which melts "
                         "early in the summer.") is None
    assert _negated(nlp, "The fishermen repaired the old nets, which had torn in the "
                         "storm.") is None
    # a restrictive relative clause, with no comma, leaves one claim to deny
    found = _negated(nlp, "The fishermen repaired the nets that had torn in the storm.")
    assert found is not None and found[1] == "did not repair"
