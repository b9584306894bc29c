"""Cards that change the meaning of their sentence, from session 27's blind reviews: a question
asked without the condition its clause holds under ("Why are ionic compounds excellent
conductors …?" without 'once dissolved or melted': false for solids), and a question that
carries a year beside the year it asks (gapping: "When did St Mary's become a cathedral in
1850?" → 1882). All texts invented, real spaCy pipeline."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from tests.engine import generated


def _questions(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in generated(nlp, text)
            if c.type in ("qa", "mcq") and c.question.endswith("?")]


@pytest.mark.parametrize(("text", "condition"), [
    ("If stored below freezing, the Velnor apples stay fresh for eight months because the "
     "cold slows their ripening.", "freezing"),
    ("Unless watered daily, the Korvan ferns lose their leaves within three weeks because "
     "the dry air draws out their moisture.", "watered"),
])
def test_a_question_keeps_the_condition_its_clause_holds_under(nlp: Language, text: str,
                                                               condition: str) -> None:
    questions = _questions(nlp, text)
    assert not [q for q, _ in questions if condition not in q], questions


def test_a_question_asking_a_year_carries_no_other_year(nlp: Language) -> None:
    text = "St Anne's became a parish in 1761 and St Oswin's in 1834."
    year = re.compile(r"\b1[0-9]{3}\b")
    questions = _questions(nlp, text)
    assert not [(q, a) for q, a in questions if year.search(a) and year.search(q)], questions
