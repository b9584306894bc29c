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


TOGETHER = ("Anna Varga, Tomas Reil and Ivo Marek appeared together in the 1987 radio drama "
            "The Glass Harbour.")


def test_one_name_of_a_list_that_acts_together_is_not_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser reads the list as one name and its appositions: 'Who appeared together …?'
    # → 'Anna Varga' leaves out the other two (the engine before asked it)
    asked = [(c.question, c.answer) for c in generated(nlp, TOGETHER, kind="qa")
             if "together" in c.question]
    assert all(" and " in q or " and " in a for q, a in asked)


def test_a_coordinated_subject_acting_together_is_still_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    made = generated(nlp, "Tomas Reil and Ivo Marek performed together in the radio play in 1992.",
                     kind="qa")
    assert any("Tomas Reil and Ivo Marek" in c.question for c in made)
