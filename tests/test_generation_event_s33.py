"""A page titled with an event's name and its number ('Super Bowl 50', 'World War II') labels
the cards of a sentence that tells what happened at it, whatever the sentence's subject, and
no card of a sentence naming another event (session 33). s21b..s32c reviewers, shown the
title, rejected as missing-context the cards of 'The Broncos practiced at …', 'Manning
finished the year …' ('event unstated', 'which year'): the title is tagged an event plus a
number, and a named subject took no label. A bare 'the game' of a sentence naming another
game ('… in the divisional round by scoring 11 points in the final three minutes of the
game') was named as the title's ('s30c: every reviewer: 'wrongly says the points came in
Super Bowl 50'). The titles and sentences here are invented."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated, topic

_PRACTICE = "The Kestrels practiced at Holloway Field and stayed at the Granite Inn."


def test_a_named_subject_takes_the_events_title(nlp: Language) -> None:
    assert topic(nlp, _PRACTICE, "Harvest Cup 12") == "Harvest Cup 12"
    assert topic(nlp, "Oduya finished the year with a career-high 41 goals.",
                 "Harvest Cup 12") == "Harvest Cup 12"


def test_a_roman_numeral_event_title_labels_a_named_subject(nlp: Language) -> None:
    assert topic(nlp, "Three Valley battalions crossed the river at dawn.",
                 "Northern War II") == "Northern War II"


def test_a_sentence_naming_another_event_takes_no_label(nlp: Language) -> None:
    title = "Harvest Cup 12"
    labels = [topic(nlp, s, title) for s in (
        _PRACTICE,
        "The Herons won the Harvest Cup 9 in Dunmore.",
        "The Kestrels beat the Herons in the divisional round.")]
    assert labels == [title, None, None]


def test_the_events_cards_carry_its_title(nlp: Language) -> None:
    text = "The Harvest Cup 12 was played at Ravel Park in Dunmore. " + _PRACTICE
    cards = [c for c in generated(nlp, text, title="Harvest Cup 12") if "Kestrels" in c.source]
    assert cards
    assert all("Harvest Cup 12: " in c.question for c in cards)


def test_another_games_bare_game_is_not_the_titles(nlp: Language) -> None:
    text = ("The Harvest Cup 12 was played at Ravel Park in Dunmore. The Kestrels defeated "
            "the Herons in the divisional round by scoring nine points in the final minutes "
            "of the game.")
    cards = [c for c in generated(nlp, text, title="Harvest Cup 12") if "Herons" in c.source]
    assert cards
    assert not any("Harvest Cup 12" in c.question for c in cards)
