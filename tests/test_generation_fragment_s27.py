"""Session 27: a number's options keep the bound its own sentence states by a comparison
(s23b: 'Jordan Norwood's 61-yard punt return set a new record, surpassing the old record of
_____ set by John Taylor …' (45 yards) offered 68 and 90 yards, above the record that surpassed
it; all three reviewers: absurd-distractor). The comparison is a floor's own word
(claims._FLOOR: 'surpassing', 'exceeding'); the other value is one of the same unit. On invented
text through the engine (parsed.generate, the real pipeline and MiniLM) and on
claims.surpassed."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import claims
from tests.engine import generated

_NUMBER = re.compile(r"\d+(?:\.\d+)?")

RACE = (
    "The Harlow marathon draws runners from across the valley every spring. "
    "Pell Varsen's 58-mile relay leg set a new course record, surpassing the old record of "
    "41 miles set by Ida Crane in the spring race. "
    "The organisers moved the finish line to the river park afterwards."
)


def _bounds(nlp: Language, sentence: str, answer: str) -> tuple[float | None, float | None]:
    doc = nlp(sentence)
    at = sentence.index(answer)
    span = doc.char_span(at, at + len(answer))
    assert span is not None
    return claims.surpassed(doc[:], span.start, span.end)


def test_surpassed_reads_which_value_bounds_which(nlp: Language) -> None:
    """What is surpassed stays below the surpassing value, the surpassing one above what it
    surpasses; a value of another unit, or no comparison, sets no bound."""
    sentence = "Her 12-meter throw exceeded the previous mark of 9 meters held by Ann Lee."
    assert _bounds(nlp, sentence, "9 meters") == (12.0, None)
    assert _bounds(nlp, sentence, "12") == (None, 9.0)
    assert _bounds(nlp, "Sales exceeded 40 units in 3 weeks.", "3 weeks") == (None, None)
    assert _bounds(nlp, "Her 12-meter throw matched the previous mark of 9 meters.",
                   "9 meters") == (None, None)


def test_the_old_record_is_offered_nothing_above_the_new(nlp: Language,
                                                         encoder: object) -> None:
    """The old record (41 miles) is offered no distance at or above the 58-mile leg that
    surpassed it."""
    cards = generated(nlp, RACE, encoder, kind="mcq")
    found = [[o for o in c.choices or [] if o != c.answer] for c in cards
             if c.answer == "41 miles"]
    assert found, "no card asks the old record"
    for options in found:
        assert options and all(float(n) < 58 for o in options for n in _NUMBER.findall(o)), \
            options
