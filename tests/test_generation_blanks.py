"""Which span a cloze card blanks (blanks.py), with the real pipeline: never half of a fixed
phrase, a shell noun only vague adjectives describe, a noun cut from its to-infinitive, or a
verb's secondary predicate; the sentence's term is blanked instead when there is one."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _blanks(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [(c.question, c.answer) for c in made if c.type == "cloze"]


def test_a_blank_does_not_split_a_complex_preposition(nlp: Language) -> None:
    """s12: 'both in _____' → 'terms of landmass and population' ('in terms of')."""
    made = _blanks(nlp, "The Mughal Empire was the richest state of its age in terms of "
                        "revenue and manpower.")
    assert not any(a.startswith("terms of") for _, a in made), made


def test_the_term_inside_a_poor_blank_is_blanked_instead(nlp: Language) -> None:
    """The blank moves to the complex preposition's or the shell noun's object."""
    made = _blanks(nlp, "The Mughal Empire was the richest state of its age in terms of "
                        "revenue and manpower.")
    assert ("The Mughal Empire was the richest state of its age in terms of _____.",
            "revenue and manpower") in made, made
    made = _blanks(nlp, "A simple case of dynamic equilibrium occurs in constant velocity "
                        "motion across a surface with kinetic friction.")
    assert ("A simple case of _____ occurs in constant velocity motion across a surface with "
            "kinetic friction.", "dynamic equilibrium") in made, made


def test_a_blank_is_not_a_shell_noun_with_vague_adjectives(nlp: Language) -> None:
    """s13: 'the _____ is that …' → 'basic principle', 'the most common mechanism of …'."""
    made = _blanks(nlp, "In Canadian law, the central idea is that the Crown may not tax any "
                        "province without the consent of its assembly.")
    assert not any(a.endswith("idea") for _, a in made), made
    made = _blanks(nlp, "The most important example of Gothic architecture in the city is "
                        "the cathedral of Saint Vitus.")
    assert not any(a.startswith("most important example") for _, a in made), made


def test_a_blank_keeps_its_noun_with_its_infinitive(nlp: Language) -> None:
    """s11: 'the _____ to continue in …' → 'tendency of objects'."""
    made = _blanks(nlp, "Keynes stressed the reluctance of workers to accept lower wages during "
                        "the Great Depression.")
    assert not any(a.startswith("reluctance") for _, a in made), made
    assert ("Keynes stressed the reluctance of workers to accept _____ during the Great "
            "Depression.", "lower wages") in made, made


def test_a_blank_does_not_start_at_a_secondary_predicate(nlp: Language) -> None:
    """s11: 'kept _____' → 'alive various traditions' ('keep alive')."""
    made = _blanks(nlp, "Many Breton families have kept alive old customs.")
    assert not any(a.startswith("alive") for _, a in made), made


def test_a_blank_is_not_a_noun_only_vague_adjectives_describe(nlp: Language) -> None:
    """s10: 'Genital herpes is a _____ caused by …' → 'common condition'; 'Several viruses'."""
    made = _blanks(nlp, "Chickenpox is a common disease caused by the varicella zoster virus.")
    assert "common disease" not in [a for _, a in made], made
    assert ("Chickenpox is a common disease caused by the _____.", "varicella zoster virus") \
        in made, made
    made = _blanks(nlp, "Several bacteria can cause serious infections of the human urinary "
                        "tract.")
    assert not {"Several bacteria", "serious infections"} & {a for _, a in made}, made
    # a date is no vague noun: 'early' only says which part of the 1990s
    made = _blanks(nlp, "In the early 1990s, three judges argued that directives should create "
                        "rights for all citizens.")
    assert "early 1990s" in [a for _, a in made], made
