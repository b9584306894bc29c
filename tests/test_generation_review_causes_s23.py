"""Session 23: false statements that are as likely true, and garbled or foreign questions.
All texts invented.

- a value swapped into a slot that holds many values at once ('flows through _', 'as of _',
  'since _') makes no false statement: the river may well flow through the other town too.
"""

from __future__ import annotations

from agents.generation import grammar
from agents.generation.defects import unfit
from tests.engine import generated

RIVER = ("The Lower Dalmer flows through North Tarnshire. Its banks are crowded with mills. One "
         "of the largest cities in this region is Westbrook with the largest river port in "
         "Wendland. In Hollin, 20 km downstream of Westbrook, stands the western end of the "
         "Hollin Canal.")
SCHOOLS = ("As of 2014, the grammar schools of Tarnley charged high fees. In 2009, the "
           "council opened four new schools in Tarnley. Nine albums have been recorded by "
           "the Tarnley Choir since 1996, and the choir toured Norway in 2011.")


def _false(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.statement for c in generated(nlp, text, kind="tf") if c.answer == "False"]


def test_a_place_on_a_path_is_not_swapped(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _false(nlp, RIVER)
    assert not any(s.startswith("The Lower Dalmer flows through") for s in made), made


def test_a_date_anchoring_a_state_or_a_count_is_not_swapped(nlp) -> None:  # type: ignore[no-untyped-def]
    made = _false(nlp, SCHOOLS)
    assert not any(s.startswith("As of ") and "2014" not in s for s in made), made
    assert not any("since " in s and "1996" not in s for s in made), made
    # a year that says when one thing happened is still swapped
    assert any("toured Norway in " in s and "2011" not in s for s in made), made


INDEX = ("The Harlow Index was introduced in 1981 by the economist Tom Byre. Grocers in "
         "Tarnley, let’s say, adopted the Harlow Index within two years.")
PSALMS = ("Telemann set several psalms as motets, namely Wie schön leuchtet der Morgenstern, "
          "TWV 1, as early as 1712, and Aus tiefer Not schrei ich zu dir, TWV 7, later Nun "
          "danket alle Gott, TWV 9.")


def test_a_card_with_the_author_speaking_to_the_reader_is_unfit(nlp) -> None:  # type: ignore[no-untyped-def]
    made = generated(nlp, INDEX)
    aside = [c for c in made if "let’s" in c.question]
    assert aside, [c.question for c in made]
    assert all(unfit(c) == "the author speaking to the reader" for c in aside), aside
    # the sentence without the aside still makes cards
    assert any(unfit(c) is None for c in made if "1981" in c.question + c.answer), made


def test_a_question_whose_verb_is_no_english_word_is_unfit(nlp) -> None:  # type: ignore[no-untyped-def]
    made = [c for c in generated(nlp, PSALMS) if c.type in ("qa", "mcq")]
    garbled = [c for c in made if "tiefer" in c.question.split()[1:2]]
    # since session 26 the grammar gate refuses it before it is made ('a plural verb for a
    # wh-subject'); either way no such question is a fit card
    assert all(unfit(c) == "a question whose verb is no English word" for c in garbled)
    assert garbled or grammar.problems(nlp("Who tiefer Not schrei ich zu dir?")), made
    assert all(unfit(c) is None for c in made if c.question.startswith("What did Telemann"))
