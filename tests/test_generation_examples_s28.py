"""Session 28: a worked example opened by 'Consider …', with the real pipeline, on invented text.

A page that asks the reader to consider a case it makes up ('Consider three $500 notes with a
4% coupon …') and then computes results about 'the note' / 'the ten-year note' states no fact:
the prices and percentages hold only in that case. The engine asked each result sentence as a
fact ('The ten-year note will sell for $_____', 'the notes' unresolved), since only a bare
supposition verb ('Suppose …', 'Assume …') opened a case and only 'the N' of a noun brought in
with 'a'/'an' went on with it."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import nonfact
from tests.engine import generated

_EXAMPLE = ("A note is a short loan sold to investors. Consider three $500 notes with a 4% "
            "coupon, paid yearly. Each of these notes matures in a different year. If the "
            "market rate climbs to 7%, the ten-year note will sell for $394.62. The ten-year "
            "note price will drop by 2.47% for each point of the rate. Notes of the Varnholt "
            "Treasury were first issued in 1873.")


def _asked(made: list, *words: str) -> list[str]:
    return [c.question for c in made if any(w in f"{c.question} {c.answer}" for w in words)]


def test_consider_a_made_up_case_opens_a_worked_example(nlp: Language) -> None:
    sents = list(nlp(_EXAMPLE).sents)
    assert nonfact.no_fact(sents[1]) == "supposed"
    made = generated(nlp, _EXAMPLE, title="Notes")
    assert not _asked(made, "394.62", "2.47", "7%", "different year"), \
        [c.question for c in made]
    # the page's general statement and its fact after the example are still asked
    assert _asked(made, "1873", "Varnholt")
    assert _asked(made, "short loan")


def test_consider_without_a_made_up_case_is_no_example(nlp: Language) -> None:
    for text in ("Consider how a city might raise revenue without new taxes.",
                 "Consider the following scenario.",
                 "Consider the 3 largest banks of the country."):
        assert nonfact.no_fact(next(iter(nlp(text).sents))) != "supposed", text
