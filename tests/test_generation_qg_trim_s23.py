"""Answer-aware questions, session 23 (fitted on SQuAD train draw 1, confirmed on draw 2): a
connective adverb that leans on the sentence before ('also', 'thus', 'later', …) is left out
of the question, and a wiki's reference marks ('[n 1]', '[c]', '[better source needed]') are
read out of the text before it is parsed, as the deck path reads it. All texts invented; real
spaCy (the ``nlp`` fixture)."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import cards_for_answers, without_connective


def _asked(text: str, answer: str) -> str:
    (card,) = cards_for_answers(text, [answer])
    assert card.answer == answer
    return card.question


_CHOIR = ("Anna Holm wrote many songs for the choir. Holm was also involved in the composition "
          "of Berg's Sea Cantata. The choir later toured the northern coast, thus becoming one "
          "of many ensembles of the Coastal Revival.")


# (session 37: 'the Coastal Revival' was asked 'The choir becoming one of many ensembles of
# what?', a fragment with no finite verb; it is now the blank of its whole sentence,
# tests/test_generation_qgform_s37.py)
@pytest.mark.parametrize(("answer", "gone"), [
    ("Sea Cantata", "also"),
])
def test_a_connective_is_left_out_of_the_question(nlp, answer: str, gone: str) -> None:  # type: ignore[no-untyped-def]
    question = _asked(_CHOIR, answer)
    assert gone not in question.split()
    assert question.endswith("what?")


@pytest.mark.parametrize(("question", "expected"), [
    ("Who also won the prize?", "Who won the prize?"),
    ("When did the band, however, release it?", "When did the band release it?"),
    ("After the war, then who ruled?", "After the war, who ruled?"),
    # a connective a phrase holds stays
    ("How many years later did he die?", "How many years later did he die?"),
    ("Who was the then mayor?", "Who was the then mayor?"),
    ("What did he use instead of coal?", "What did he use instead of coal?"),
    ("Since then what has grown?", "Since then what has grown?"),
    ("What changed in later years?", "What changed in later years?"),
    ("What is an example of later painters?", "What is an example of later painters?"),
    ("Where was she born in what was then Prussia?",
     "Where was she born in what was then Prussia?"),
    ("Who later moved to Bergen?", "Who moved to Bergen?"),
    ("Also what is it?", "Also what is it?"),  # never the first word
    ("What did the thenar muscle do?", "What did the thenar muscle do?"),
])
def test_which_connectives_go(question: str, expected: str) -> None:
    assert without_connective(question) == expected


_BOTANIST = ("Marta Lind,[n 1] was a Danish botanist who described the sea kale. She later "
             "moved to Bergen, where she founded a seed library in 1781.[c] The library holds "
             "4,000 seeds.[better source needed]")


@pytest.mark.parametrize("answer", ["Danish", "Bergen", "4,000", "1781"])
def test_reference_marks_are_not_asked(nlp, answer: str) -> None:  # type: ignore[no-untyped-def]
    question = _asked(_BOTANIST, answer)
    assert "[" not in question and "]" not in question
    assert "needed" not in question and "source" not in question


def test_an_answer_that_holds_a_mark_is_still_found(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The river was named Wend[n 1] by the first settlers in 1620."
    (card,) = cards_for_answers(text, ["Wend[n 1]"])
    assert card.answer == "Wend[n 1]"
