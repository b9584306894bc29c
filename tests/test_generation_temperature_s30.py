"""Temperatures in number options and false statements (s30c), with the real pipeline on
invented text: a reading in degrees moves by degrees on its own scale, never by multiples
('32.5 °C' for a UK record was offered 65.0, 48.8 and 16.2: every reviewer, 'impossible')."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import choices, plausible
from agents.generation.spans import Answer, answers
from agents.generation.text import usable_sentences

WEATHER = ("The highest temperature measured at the Dunmore lighthouse was 27.4 °C in July 1976. "
           "The keepers logged the weather there every six hours until 1969.")


def _pick(nlp: Language, text: str, target: str, for_statement: bool = False) -> list[str]:
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    sent, answer = next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                        if a.text.startswith(target))
    return choices.pick(answer, sent, pool, "intermediate", None,
                        count=1 if for_statement else 3, for_statement=for_statement)


def _value(option: str) -> float:
    return float(re.findall(r"-?\d+(?:\.\d+)?", option.replace("−", "-"))[0])


def test_a_temperature_is_offered_nearby_readings_not_multiples(nlp: Language) -> None:
    options = _pick(nlp, WEATHER, "27.4")
    assert len(options) == 3, options
    # additive steps keep every option within a few degrees: x2 (54.8) or x0.5 (13.7) is gone
    assert all(abs(_value(o) - 27.4) <= 12 for o in options), options
    assert all(re.fullmatch(r"-?\d+\.\d", re.sub(r"\s*°C", "", o)) for o in options), options


def test_a_false_temperature_statement_moves_by_degrees(nlp: Language) -> None:
    swap = _pick(nlp, WEATHER, "27.4", for_statement=True)
    assert swap and all(abs(_value(o) - 27.4) <= 12 for o in swap), swap


def test_an_angle_in_degrees_keeps_its_multiples(nlp: Language) -> None:
    """A bare degree is an angle ('cranks set at 120°'): no temperature's steps for it."""
    sent = nlp("The two cranks of the engine were set at 120° to each other.")[:]
    at = next(t.i for t in sent if t.text == "120")
    angle = Answer(at, at + 1, "number", "CARDINAL", "", "120")
    assert not plausible.temperature(angle, sent)
