"""Answer-aware questions that do not read, session 37: a wh-word left inside a noun phrase
('at the what Summer Fair') or as one item of a list ('four titles and how many?'), the
answer's list left behind a fronted 'how many' as a second object, an adjective whose noun
was the answer, and a question with no finite verb. grammar.problems names them, and the
answer-aware choice (answer_aware.chosen) asks a candidate that reads instead, or the blank
of the answer's sentence. All texts invented; real spaCy (the ``nlp`` fixture)."""

from __future__ import annotations

import pytest

from agents.generation import grammar
from agents.generation.answer_aware import BLANK, cards_for_answers


def _problems(nlp, question: str) -> list[str]:  # type: ignore[no-untyped-def]
    return grammar.problems(nlp(question))


@pytest.mark.parametrize(("question", "problem"), [
    ("How many rivers does the valley hold the Arno and the Tiber?", "two direct objects"),
    ("The festival was held at the what Summer Fair in Lund?",
     "a wh-word inside a noun phrase"),
    ("The club has won four league titles and how many?", "a wh-word as one of a list"),
    ("The ferries sail to the islands and Kettle Bay, what?", "a wh-word as one of a list"),
    ("What were her songs inspired by particular and the changing seasons?",
     "an adjective without its noun"),
])
def test_a_question_that_does_not_read_is_named(nlp, question: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    assert problem in _problems(nlp, question)


def test_questions_that_read_are_not_named(nlp) -> None:  # type: ignore[no-untyped-def]
    # a time asked 'how many', a verb of two objects, a stranded preposition, an in-situ
    # wh-phrase after a preposition: none is one of this session's problems
    new = {"two direct objects", "a wh-word inside a noun phrase", "a wh-word as one of a list",
           "an adjective without its noun"}
    for question in ("How many times did the club win the cup?",
                     "How much did the city pay its workers?",
                     "What did the team build a new stadium for?",
                     "The council formed a review board, overseen by what?",
                     "The company which makes cars was founded in what year?"):
        assert not new.intersection(_problems(nlp, question)), question
    # and the garble each of the named problems stands for is named (fails without them)
    assert "two direct objects" in _problems(
        nlp, "How many lakes does the park contain Lake Ash and Lake Elm?")


@pytest.mark.parametrize(("text", "answer", "garble"), [
    # the wh-word inside a list or a noun phrase of the sentence's own words
    ("The station's evening schedule features quiz shows Brain Race and Top Mind, and the "
     "drama Harbour Lights.", "Harbour Lights", "the drama who?"),
    # (one of two coordinated names: the wh-phrase cannot be fronted, asking._modified)
    ("The festival was first held at the 1998 Summer Fair and the 2002 Winter Fair in Lund.",
     "1998", "the what"),
    ("The club has won four league titles and two cups.", "two", "and how many?"),
    # a participle's phrase with no finite verb ('Published at a time of … for what?')
    ("The press printed maps for sailors. Published at a time of rising demand for nautical "
     "charts, its atlases sold well.", "nautical charts", "Published at a time"),
])
def test_a_garbled_question_gives_way_to_the_blank(nlp, text: str, answer: str,  # type: ignore[no-untyped-def]
                                                   garble: str) -> None:
    (card,) = cards_for_answers(text, [answer])
    assert card.answer == answer
    question = card.question
    assert BLANK in question and not question.endswith("?")
    # the blank is the answer's whole sentence, which still reads and asks for the answer
    sentence = next(s for s in text.split(". ") if answer in s).rstrip(".") + "."
    assert question == sentence.replace(answer, BLANK, 1)
    assert garble not in question or not question.endswith("?")


def test_a_well_formed_in_situ_question_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    # one wh-word in mid-question is no garble; and a sentence whose only question is a
    # fragment is asked as its whole sentence's blank, not as the clause cut at its comma
    (kept,) = cards_for_answers("The council formed a review board, overseen by the mayor.",
                                ["the mayor"])
    assert kept.question.endswith("overseen by who?")
    (cut,) = cards_for_answers("The choir later toured the northern coast, thus becoming one "
                               "of many ensembles of the Coastal Revival.",
                               ["the Coastal Revival"])
    assert cut.question == ("The choir later toured the northern coast, thus becoming one of "
                            f"many ensembles of {BLANK}.")
