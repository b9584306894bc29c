"""Question cards session 15's reviews rejected as echoes (issue 9): a subject that is a part
of a group the page names ('the majority' drove whom out?), an aspect adverb the inversion left
behind ('… yet?'), an example adverb that lost its list ('… notably X?'), a predicate many
answers fit ('What was only one N …?', 'What was not …?'), and 'What' for someone the answer
names by the part they play ('naval officer …'). Each case fails on the engine before this
change (03f8191); the controls beside them must still pass."""

from __future__ import annotations

import pytest

from agents.generation import grammar, narrow
from agents.generation.asking import Asked
from agents.generation.spans import locate


@pytest.mark.parametrize("question", [
    "When did the majority close the old harbour to foreign ships?",
    "What did the minority refuse to sign in 1921?",
    "When did the village council abolish the bridge toll yet?",
    "How many weavers moved to the river towns especially?",  # the example's list is gone
    "What are some taxes collected by the port authority notably tonnage?",
    "What was only one port of the old kingdom?",  # many answers fit
    "What was not common along the northern coast?",
    "What did not all of the salt caravans cross?",
])
def test_leftovers_of_the_sentence_make_a_question_ill_formed(  # type: ignore[no-untyped-def]
        nlp, question: str) -> None:
    assert grammar.problems(nlp(question)), question


@pytest.mark.parametrize("question", [
    "What did the majority of Dutch voters reject in 1921?",
    "What have Dutch farmers yet to plant?",
    "Who did the rest of the crew follow to the coast?",
    "What is only found on the northern islands?",
    "What began in the river towns, especially in Lisk and Odra?",
    "What do the town charters not begin with?",
    "When did the village council abolish the bridge toll?",
])
def test_the_controls_pass_the_gate(  # type: ignore[no-untyped-def]
        nlp, question: str) -> None:
    assert not grammar.problems(nlp(question)), question


@pytest.mark.parametrize("sentence, answer, question", [
    ("Army officer Tomas Verdal founded the harbour town of Lisk in 1620.",
     "Army officer Tomas Verdal", "What founded the harbour town of Lisk in 1620?"),
    ("Rebel leader Anso Kell seized the northern salt mines.",
     "Rebel leader Anso Kell", "What seized the northern salt mines?"),
])
def test_what_for_a_person_named_by_role_is_not_trusted(  # type: ignore[no-untyped-def]
        nlp, sentence: str, answer: str, question: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    assert narrow.untrusted(Asked(question, answer, "subject"), found, sent) == \
        "'what' for a person named by role", question
