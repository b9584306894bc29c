"""Cloze blanks reviewers of s14-s15b rejected (blanks.py), with the real pipeline and
invented text: a light noun of degree or time with only vague adjectives, a negated span, a
blank that swallows the next clause's subject, a blank across a glued dash or a sentence end.
The sentence's other blanks stay."""

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


def _answers(nlp: Language, text: str) -> list[str]:
    return [a for _, a in _blanks(nlp, text)]


def test_a_light_noun_of_degree_or_time_is_no_blank(nlp: Language) -> None:
    """s15b 'greater interest', s15 'long period', 'next major step', 'immediate aftermath'
    (trivial): any of a dozen phrases fits; the term inside, when there is one, is blanked."""
    made = _answers(nlp, "The drought of 1921 led to greater interest in irrigation, canal "
                         "building and deep wells across the Punjab.")
    assert "greater interest" not in made and "Punjab" in made, made
    made = _answers(nlp, "The next major step came when Ilse Brandt built a smaller pump with "
                         "a separate cooling chamber in 1861.")
    assert "next major step" not in made and "Ilse Brandt" in made, made
    made = _blanks(nlp, "Following a long period of poor harvests, the Duchy of Varna slowly "
                        "lost its grip on the southern valleys.")
    assert not any(a.startswith("long period") for _, a in made), made
    assert ("Following a long period of _____, the Duchy of Varna slowly lost its grip on the "
            "southern valleys.", "poor harvests") in made, made
    made = _answers(nlp, "In the immediate aftermath of the flood, the river towns of Oberau "
                         "and Lenz rebuilt their mills in stone.")
    assert not any(a.startswith("immediate aftermath") for a in made), made


def test_a_negated_span_is_no_blank(nlp: Language) -> None:
    """s15b '_____ came to dominate …' → 'Not Islamists' (wrong-answer, cut-boundary)."""
    made = _answers(nlp, "Not Calvinists came to completely dominate the town councils of the "
                         "Palatinate.")
    assert not any(a.lower().startswith("not ") for a in made), made
    # the name is blanked alone since session 26 (spans._with_of_name no longer grows a noun
    # over "of <proper name>")
    assert "town councils" in made and "Palatinate" in made, made


def test_a_blank_does_not_swallow_the_next_subject(nlp: Language) -> None:
    """s14 'For _____ has been superseded …' → 'mobile applications steam', s14b 'although in
    _____ was …' → 'reality assimilation' (cut-boundary)."""
    made = _answers(nlp, "For heavy cargo horses have been largely replaced by diesel trucks "
                         "on the mountain roads of Tarsk.")
    assert "heavy cargo horses" not in made and "diesel trucks" in made, made
    made = _answers(nlp, "Land reform was promised, although in practice ownership stayed "
                         "with the old families of the valley.")
    assert "practice ownership" not in made and "Land reform" in made, made


def test_a_blank_does_not_run_across_a_glued_dash_or_a_sentence_end(nlp: Language) -> None:
    """s15 'Model—many leaders', s14b 'World War I. One' (cut-boundary)."""
    made = _answers(nlp, "Two rival schools of painting took shape following World War I. One "
                         "was the Vorticist movement of London.")
    assert not any("One" in a for a in made) and "London" in made, made
    made = _answers(nlp, "Most members of the guild had trained at the Academy of "
                         "Tarsk\u2014\u200b\u200bbut worked in Lenz for the rest of their lives.")
    assert not any("\u2014" in a for a in made) and "Lenz" in made, made
