"""Session 27: numbers that moved the wrong way. A lower bound lowered stays true ('could earn
over €90,000' → 'over €45,000' marked False, s27: all three reviewers called it wrong); an end of
a rise or fall keeps its side of the other end ('declined from _____ in 1970 to 55.1%' offered
37.9 %, s27b; 'is €27,814 p.a., rising incrementally to €26,712' as a false statement, s27);
an abbreviated range keeps its order and width ('1993–94 season' offered '1997–94', s27). All
texts invented."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import choices, claims


def _at(nlp: Language, sentence: str, answer: str) -> tuple[object, int, int]:
    doc = nlp(sentence)
    at = sentence.index(answer)
    span = doc.char_span(at, at + len(answer))
    assert span is not None
    return doc[:], span.start, span.end


def test_a_lowered_floor_with_its_currency_is_still_true(nlp: Language) -> None:
    sentence = "A senior engineer at the plant could earn over $120,000."
    sent, start, _ = _at(nlp, sentence, "over $120,000")
    assert claims.still_true(sent, start, "over $120,000", "over $60,000")  # type: ignore[arg-type]
    assert not claims.still_true(sent, start, "over $120,000", "over $240,000")  # type: ignore[arg-type]


def test_an_end_of_a_fall_or_rise_keeps_its_side(nlp: Language) -> None:
    fall = "The share of farmers in the valley declined from 62.4% in 1950 to 41.3% by 2000."
    assert claims.moved(*_at(nlp, fall, "62.4%")) == (None, 41.3)  # type: ignore[arg-type]
    assert claims.moved(*_at(nlp, fall, "41.3%")) == (62.4, None)  # type: ignore[arg-type]
    rise = "Rainfall in the basin increased from 410 mm in 1980 to 530 mm in 2010."
    assert claims.moved(*_at(nlp, rise, "410 mm")) == (530.0, None)  # type: ignore[arg-type]
    # no 'from': where it starts is the value of its currency said before the verb
    pay = ("The starting salary for a nurse is £21,300 a year, rising gradually to £34,900 for "
           "a senior nurse.")
    assert claims.moved(*_at(nlp, pay, "£34,900")) == (None, 21300.0)  # type: ignore[arg-type]
    # and where it started, the last value of its currency before the verb
    assert claims.moved(*_at(nlp, pay, "21,300")) == (34900.0, None)  # type: ignore[arg-type]
    # no change, no bound
    assert claims.moved(*_at(nlp, "The hall seats 410 people in 1980.", "410")) \
        == (None, None)  # type: ignore[arg-type]


def test_an_abbreviated_range_moves_as_a_whole() -> None:
    assert choices._shift_years("the 1987–88 season", -10) == "the 1977–78 season"
    assert choices._shift_years("the 1987–88 season", 4) == "the 1991–92 season"
    assert choices._shift_years("the 1999–00 season", 1) == "the 2000–01 season"
    assert choices._shift_years("in 1987", 3) == "in 1990"
