"""s26c: 'Kenya has a Human Development Index of 0.519, ranked 145 out of _____ in the world.'
(186) was read as a year ('of 186', spans.kind_of) and offered the page's own year 2005 among
190 and 181; all three reviewers called it of the wrong kind. A number after 'out of' (or after
'N of') counts a whole: a count, offered counts, and no year is offered it. On invented text
through the engine (parsed.generate, the real pipeline and MiniLM)."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from agents.generation.spans import kind_of
from tests.engine import generated

TEXT = (
    "Although Borvania is the largest economy in its region, it has a literacy rate of 0.612, "
    "ranked 131 out of 174 in the world. As of 2007, 21.4% of Borvanians lived on less than "
    "$2 a day. The fishing sector employs 40% of the workforce."
)
_YEAR = re.compile(r"^(1\d{3}|20\d{2})$")




@pytest.mark.parametrize(("sentence", "number"), [
    ("The team ranked 131 out of 174 in the league.", "174"),
    ("Only 12 of 300 applicants were admitted.", "300"),
])
def test_a_number_of_a_whole_is_a_count(nlp: Language, sentence: str, number: str) -> None:
    doc = nlp(sentence)
    span = next(doc[t.i : t.i + 1] for t in doc if t.text == number)
    assert kind_of(span, "CARDINAL") == "number"


def test_a_count_of_a_whole_is_offered_no_year(nlp: Language, encoder: object) -> None:
    cards = [c for c in generated(nlp, TEXT, encoder, kind="mcq") if c.answer == "174"]
    assert cards, "no card asks the 174"
    for card in cards:
        assert card.kind == "number", card.kind
        assert not any(_YEAR.match(o) for o in card.choices or []), card.choices
