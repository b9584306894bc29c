"""Answer-aware mode asks the name a common noun before it gives as people do: "What was the
name of the town's first newspaper?" (session 26). Before, "What was the name of …?" was
never a candidate and the clause-level question asked around the name. All texts invented."""

from __future__ import annotations

from typing import Any

import pytest

from agents.generation.answer_aware import _Binding, candidates_for, name_questions
from agents.generation.spans import locate


@pytest.mark.parametrize(("text", "answer", "question"), [
    # a modifier of the name, the present tense kept
    ("The farmer's old horse Pellow still pulls the cart.", "Pellow",
     "What is the name of the farmer's old horse?"),
    # a noun in apposition
    ("The town's first newspaper, the Morrow Herald, was printed in 1850.", "the Morrow Herald",
     "What was the name of the town's first newspaper?"),
    # a name a participle gives ('called', 'known as'), asked as 'What was … known as?' before
    ("The guild's old meeting hall, known as the Weavers House, burned in 1890.",
     "the Weavers House", "What was the name of the guild's old meeting hall?"),
])
def test_a_name_a_noun_gives_is_asked_by_its_name(
        nlp: Any, text: str, answer: str, question: str) -> None:
    (made,) = candidates_for(text, [answer], nlp)
    assert question in [c.question for c in made.candidates]


def _asked(nlp: Any, text: str, answer: str) -> list[str]:
    doc = nlp(text)
    sent = list(doc.sents)[-1]
    resolver = _Binding(lenient=True)
    for prev in list(doc.sents)[:-1]:
        resolver.push(prev)
    found = locate(sent, answer)
    assert found is not None
    return name_questions(sent, found, resolver)


def test_a_person_tied_to_an_owner_is_asked_who(nlp: Any) -> None:
    assert _asked(nlp, "Otto Brand farmed near Lyon. His wife, Mary Tolland, kept the accounts.",
                  "Mary Tolland") == ["Who was Otto Brand's wife?"]


@pytest.mark.parametrize(("text", "answer"), [
    # 'What was the name of the river?': which river, only the sentence says
    ("The army crossed the river Velna at dawn.", "Velna"),
    # 'a poet': no one poet is meant
    ("She met a poet Anton Karsk at the fair.", "Anton Karsk"),
    # 'his': whose, only the page says
    ("He married his fiancée Berengaria in Cyprus.", "Berengaria"),
])
def test_a_noun_that_does_not_say_which_one_is_not_asked(
        nlp: Any, text: str, answer: str) -> None:
    assert _asked(nlp, text, answer) == []
