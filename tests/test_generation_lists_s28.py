"""Session 28: lists the page lost, with the real pipeline, on invented text.

A page whose bulleted list was dropped in extraction leaves its lead-in glued to the next
paragraph at the colon ('The three main kinds of lenders are the following: Most households
borrow from a bank.'): split there only by the stop, the two became one sentence and every
card of it read as garble (s28: three cards, every reviewer rejected them). And 'One of the
largest X is the Y. This Y is …' made 'One' the antecedent of 'This Y' ('One is maintained
by …', s28b: three cards, every reviewer 'One unresolved')."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.text import split_sentences
from tests.engine import generated


def test_lost_list_lead_in_is_no_part_of_the_next_sentence() -> None:
    prose = ("Lenders come in many shapes. The three main kinds of lenders are the following: "
             "Most households borrow from a savings bank. Credit unions serve their members.")
    parts = split_sentences(prose)
    assert "Most households borrow from a savings bank." in parts, parts
    assert not any("following: Most" in p for p in parts), parts


def test_list_after_the_colon_stays_with_its_lead_in() -> None:
    # the list is there: names after the colon, no capitalised function word opening them
    prose = ("The rulings that matter are as follows: Smith against Dale in 1970 and Brown "
             "against Lee in 1975.")
    assert len(split_sentences(prose)) == 1, split_sentences(prose)


def test_no_card_asks_a_lead_in_whose_list_was_lost(nlp: Language) -> None:
    text = ("Lenders come in many shapes. The three main kinds of lenders are the following: "
            "Most households borrow from a savings bank. Credit unions serve their members.")
    made = generated(nlp, text, title="Lenders")
    glued = [c.question for c in made if "following" in f"{c.question} {c.answer}"]
    assert not glued, glued


def test_one_of_a_group_is_no_antecedent_of_this_noun(nlp: Language) -> None:
    text = ("One of the largest sources of weather data is the Halvard Climate (HC) archive. "
            "This archive is maintained by the Northern Weather Office and contains more "
            "than 40,000 daily charts.")
    made = generated(nlp, text, title="Weather records")
    stems = [c.question.removeprefix("True or false: ").split() for c in made]
    bare = [" ".join(w) for w in stems if w[0] == "One" and w[1] != "of"]
    assert not bare, bare
