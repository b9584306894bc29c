"""Answers cut at a name's or a label's boundary (session 21, reviewers' tag "cut-boundary"):
a blank held part of a case name or an institution's name and left the rest in the sentence,
or a label without its number. ``spans.answers`` now grows such a span to the whole name
(``agents/generation/boundaries.py``) or, when the whole is too long to type, asks none of it.
All texts invented."""

from __future__ import annotations

from agents.generation.spans import answers


def _texts(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.text for a in answers(nlp(text)[:])]


def test_no_piece_of_a_long_case_name_is_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "In Van Dijk en Zonen v Nederlandse Spoorwegen the court held that "
                        "the contract was void.")
    assert not {"Van Dijk", "Zonen", "Nederlandse Spoorwegen"} & set(found)


def test_the_tail_of_a_long_library_name_is_not_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "The papers are kept in the Margaret and Henry Fairchild Library on "
                        "the History of Science.")
    assert "History of Science" not in found


def test_a_label_keeps_its_number(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "After the larvae hatch, the colony proceeds to Stage 2 of its growth.")
    assert "Stage 2" in found and "Stage" not in found


def test_a_name_runs_on_through_its_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "To achieve the aims of the Agreement on Social Policy the Union "
                        "supports member states.")
    assert "Agreement on Social Policy" in found and "Agreement" not in found


def test_two_names_side_by_side_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _texts(nlp, "In Paris Napoleon crowned himself emperor in 1804.")
    assert "Paris Napoleon" not in found
    assert "1804" in found
