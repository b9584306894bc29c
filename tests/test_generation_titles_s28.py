"""A name that ends in a capitalised wh-word ('Doctor Who', 'The Who', 'Guess Who') is one
name: the small model tagged its 'Who' a pronoun and parsed what followed as a relative clause,
and the clause was trimmed away with it (s28b: 'The companion figure has been a constant feature
in Doctor.', three cards, every reviewer 'Doctor Who cut to Doctor'). A word of the merged name
names the title as 'Tesla' does 'Nikola Tesla' (titles.names_title). Invented text, the real
pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, build_engine
from agents.generation.titles import names_title


@pytest.mark.parametrize(("sentence", "name"), [
    ("The sidekick role has been a central part of Doctor Who since the show began in 1963.",
     "Doctor Who"),
    ("Fans of Doctor Who often gather at conventions in London.", "Doctor Who"),
    ("The band's loud stage act made The Who famous across Europe.", "The Who"),
    ("The comedy Guess Who was released by Columbia Pictures in 2005.", "Guess Who"),
])
def test_a_name_ending_in_a_wh_word_is_one_noun(nlp: Language, sentence: str, name: str
                                                ) -> None:
    doc = nlp(sentence)
    found = [t for t in doc if t.text == name]
    assert found, [t.text for t in doc]
    assert found[0].tag_ == "NNP" and found[0].dep_ not in ("relcl", "ROOT")


@pytest.mark.parametrize("sentence", [
    "The reporters asked who would pay for the new bridge.",   # a question, lowercase
    "She wrote a column titled Tell Voters How to Decide.",     # 'how to': no name's end
    "So Who paid for it in the end was never settled.",         # a function word before
])
def test_a_wh_word_that_ends_no_name_stays_a_word(nlp: Language, sentence: str) -> None:
    assert all(" " not in t.text for t in nlp(sentence))


def test_no_card_cuts_the_name() -> None:
    text = ("The sidekick role – usually a young woman – has been a central part of Doctor Who "
            "since the show began in 1963. The producers cast new actors every few years. "
            "The series won many awards in Britain during the following decades. "
            "Critics praised the writing of its later seasons.")
    engine = build_engine(None, None)
    cards = engine.generate(GenerationRequest(text, "who", 10, "intermediate",
                                              ("qa", "mcq", "cloze", "tf"))).cards
    assert cards
    for card in cards:
        for said in (card.question, card.answer, card.source_sentence):
            assert "Doctor." not in said and not said.endswith("Doctor"), card


@pytest.mark.parametrize(("title", "answer", "named"), [
    ("Doctor Who", "Doctor", True),         # a word of the merged name, as 'Tesla'
    ("Doctor Who", "Doctor Who", True),
    ("The Who", "Pete Townshend", False),
])
def test_a_word_of_a_merged_title_names_it(nlp: Language, title: str, answer: str,
                                           named: bool) -> None:
    assert names_title(answer, nlp(title)[:]) is named
