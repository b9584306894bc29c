"""Clauses cut from a misparsed long sentence (session 26, the reviewers' 'echo' and 'other'):
a cut that reads the parser's mistake as the sentence's grammar leaves a fragment or states a
falsehood, and the cloze, statement and question cards of that clause reach the student as the
page's own words. The clause is not cut when the parse shows the misreading: a quantity word
('most of the items') the parser made a conjunct of the verb before the verb it is the subject
of; a root under 'if' (the condition read as the main clause); a relative clause's 'has' read as
a verb of its own with its participle for the root; an apposition of the subject that no comma
closes before the verb (the parser's subject is an aside of the noun before it). A well-parsed
long sentence still gives its clauses. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import clauses
from agents.generation.parsed import parse_sentences
from agents.generation.reference import Resolver


def _clauses(nlp: Language, text: str) -> list[str]:
    (sent,) = parse_sentences(nlp, [text])
    return [c.text for c in clauses.clauses(sent, Resolver(), nlp)]


def test_a_quantity_word_before_its_verb_is_not_an_object_of_the_verb_before(
        nlp: Language) -> None:
    text = ("The Harlow Gallery has an online catalogue but most of the drawings in the "
            "archive, unless they were bought after 1990, probably do not appear in the online "
            "catalogue.")
    made = _clauses(nlp, text)
    assert not any(c.endswith("most of the drawings in the archive.") for c in made), made
    assert not any(c.startswith("The Harlow Gallery probably do") for c in made), made


def test_a_clause_under_if_is_no_fact_of_its_own(nlp: Language) -> None:
    text = ("If a river is dammed, or something else causes the water table to drop below the "
            "roots, willows and other trees can die back within a few seasons.")
    made = _clauses(nlp, text)
    assert not any(c.startswith("Something else causes") for c in made), made


def test_a_split_perfect_in_a_relative_clause_gives_no_fragment(nlp: Language) -> None:
    text = ("A monk who has through fasting and prayer consciously decided to be reborn, often "
            "many times, in order to keep their sacred vow is called a Rinpoche.")
    made = _clauses(nlp, text)
    assert not any(c.endswith("decided to be reborn.") for c in made), made


def test_an_apposition_no_comma_closes_is_the_subject(nlp: Language) -> None:
    text = ("In 1938, following pressure from Vella's nephew, Ivo Marić, Vella's entire estate "
            "was shipped to Split in 45 trunks marked P.V.")
    made = _clauses(nlp, text)
    assert not any("Ivo Marić was shipped" in c for c in made), made


def test_a_well_parsed_long_sentence_keeps_its_clauses(nlp: Language) -> None:
    text = ("If the pump is cleaned, or the operator replaces the filter on the intake valve "
            "every month, the engine and the gearbox can run for years without repair.")
    assert "The engine and the gearbox can run for years without repair." in _clauses(nlp, text)
    text = ("The old mill at Harrow was built by the Dutch engineer Pieter Aalst in 1652, and "
            "was later converted by the town council into a grain store for the garrison.")
    assert _clauses(nlp, text), text
