"""A negated false statement is refused where the negation cannot be read as the opposite
(claims.negation): a comparison of equality ('are not as light as …' says less, not the
opposite: s29b, every reviewer 'empty') and a root the parser read from a noun right after the
clause's real verb ('… that resemble does not pancake', s29, every reviewer 'garbled').
Invented text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import claims


def _negated(nlp: Language, text: str) -> tuple[int, str] | None:
    return claims.negation(next(iter(nlp(text).sents)))


def test_a_comparison_of_equality_is_not_negated(nlp: Language) -> None:
    assert _negated(nlp, "The spores of the northern mosses are as light as dust and "
                         "pollen.") is None
    assert _negated(nlp, "The towers of the old harbour town are as tall as the cathedral "
                         "and the castle.") is None
    # without the comparison the sentence is negated as before
    assert _negated(nlp, "The spores of the northern mosses are light as dust.") is not None


def test_a_noun_read_as_the_verb_is_not_negated(nlp: Language) -> None:
    text = ("In the spiral model, cristae consist of a pile of flattened circular cristal "
            "membranes that resemble pancakes.")
    assert _negated(nlp, text) is None
    # the same shape parsed right keeps its negation on the real verb
    found = _negated(nlp, "In the folded model, villi consist of a row of narrow tubular sacs "
                          "that resemble fingers.")
    assert found is not None and found[1] == "do not consist"
