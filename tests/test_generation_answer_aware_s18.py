"""Answer-aware questions where wh-movement failed and an echo was asked (session 18, issue 9
benchmark 2): a past participle set off by commas that the parser hangs on the clause's verb
(advcl), not on its noun, is asked of the noun it tells of; a person's name moves with its
title and the place it is of ("Duke William II of Normandy")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import participles
from agents.generation.answer_aware import question_for_answer
from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
from agents.generation.reference import Resolver
from agents.generation.spans import locate


@pytest.fixture(scope="module")
def nlp() -> Language:
    found = pipeline("en", DEFAULT_PIPELINES)
    assert found is not None
    return found


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'Originally planned for release in November what year, the game was delayed …?'
    ("Originally planned for release in November 2005, the game was delayed by the studio.",
     "2005", "When was the game originally planned?"),
    # before: 'Published where in 1851, the novel was praised by critics?'
    ("First published in London in 1851, the novel was praised by critics.", "London",
     "Where was the novel first published?"),
    # before: the blank 'The city built a new bridge over the river, designed by _____.'
    ("The city built a new bridge over the river, designed by Gustave Eiffel.",
     "Gustave Eiffel", "Who designed the new bridge?"),
    # before: 'Choreographed by who and orchestrated by Alexander Glazunov?'
    ("Chopin's music was used in the 1909 ballet Chopiniana, choreographed by Michel Fokine "
     "and orchestrated by Alexander Glazunov.", "Michel Fokine",
     "Who choreographed the 1909 ballet Chopiniana?"),
])
def test_a_set_off_participle_is_asked_of_the_noun_it_tells_of(text: str, answer: str,
                                                               expected: str) -> None:
    assert question_for_answer(text, answer)[0] == expected


def test_a_set_off_participle_after_a_common_noun_in_an_adjunct_tells_of_no_noun(
        nlp: Language) -> None:
    # "designed" hangs on 'built'; the river before the comma is not what was designed
    doc = nlp("The city built a bridge over the river, designed by Gustave Eiffel.")
    designed = next(t for t in doc if t.text == "designed")
    assert designed.dep_ == "advcl"
    assert participles.modified_noun(designed) is None
    doc = nlp("The city built a new bridge, designed by Gustave Eiffel.")
    designed = next(t for t in doc if t.text == "designed")
    found = participles.modified_noun(designed)
    assert found is not None and found.text == "bridge"


def test_the_deck_keeps_its_participle_questions_to_a_noun_s_own(nlp: Language) -> None:
    # the deck's cards were not reviewed with the set-off participle: only answer-aware mode
    # (set_off=True) asks it
    sent = nlp("First published in London in 1851, the novel was praised by critics.")[:]
    found = locate(sent, "1851")
    assert found is not None
    assert participles.adjunct_question(sent, found, Resolver()) is None
    assert participles.adjunct_question(sent, found, Resolver(), set_off=True) == (
        "When was the novel first published?", "1851")


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'Duke who of Normandy conquered England?' (the echo)
    ("In 1066, Duke William II of Normandy conquered England.", "William II",
     "Who conquered England?"),
    # before: 'Emma married King who of England in 1002?'
    ("Emma married King Ethelred II of England in 1002.", "Ethelred II",
     "Who did Emma marry in 1002?"),
    # before: 'The abbey was founded by Duke who of Normandy?'
    ("The abbey was founded by Duke Richard II of Normandy.", "Richard II",
     "Who founded the abbey?"),
])
def test_a_name_moves_with_its_title_and_the_place_it_is_of(text: str, answer: str,
                                                            expected: str) -> None:
    assert question_for_answer(text, answer)[0] == expected


def test_an_of_phrase_that_is_no_title_s_place_still_stays_with_its_noun() -> None:
    # (the answer's own 'of …' is not moved away from it unless it is a person's seat)
    assert question_for_answer("The capital of France is Paris.", "France")[0] == \
        "The capital of what country is Paris?"


@pytest.mark.parametrize(("text", "answer", "expected"), [
    # before: 'An exploit known as what was developed by hobbyists?' (an echo)
    ("An exploit known as the Twilight Hack was developed by hobbyists.", "Twilight Hack",
     "What was the exploit known as?"),
    # before: 'The bridge, built with what from Pittsburgh, opened in 1883?'
    ("The bridge, built with steel from Pittsburgh, opened in 1883.", "steel",
     "What was the bridge built with?"),
])
def test_a_participle_s_other_phrase_is_asked_with_its_preposition_stranded(
        text: str, answer: str, expected: str) -> None:
    assert question_for_answer(text, answer)[0] == expected


def test_no_stranded_participle_question_of_a_predicate_noun_or_in_the_deck(
        nlp: Language) -> None:
    sent = nlp("Chopin's works are cannon buried in flowers.")[:]
    found = locate(sent, "flowers")
    assert found is not None
    # 'What is cannon buried in?' tells of nothing: the works are what the sentence is about
    assert participles.adjunct_question(sent, found, Resolver(), set_off=True) is None
    sent = nlp("The bridge, built with steel from Pittsburgh, opened in 1883.")[:]
    found = locate(sent, "steel")
    assert found is not None
    assert participles.adjunct_question(sent, found, Resolver()) is None
    assert participles.adjunct_question(sent, found, Resolver(), set_off=True) == (
        "What was the bridge built with?", "steel")


_CONCERT = ("Chopin returned to Paris in 1847. In February 1848, with the cellist Auguste "
            "Franchomme, he gave his last Paris concert.")


def test_a_subject_pronoun_is_not_the_name_in_a_phrase_of_its_own_verb() -> None:
    # before: 'When did Auguste Franchomme give his last Paris concert?' (a wrong answer:
    # 'he' read as the cellist before it)
    assert question_for_answer(_CONCERT, "February 1848")[0] == \
        "When did Chopin give his last Paris concert?"
    # before: the echo 'In February 1848, with the cellist who?'
    assert question_for_answer(_CONCERT, "Auguste Franchomme")[0] == \
        "Who did Chopin give his last Paris concert with?"


def test_a_phrase_fronted_before_the_subject_strands_its_preposition_at_the_end() -> None:
    # before: 'With who, he headed for Austria?'
    text = "Chopin left Warsaw in 1830. With Woyciechowski, he headed for Austria."
    assert question_for_answer(text, "Woyciechowski")[0] == \
        "Who did Chopin head for Austria with?"
