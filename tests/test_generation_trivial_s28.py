"""Session 28's trivial cloze blanks, with the real pipeline on invented text: a blank headed
by the pro-form 'one(s)' ('sheds _____' → 'old ones', blanks.pro_form), a word for a word that
only adjectives describe ('The _____ is standard deviation' → 'technical term',
blanks.metalinguistic) and a noun only the writer's praise describes ('drew a _____' →
'helpful diagram', blanks.vague) are not blanked; the numeral 'one', a noun that names the
kind of expression ('loop expression') and a noun with its 'of' phrase stay blankable."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _answers(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [c.answer for c in made if c.type == "cloze"]


@pytest.mark.parametrize(("sentence", "trivial"), [
    # s28b: 'loses _____' → 'old ones', 'to replace the _____' → 'old ones'
    ("The reef slowly grows new polyps and sheds old ones every winter.", "old ones"),
    ("Tellurian farmers must constantly buy fresh seed potatoes to replace the spoiled ones "
     "after each flood.", "spoiled ones"),
    # s28b: 'The _____ is arithmetic mean' → 'technical term'
    ("The technical term is standard deviation, and spread refers only to how widely values "
     "lie.", "technical term"),
    # s28: 'To create a _____ of the yield curve' → 'useful graph'
    ("Surveyors at Kell Harbour drew a helpful diagram for the pilots in 1882.",
     "helpful diagram"),
    ("The Tarn cartographers produced a valuable map for the river pilots in 1790.",
     "valuable map"),
])
def test_a_blank_that_carries_nothing_is_not_made(nlp: Language, sentence: str,
                                                  trivial: str) -> None:
    assert trivial not in _answers(nlp, sentence)


def test_a_count_or_a_named_kind_stays_blankable(nlp: Language) -> None:
    made = _answers(nlp, "Lake Orrin is one of the largest freshwater lakes in the northern "
                         "highlands of Vestland.")
    assert "largest freshwater lakes" in made, made
    made = _answers(nlp, "A counter can be placed in the loop expression to track how many "
                         "passes have been made.")
    assert "loop expression" in made, made
    made = _answers(nlp, "To build a useful model of the bond market, analysts should compute "
                         "yields for every bond at every maturity.")
    assert "useful model of the bond market" in made, made
