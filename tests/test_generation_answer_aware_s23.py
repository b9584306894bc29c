"""Answer-aware questions, session 23 (QG-Bench wording): an answer that is a whole count of a
plural noun ('79 separate reading rooms', 'about 7,000 heavily armed soldiers') is asked
'How many …?' with the noun and its modifiers, as people ask it, not 'What does … comprise?'
or 'Who crossed …?'. All texts invented; real spaCy (the ``nlp`` fixture)."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import cards_for_answers


def _asked(text: str, answer: str) -> str:
    (card,) = cards_for_answers(text, [answer])
    assert card.answer == answer
    return card.question


@pytest.mark.parametrize(("text", "answer", "starts"), [
    ("The abbey was founded by monks. Today the abbey library comprises 79 separate "
     "reading rooms.", "79 separate reading rooms",
     "How many separate reading rooms does the abbey library comprise"),
    ("The town was founded by monks. The town has twelve residential houses for students.",
     "twelve residential houses", "How many residential houses does the town have"),
    ("The valley was quiet. About 7,000 heavily armed soldiers crossed the river in May.",
     "7,000 heavily armed soldiers", "How many heavily armed soldiers crossed the river"),
])
def test_a_whole_count_is_asked_how_many_with_its_noun(nlp, text: str, answer: str,  # type: ignore[no-untyped-def]
                                                       starts: str) -> None:
    assert _asked(text, answer).startswith(starts)


def test_a_count_is_only_a_phrase_that_opens_with_its_number(nlp) -> None:  # type: ignore[no-untyped-def]
    from agents.generation.spans import counted

    doc = nlp("The museum holds twelve painted panels from the old stone bridges of the town.")
    assert counted(doc[3:6])  # twelve painted panels
    assert not counted(doc[4:6])  # painted panels
    assert not counted(doc[7:11])  # the old stone bridges: no number


def test_a_possessor_asked_in_place_is_whose() -> None:
    from agents.generation.answer_aware import as_people_ask

    assert as_people_ask("Whom's long tenure reshaped the guild?", "Edwin Marr") == \
        "Whose long tenure reshaped the guild?"
    assert as_people_ask("Some maps such as who's Atlas were printed?", "Ada Voss") == \
        "Some maps such as whose Atlas were printed?"
    assert as_people_ask("Who is the guild's master?", "Edwin Marr") == \
        "Who is the guild's master?"


@pytest.mark.parametrize(("text", "answer", "wanted"), [
    ("The monks built a chapel. They rested at the banks of the river Peterson.", "Peterson",
     "what river"),
    ("The monks built a chapel. Later, Jonathan Smith Committees were set up to run it.",
     "Jonathan Smith", "what committees"),
])
def test_a_name_before_or_after_its_class_noun_is_asked_what_not_whom(
        nlp, text: str, answer: str, wanted: str) -> None:  # type: ignore[no-untyped-def]
    question = _asked(text, answer)
    assert "whom" not in question.lower()
    assert wanted in question.lower()


def test_a_rate_a_list_or_a_ratio_is_no_count(nlp) -> None:  # type: ignore[no-untyped-def]
    from agents.generation.spans import counted

    rate = nlp("The wheel turns at 3600 turns per minute.")
    assert not counted(rate[4:8])
    listed = nlp("The hall holds three weight rooms, a pool and two courts.")
    assert not counted(listed[3:6])  # three weight rooms, of a list
    ratio = nlp("There were about four men attending the college for every woman.")
    assert not counted(ratio[3:9])
