"""Answers session 27's blind reviews rejected as cut by a linking phrase (s27c): 'in
particular various complex silicates' asked as 'What is … made of oxygen compounds in?' →
'particular various complex silicates'. The linking phrase's word is no part of the answer of
any card type. The first test fails on the engine before."""

from __future__ import annotations

from tests.engine import generated

LINKED = ("The rest of the lunar mantle is also made of metal compounds, in particular various "
          "complex sulfides.")


def test_no_answer_opens_inside_a_linking_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    opened = [(c.type, c.answer) for c in generated(nlp, LINKED)
              if c.answer.lower().startswith("particular")]
    assert not opened


def test_the_sentence_keeps_its_other_answers(nlp) -> None:  # type: ignore[no-untyped-def]
    # only the span the linking phrase opens goes: the sentence's other terms stay asked
    answers = {c.answer for c in generated(nlp, LINKED)}
    assert "metal compounds" in answers
