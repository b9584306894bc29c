"""Definites that reached session 29b's cards: a superlative of place held to scope.py's
``relative`` ('The outermost membrane is not connected to …', s29b Chloroplast:14, every
reviewer rejected: outermost of which membranes?) and a bare 'the occasion' in an opening
frame ('In honor of the occasion,', s29b Jacksonville:13). Real pipeline, invented text."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import scope
from agents.generation.text import usable_sentences

LAYERS = (
    "The seed of the kerrow palm is wrapped in three coats. The innermost coat is bitter and "
    "keeps insects away."
)
def _sents(nlp: Language, text: str) -> list:
    return [nlp(s.text)[:] for s in usable_sentences(text)]


def _relative(nlp: Language, text: str) -> list[str]:
    sents = _sents(nlp, text)
    return [c.text for c in scope.scopes(sents[1], sents[:1]) if c.rule == "relative"]


def test_positional_superlative_is_a_cue(nlp: Language) -> None:
    assert _relative(nlp, LAYERS) == ["The innermost coat"]


OPENING = (
    "The bridge over the Tarn river was finished in the spring of 1904. In honor of the "
    "occasion, the mayor planted an oak beside the town hall."
)
PLACE = (
    "The bridge over the Tarn river was finished in the spring of 1904. In the town hall, the "
    "mayor planted an oak beside the stairs."
)


def test_the_occasion_opening_the_sentence_is_a_frame(nlp: Language) -> None:
    sents = _sents(nlp, OPENING)
    frame = scope.framing(sents[1], sents[:1])
    assert frame is not None and frame.text == "the occasion" and frame.replacement is None
    assert scope.in_frame(sents[1].text, frame, shown=True) is None


def test_a_place_with_the_is_no_frame(nlp: Language) -> None:
    sents = _sents(nlp, PLACE)
    assert scope.framing(sents[1], sents[:1]) is None
