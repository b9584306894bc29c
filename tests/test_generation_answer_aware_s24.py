"""Answer-aware questions, session 24 (QG-Bench wording): a wh-phrase the clause-level
question left in place ('Queen Ilsa led an army of how many in twelve ships?') is also
offered moved to the front with its preposition stranded ('How many did Queen Ilsa lead an
army of?'), as SQuAD's askers write; one that cannot move cleanly stays in place. All texts
invented; real spaCy (the ``nlp`` fixture)."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import cards_for_answers
from agents.generation.fronting import fronted
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline


def _nlp():  # type: ignore[no-untyped-def]
    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    return nlp


@pytest.mark.parametrize(("question", "expected"), [
    ("The Talvari settled mostly in an area in the east of what country?",
     "What country did the Talvari settle mostly in an area in the east of?"),
    ("In 1402 Queen Ilsa led an army of how many?",
     "How many did Queen Ilsa lead an army of in 1402?"),
    ("Several families of the valley were of what origin?",
     "What origin were several families of the valley of?"),
    ("Velmora has what sales tax?", "What sales tax does Velmora have?"),
])
def test_an_in_place_wh_phrase_moves_to_the_front(nlp, question: str,  # type: ignore[no-untyped-def]
                                                  expected: str) -> None:
    assert fronted(_nlp()(question)) == expected


@pytest.mark.parametrize("question", [
    "What did the Talvari settle in?",  # fronted already
    # words after a wh-phrase a noun's preposition holds (the verb's own object now moves:
    # 'Whom did Queen Ilsa appoint governor of Brenn?', test_generation_fronted_object_s32)
    "Queen Ilsa built a hall of how many rooms in Brenn?",
    "The Talvari fought the Great Ostra War of what year?",  # a year is asked 'When'
    "Queen Ilsa envisioned a full how many orchestra?",  # words of its own stay behind
    "The archive of what town was burnt in 1402?",  # inside the subject
])
def test_a_wh_phrase_that_cannot_move_cleanly_stays(nlp, question: str) -> None:  # type: ignore[no-untyped-def]
    assert fronted(_nlp()(question)) is None


def test_the_answer_aware_question_opens_with_the_moved_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Talvari people came from the hills of Orsk. Queen Ilsa led an army of 4,000 "
            "in twelve ships.")
    (card,) = cards_for_answers(text, ["4,000"])
    assert card.question.startswith("How many did Queen Ilsa lead an army of")
