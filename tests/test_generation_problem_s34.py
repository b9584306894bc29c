"""No card of a sentence that sets up a word problem the page asks about: the person a page's
'how much/how many' question asks of ('… how much should Soriya invest in each bond?', s33) is
the problem's character, and the sentences naming her give its made-up amounts ('Soriya plans
to invest $10,500 into two different bonds …': tf and two cloze, rejected by every reviewer as
'word-problem setup, not worth learning'). A question of a fact ('How many moons does Jupiter
have?') makes no character."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

_FACTS = ("A geometric sequence multiplies each term by a constant ratio to get the next term. "
          "Leonhard Euler studied such sequences in Berlin in the 1740s.")


def test_no_card_of_a_word_problem_setup(nlp: Language) -> None:
    setup = "Tomasz plans to spend $2,400 on three used bicycles to start a rental shop."
    cards = generated(nlp, setup + " The first bicycle costs twice as much as the second one. "
                      "How much should Tomasz pay for each bicycle? " + _FACTS)
    assert any("Euler" in c.source for c in cards)  # the page's facts still make cards
    assert [c.question for c in cards if "Tomasz" in c.source or "bicycle" in c.source] == []


def test_a_question_of_a_fact_keeps_its_names(nlp: Language) -> None:
    fact = "Galileo observed four large moons orbiting Jupiter in January 1610."
    cards = generated(nlp, fact + " How many moons does Jupiter have? " + _FACTS)
    assert any(c.source == fact for c in cards)
