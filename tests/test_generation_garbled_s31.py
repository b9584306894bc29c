"""Session 31's garbled questions: shapes the question's own parse shows and no well-formed
wh-question has, which the grammar gate (grammar.problems) let through. On every seen rated qa
card (dev..s30c) the engine's question builder (asking.ask) still makes them, and reviewers
called them 'garbled' or 'ungrammatical':

- a main verb without tense and no 'do' or modal: the wh-word took the place of a subject
  whose verb was in another clause ('What having been a linebacker with … ?');
- a wh-word right after the first ('Who what was detecting …?');
- a past verb right before a finite auxiliary after the wh-word ('What made were known …?');
- an additive adverb or a hedge of the sentence left at the end ('… per month as well?', 'How
  many students are school class sizes typically?').

All texts invented, real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.grammar import ill_formed

GARBLED = [
    "What having been a goalkeeper with the Riverton Hawks in the 1990 final?",
    "What having been the mayor of Tallon for ten years?",
    "Who what was building from river stones?",
    "What made were known to survive in the archive in 1950?",
    "What found were sold at the market in 1820?",
    "Which firm began paying the miller $40 per month as well?",
    "How many pupils are village classes typically?",
    "Who are northern parts of the valley mostly?",
    "What did the miller grind too?",
    "How many mills were on the river really?",
]
WELL_FORMED = [
    "What was common in rivers where the current was slow?",
    "Who had been a goalkeeper with the Riverton Hawks in the 1990 final?",
    "By whom were the miller's troops later reinforced?",
    "Which firm began paying the miller $40 per month?",
    "How many pupils are in a village class?",
    "What was known to survive in the archive in 1950?",
    "Where is the Tallon River located entirely?",
    "By when had every mill in Tallon alone been closed?",
    "What is village life essentially?",
    "According to the historian Mara Venn, what caused flooding in Tallon?",
]


@pytest.mark.parametrize("question", GARBLED)
def test_a_garbled_question_is_ill_formed(nlp: Language, question: str) -> None:
    assert ill_formed([question], nlp, vague=True)[0]


@pytest.mark.parametrize("question", WELL_FORMED)
def test_a_whole_question_passes(nlp: Language, question: str) -> None:
    assert ill_formed([question], nlp, vague=True)[0] == []
