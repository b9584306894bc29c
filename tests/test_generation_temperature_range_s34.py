"""Ranges of temperatures in number options (s34), with the real pipeline on invented text: a
range of readings moves by degrees on its own scale, not by its own width (average highs of
'64 to 92' °F were offered '120 to 148': every reviewer, 'impossible')."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import choices
from agents.generation.spans import answers
from agents.generation.text import usable_sentences

CLIMATE = ("In the hill town of Marrowby, daily highs average 58 to 86 °F over the year. "
           "The town keeps a weather station on its old grain tower.")


def _pick(nlp: Language, text: str, target: str) -> tuple[str, list[str]]:
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    sent, answer = next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                        if target in a.text)
    return answer.text, choices.pick(answer, sent, pool, "intermediate", None, count=3)


def _ends(option: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", option.replace("−", "-"))]


def test_a_range_of_temperatures_moves_by_degrees_not_by_its_width(nlp: Language) -> None:
    answer, options = _pick(nlp, CLIMATE, "58")
    assert len(options) == 3, options
    ours = _ends(answer)
    for option in options:
        ends = _ends(option)
        assert len(ends) == 2 and ends[1] - ends[0] == ours[1] - ours[0], options
        # a few steps of degrees: '86 to 114' or '114 to 142' °F highs are gone
        assert all(abs(a - b) <= 15 for a, b in zip(ends, ours, strict=True)), options
        assert re.fullmatch(r"-?\d+ to -?\d+", option.replace("from ", "")), options

