"""Question cards session 14's reviews rejected as vague (issue 9): an answer led by a word
that grades or picks some of a kind without saying which ('Smaller settlements', 'Simple
experiments', 'certain advantages') names nothing a student could recall. Each such case
fails on the engine before this change (7a46242); the specific answers beside them must
still be asked."""

from __future__ import annotations

import pytest

from agents.generation import narrow
from agents.generation.asking import ask
from agents.generation.spans import locate

VAGUE = "a common noun that says nothing alone"


@pytest.mark.parametrize("sentence, answer, verdict", [
    ("Simple measurements revealed that the bridge was sinking slowly.",
     "Simple measurements", VAGUE),
    ("Smaller farms supplied most of the grain to the northern towns.", "Smaller farms", VAGUE),
    ("The settlers were granted certain privileges by the new governor.",
     "certain privileges", VAGUE),
    ("The monks of the abbey came from diverse backgrounds.",
     "diverse backgrounds", VAGUE),
    # an answer whose first word says which ones stays
    ("Careful measurements revealed that the bridge was sinking slowly.",
     "Careful measurements", ""),
    ("Tenant farms supplied most of the grain to the northern towns.", "Tenant farms", ""),
])
def test_an_answer_led_by_a_vague_word_is_not_trusted(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                      answer: str, verdict: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None and found.kind == "thing", found
    asked = ask(sent, found)
    assert asked is not None, sentence
    assert narrow.untrusted(asked, found, sent) == verdict, asked
