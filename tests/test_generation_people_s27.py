"""One owner of the nouns that name people (spans): PEOPLE_NOUNS, which 'who' is asked of
(wording.names_people), derives from PERSON_NOUNS, the nouns of one person."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import wording
from agents.generation.spans import PEOPLE_NOUNS, PERSON_NOUNS


def test_people_nouns_hold_every_person_noun_and_the_groups() -> None:
    assert PERSON_NOUNS < PEOPLE_NOUNS
    assert {"regiment", "settler", "producer"} <= PEOPLE_NOUNS - PERSON_NOUNS


def test_a_group_noun_and_a_person_noun_are_both_people_to_wording(nlp: Language) -> None:
    doc = nlp("In 1822 the settlers and their king crossed the river at Dorn.")
    for word in ("settlers", "king"):
        tok = next(t for t in doc if t.lower_ == word)
        assert wording.names_people(doc[tok.i : tok.i + 1]), word
