"""A question's moved clause keeps a name's capital as the engine's one owner of that fact,
rendering.keeps_case, decides it: a nationality the tagger reads as an adjective ('French',
'Roman', NORP) is a name, never 'french traders' (fronting.py had lower-cased every word but a
PROPN by hand). Our own questions, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.fronting import clause_fronted, fronted, pied_piped


@pytest.mark.parametrize(("question", "expected"), [
    ("French traders reached which city?", "Which city did French traders reach?"),
    ("Christian monks copied what?", "What did Christian monks copy?"),
])
def test_a_fronted_question_keeps_a_nationality_capital(nlp: Language, question: str,
                                                        expected: str) -> None:
    assert fronted(nlp(question)) == expected


def test_a_pied_piped_question_keeps_a_nationality_capital(nlp: Language) -> None:
    question = "French settlers founded the colony in what year with royal support?"
    assert pied_piped(nlp(question)) == \
        "In what year did French settlers found the colony with royal support?"


def test_the_noun_a_relative_pronoun_stands_for_keeps_its_capital(nlp: Language) -> None:
    question = "The traders followed Roman roads which ultimately lead to what port?"
    assert clause_fronted(nlp(question)) == "What port do Roman roads ultimately lead to?"

