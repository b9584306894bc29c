"""Question cards session 15's reviews rejected as echoes (issue 9): a subject that is a part
of a group the page names ('the majority' drove whom out?), an aspect adverb the inversion left
behind ('… yet?'), an example adverb that lost its list ('… notably X?'), a predicate many
answers fit ('What was only one N …?', 'What was not …?'), and 'What' for someone the answer
names by the part they play ('naval officer …'). Each case fails on the engine before this
change (03f8191). The question-shape cases (session 15's echoes) and their controls are in
test_generation_qa_narrow's gate tests."""

from __future__ import annotations

import pytest

from agents.generation import narrow
from agents.generation.asking import Asked
from agents.generation.spans import locate


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
