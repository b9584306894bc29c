"""Session 19's multiple-choice rejects (s19, s19b), by class, through the engine
(parsed.generate with the real pipeline and MiniLM) on invented text."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import gazetteer
from tests.engine import generated

# a page about an old realm that names no year: nothing on it dates it, any reader does
TIMELESS = (
    "The Minh emperors ruled the river valleys of China from their northern capital. "
    "Their envoys brought tea and porcelain to the courts of distant kings. "
    "Buddhist monks copied the sutras kept in the great temples of the capital. "
    "After the death of the last emperor, the realm was torn by rebellion and famine."
)


def test_a_page_naming_no_time_is_offered_no_young_state(
        nlp: Language, encoder: object) -> None:
    """s19b: 'Taiwan' and 'South Korea' beside 'China' on three Yuan dynasty paragraphs,
    'Australia' beside 'North America' for a colonial war: none of them names a year, so the
    engine judged no time and offered states that did not yet exist. A page that names no time
    is offered no listed state younger than the land's own names (here 'China' is left with too
    few options for a card); the countries the page names itself stay options."""
    cards = generated(nlp, TIMELESS, encoder, "mcq")
    offered = {o for c in cards for o in c.choices}  # main: 'North Korea', 'Taiwan' for China
    assert not {o for o in offered if o in gazetteer.FOUNDED}, \
        [(c.answer, c.choices) for c in cards]


def test_existed() -> None:
    assert gazetteer.existed("Taiwan", 1990) and not gazetteer.existed("Taiwan", 1279)
    assert not gazetteer.existed("Taiwan", None)  # a page of no time: any time
    assert gazetteer.existed("Japan", None) and gazetteer.existed("Japan", 1279)


SEQUENCE = (
    "The end of the 17th century and the beginning of the 18th century saw a long quarrel "
    "between two schools of clockmakers. The first school built its clocks in Geneva, and "
    "the second worked in London. Clocks from the 16th century were rarely accurate."
)


def test_a_time_the_next_one_gives_away_is_not_asked(nlp: Language, encoder: object) -> None:
    """s19: 'The end of the _____ and the beginning of the 20th century saw a battle…' (19th
    century) was rejected as trivial as a cloze and as a multiple-choice card: the sentence's
    next century fixes the answer. No card blanks or asks such a time; a century its sentence
    does not fix is still asked."""
    cards = generated(nlp, SEQUENCE, encoder)
    fixed = [(c.type, c.question) for c in cards
             if c.answer in ("17th century", "18th century") and c.type in ("mcq", "cloze")]
    assert not fixed, fixed
    assert any(c.answer == "16th century" for c in cards), [(c.type, c.answer) for c in cards]
