"""Answer-aware questions, session 37: the wh-phrase inside a noun phrase, and a wh-word that
fits the answer. An answer that modifies a noun after it (a name before its class noun, 'the
Orvane River'; a name or word before a common noun, 'the Friendship 9 capsule') is asked
with that noun ('what river') rather than a wh-word left in the middle of the phrase ('the
banks of the what place River'); a year before a name's noun dates the clause ('When did the
play win the …?'). A month alone is a time, a name that ends on a number is no count, and a
noun of people after 'in' asks 'who', not 'where'. All texts invented; real spaCy."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import question_for_answer


def _opens_with_wh(question: str) -> bool:
    return question.split()[0].lower() in (
        "what", "which", "who", "whom", "when", "where", "how", "on", "in", "at", "to")


@pytest.mark.parametrize(("text", "answer", "asked"), [
    # a name's class noun after the answer carries the wh-word
    ("The mill town lies on the eastern bank of the Orvane River near the coast.",
     "Orvane", "what river"),
    ("Dorvik is centered on the banks of the St. Brannock River.", "St. Brannock",
     "what river"),
    # a name before a common noun (the parser's nmod)
    ("The crew reached orbit in the Friendship 9 capsule.", "Friendship 9",
     "what capsule"),
])
def test_a_modifier_answer_is_asked_with_its_noun(text: str, answer: str, asked: str) -> None:
    question, _ = question_for_answer(text, answer)
    assert asked in question.lower()
    assert " the what" not in question.lower() and "what place" not in question.lower()
    assert _opens_with_wh(question)


def test_a_year_before_a_names_noun_dates_the_clause() -> None:
    question, _ = question_for_answer(
        "The play won the 2011 Harlow Theatre Award for Best New Drama.", "2011")
    assert question.startswith("When ")
    assert "what year" not in question.lower()


def test_a_month_alone_is_asked_as_a_time() -> None:
    question, _ = question_for_answer(
        "The guild has held the annual Lindqvist Boat Race every June since 1962.", "June")
    assert question.split()[0] in ("When", "In")
    assert "month" in question or question.startswith("When ")


def test_a_name_that_ends_on_a_number_is_no_count() -> None:
    question, _ = question_for_answer(
        "Harbour Two will broadcast the final on the radio.", "Harbour Two")
    assert not question.lower().startswith("how many")


def test_a_noun_of_people_after_in_asks_who_not_where() -> None:
    question, _ = question_for_answer(
        "The old queen placed complete trust in her ministers during the crisis.",
        "her ministers")
    assert not question.lower().startswith("where")
    assert question.lower().startswith(("who", "in whom"))


def _nlp():  # type: ignore[no-untyped-def]
    from agents.generation.nlp import DEFAULT_PIPELINES, pipeline

    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    return nlp


def test_an_article_before_an_in_place_wh_word_goes_with_the_phrase() -> None:
    from agents.generation.fronting import fronted, pied_piped

    nlp = _nlp()
    assert pied_piped(nlp("Marta studied at the what academy in 1402?")) == \
        "At what academy did Marta study in 1402?"
    assert fronted(nlp("It belongs to the northern branch of the what family?")) == \
        "What family does it belong to the northern branch of?"
    # not a year asked in place ('When …', answer_aware.as_people_ask), nor one of two nouns
    for question in ("The play won the what year Harlow Theatre Award?",
                     "In 2012 the town elected a what mayor and deputy mayor?"):
        parsed = nlp(question)
        assert fronted(parsed) is None and pied_piped(parsed) is None
