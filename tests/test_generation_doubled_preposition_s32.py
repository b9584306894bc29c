"""Answer-aware questions, session 32: no preposition twice in a row. A wh-phrase asked out of
a phrase of the main verb stranded its preposition where it stood, so the next phrase's own
followed it ('How many ledgers were Veldorian customs transcribed in in Greek?'); asking.py now
moves it to the front with its wh-phrase ('In how many ledgers …'), and drops the question
where that would not read (a person: 'with who'). fronting.fronted put a phrase from before
the subject right after the stranded preposition it opens with ('How many towns did Ilsa live
in in 1402?'); it no longer makes that question. All texts invented; real spaCy."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from agents.generation.answer_aware import candidates_for, question_for_answer
from agents.generation.fronting import fronted

_DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


@pytest.mark.parametrize(("text", "answer", "expected"), [
    ("Veldorian customs were transcribed in twelve ledgers in Greek.", "twelve",
     "In how many ledgers were Veldorian customs transcribed in Greek?"),
    ("The Kesh guild stored its grain in four barns in the valley.", "four",
     "In how many barns did the Kesh guild store its grain in the valley?"),
    ("The weavers sold their cloth to six merchants to the north.", "six",
     "To how many merchants did the weavers sell their cloth to the north?"),
])
def test_the_doubled_preposition_moves_to_the_front(text: str, answer: str,
                                                    expected: str) -> None:
    question, _ = question_for_answer(text, answer)
    assert question == expected


@pytest.mark.parametrize(("text", "answer"), [
    ("Veldorian customs were transcribed in twelve ledgers in Greek.", "twelve"),
    ("Mira traveled with Joran Vel with her sister in 1402.", "Joran Vel"),
    ("Ulric fought against the Tarvish lords against his will.", "the Tarvish lords"),
    ("In 1402 Ilsa lived in four towns.", "four"),
])
def test_no_candidate_doubles_a_word(text: str, answer: str, nlp: Language) -> None:
    made = candidates_for(text, [answer], nlp)
    doubled = [c.question for m in made for c in m.candidates if _DOUBLED.search(c.question)]
    assert doubled == []


def test_a_fronted_phrase_does_not_follow_the_same_preposition(nlp: Language) -> None:
    assert fronted(nlp("In 1402 Ilsa lived in how many towns?")) is None
    # a different preposition still goes to the end
    assert fronted(nlp("In 1402 Ilsa lived near how many towns?")) == \
        "How many towns did Ilsa live near in 1402?"
