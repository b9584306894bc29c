"""Session 28's echo questions: the sentence's words left in order around a lost piece, each
visible in the question's own parse (grammar.problems, agreement.vague).

- 'either' with no 'or' after it: the question cut the sentence's second choice ('… had either
  cancelled?', s28).
- A noun coordinated with a participle: the words either side of the sentence's lost verb
  ('When were people and reporting that …', s28).
- A list run onto its plural noun: the sentence's colon was lost ('divided into five
  jurisdictions Northeastern, Southeastern … and Western?', s28b).
- A verb of membership asked for its object ('Who did notable companions … include?', s28b):
  the page names several; a card must not ask it.
- A plural verb for one person's name: the question kept the first of the sentence's list of
  people ('When were … Wally Schirra announced as the prime crew', s25c).

All texts invented, real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.grammar import ill_formed

ECHOES = [
    "When had the mill either closed?",
    "When were people and saying that the mill had closed?",
    "When were residents and reporting that the bridge had collapsed?",
    "What is split into four districts Northfield, Eastbrook, Lower Marsh and Westvale?",
    "Who did the founding members of the band include?",
    "When were veteran pilot Harold Jenkins announced as the crew of the mission?",
]
WELL_FORMED = [
    "When had the mill either closed or moved?",
    "When were farmers and traders complaining that the mill had closed?",
    "Who was arrested and charged in 1990?",
    "What is split into four districts?",
    "Who did the committee appoint as chair?",
    "When was veteran pilot Harold Jenkins announced as the crew of the mission?",
    "When were Harold Jenkins and Mary Oakes announced as the crew of the mission?",
]


@pytest.mark.parametrize("question", ECHOES)
def test_an_echo_question_is_ill_formed(nlp: Language, question: str) -> None:
    assert ill_formed([question], nlp, vague=True)[0]


@pytest.mark.parametrize("question", WELL_FORMED)
def test_a_whole_question_passes(nlp: Language, question: str) -> None:
    assert ill_formed([question], nlp, vague=True)[0] == []
