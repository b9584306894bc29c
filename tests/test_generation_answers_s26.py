"""Session 26: an answer grown over a phrase that points back to the page ('Mnemiopsis
populations in those areas', 'source of this radiation') asks for a place or time the card
never shows (every seen rated card: 0 kept, 9 rejected). The answer stops before the phrase
when that part alone is an answer, else there is none; pointing.phrase_points is the one test
of both ways an answer grows over a phrase (spans' noun chunk + 'of' phrase, candidates' term
+ phrase up to the comma)."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import candidates, pointing, spans
from agents.generation.terms import Term


def _answers(nlp: Language, text: str) -> list[str]:
    return [a.text for sent in nlp(text).sents for a in spans.answers(sent)]


def test_phrase_points_at_a_demonstrative_or_back_word() -> None:
    assert pointing.phrase_points(["in", "those", "valleys"])
    assert pointing.phrase_points(["of", "this", "mineral"])
    assert pointing.phrase_points(["from", "the", "following", "decade"])
    assert not pointing.phrase_points(["of", "the", "northern", "valleys"])
    assert not pointing.phrase_points(["in", "that"])


def test_an_of_phrase_that_points_is_cut_from_the_answer(nlp: Language) -> None:
    text = "Later surveys showed that the origin of this mineral was a volcanic vent."
    got = _answers(nlp, text)
    assert "origin of this mineral" not in got
    assert "volcanic vent" in got  # the plain phrase of the same sentence stays
    plain = _answers(nlp, "Later surveys showed that the origin of the copper was a volcanic vent.")
    assert "origin of the copper" in plain  # an 'of' phrase that names its noun still grows


def test_a_term_is_not_grown_over_a_pointing_phrase() -> None:
    sentence = "Glass eels in those rivers, once rare, were protected by the new quota."
    term = Term("Glass eels", "phrase", 0, len("Glass eels"))
    assert candidates._extended(sentence, term) is None
    named = "Glass eels in the Loire basin, once rare, were protected by the new quota."
    grown = candidates._extended(named, term)
    assert grown is not None and grown.text == "Glass eels in the Loire basin"
