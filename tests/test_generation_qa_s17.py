"""Question cards session 16's reviews rejected (issue 9), on invented text: a question that
keeps a noun and asks for a phrase hanging on it (a stranded '… in?', or "Where" of the
place a named place lies in), a wh-word of the wrong type. Each test fails on the engine
before this change (fddb1cb); the clean questions beside them must still pass."""

from __future__ import annotations

import pytest

from agents.generation import narrow
from agents.generation.asking import ask
from agents.generation.spans import locate

NESTED = "an answer inside a phrase of a noun the question keeps"


@pytest.mark.parametrize("sentence, answer, verdict", [
    # 'Where/What did the weavers … revolt against the Tarven dynasty (in)?'
    ("The weavers in the lower town also revolted against the Tarven dynasty in the Linen "
     "Rebellion.", "Linen Rebellion", NESTED),
    # 'Where was the royal fleet sunk at Port Arvel?' → 'Westmark'
    ("The royal fleet was sunk at Port Arvel in Westmark.", "Westmark", NESTED),
    # the same facts asked of the phrase on the verb stay trusted
    ("The weavers in the lower town also revolted against the Tarven dynasty.",
     "Tarven dynasty", ""),
    ("The royal fleet was sunk at Port Arvel.", "Port Arvel", ""),
])
def test_a_phrase_of_a_kept_noun_is_not_asked(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                              verdict: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and asked.role != "subject", asked
    assert narrow.untrusted(asked, found, sent) == verdict, asked


@pytest.mark.parametrize("question, kind, verdict", [
    ("Who was the largest port of the northern coast?", "place",
     "asks who of a place or a time"),
    ("Who signed the charter of the guild?", "person", ""),
])
def test_who_is_not_asked_of_a_place(question: str, kind: str, verdict: str) -> None:
    assert narrow.wh_disagrees(question, "Velmora", kind) == verdict
