"""A long clause (over the 24-word cloze limit) whose end is an adjunct the fact does not
need is given again without it (clauses._trailing): a comma'd cause or concession of the verb
('…, due to …', '…, despite …'), a comma'd second complement after 'but' ('was by no means
A, but rather B'), a list of examples of a noun ('… such as A, B and C'). Before, the clause
stayed too long for a cloze or statement. A list item's examples, and a clause with nothing
before its 'but', keep theirs. All texts invented, real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.clauses import SPARE, clauses
from agents.generation.reference import Resolver


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


@pytest.mark.parametrize("text, trimmed", [
    (  # a closing cause
        "The small fishing villages of the northern Vellan coast lost most of the young "
        "people in the late nineteenth century, due to a long series of poor harvests and "
        "the closing of the old harbour.",
        "The small fishing villages of the northern Vellan coast lost most of the young "
        "people in the late nineteenth century."),
    (  # a closing list of examples
        "The old market hall of the Vellan valley sold many kinds of fresh local produce "
        "from the surrounding farms such as barley, goat cheese, wild honey, dried plums "
        "and river fish.",
        "The old market hall of the Vellan valley sold many kinds of fresh local produce "
        "from the surrounding farms."),
])
def test_a_closing_adjunct_goes_from_a_long_clause(nlp: Language, text: str, trimmed: str
                                                   ) -> None:
    assert trimmed in _clauses(nlp, text)


def test_but_rather_goes_after_a_negated_complement(nlp: Language) -> None:
    text = ("The famous speech of the mayor of Vellan was by no means typical of the political "
            "views held in the town council, but rather a sign of the love of drama of the mayor.")
    out = _clauses(nlp, text)
    assert "The famous speech of the mayor of Vellan was by no means typical of the political " \
           "views held in the town council." in out
    assert not any(c.endswith(("council, but rather.", "but.")) for c in out)


def test_a_short_clause_keeps_its_cause(nlp: Language) -> None:
    text = ("The harbour of the small town of Vellan was closed in 1903, due to the silt "
            "that the river carried down every spring.")
    assert "The harbour of the small town of Vellan was closed in 1903." not in _clauses(nlp, text)


def test_a_list_items_examples_stay(nlp: Language) -> None:
    text = ("The eastern square of the old Vellan town contains the town hall and the main "
            "library of the district, several chapels including the Grey Chapel and the Mill "
            "Chapel, and most of the market stalls.")
    assert not any(c.endswith("several chapels.") for c in _clauses(nlp, text))


def test_a_trimmed_clause_is_marked_spare(nlp: Language) -> None:
    """Its cards fill only the places a deck cannot fill otherwise (Candidate.spare)."""
    text = ("The small fishing villages of the northern Vellan coast lost most of the young "
            "people in the late nineteenth century, due to a long series of poor harvests and "
            "the closing of the old harbour.")
    spare = {c.text: c.doc.user_data.get(SPARE) for c in clauses(nlp(text)[:], Resolver(), nlp)}
    assert spare["The small fishing villages of the northern Vellan coast lost most of the young "
                 "people in the late nineteenth century."] is True


def test_answer_aware_questions_skip_a_trimmed_clause(nlp: Language) -> None:
    """Session 23: benchmark 2 (bench.question_generation) changed one question of 2,617 with
    trimmed clauses, for the worse: answer-aware mode asks from the sentence and its other
    clauses, not from a clause cut short of its closing adjunct (clauses.is_spare)."""
    from agents.generation.answer_aware import candidates_for

    text = ("The old market hall of the Vellan valley sold many kinds of fresh local produce "
            "from the surrounding farms such as barley, goat cheese, wild honey, dried plums "
            "and river fish.")
    made = candidates_for(text, ["the surrounding farms"], nlp)[0]
    assert not any(c.source == "clause" for c in made.candidates)
