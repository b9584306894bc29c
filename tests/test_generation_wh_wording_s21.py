"""Answer-aware questions, session 21: the wh-phrase that people write where one wording
clearly dominates SQuAD's human questions (answer_aware.as_people_ask): a year is asked
"When …?" rather than "In what year …?", "what kind of" is "what type of", and "whom" is
"who". Deck questions do not pass through it. All texts invented."""

from __future__ import annotations

from agents.generation.answer_aware import as_people_ask, candidates_for, cards_for_answers


def test_a_year_is_asked_with_when(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Tamsey ferry company was dissolved in 1874 after a long dispute with the town."
    (card,) = cards_for_answers(text, ["1874"])
    assert card.question.startswith("When "), card.question
    made = candidates_for(text, ["1874"], nlp)[0]
    assert not any("what year" in c.question.lower() for c in made.candidates), [
        c.question for c in made.candidates]


def test_what_kind_of_reads_what_type_of(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The old mill of Brandvik was roofed with green slate from the northern quarries."
    made = candidates_for(text, ["green"], nlp)[0]
    questions = [c.question for c in made.candidates]
    assert questions and not any("kind of" in q for q in questions), questions


def test_whom_reads_who_where_people_write_who() -> None:
    assert as_people_ask("Whom did the council appoint?", "Ada Brel") == \
        "Who did the council appoint?"
    assert as_people_ask("The treaty was signed between whom?", "Ada Brel") == \
        "The treaty was signed between who?"
    # an in-situ wh-determiner is left alone: "who river" would mend nothing
    assert as_people_ask("It stood on the banks of whom river?", "Tamsey") == \
        "It stood on the banks of whom river?"


def test_a_year_alone_changes_its_wh_phrase() -> None:
    assert as_people_ask("In what year did the mill close?", "1874") == "When did the mill close?"
    assert as_people_ask("What year did the mill close?", "1874") == "When did the mill close?"
    # a century or a day keeps the wording that names it
    assert as_people_ask("In what century did the mill close?", "19th century") == \
        "In what century did the mill close?"
