"""Cloze cards reviewers of s19, s19b and s19c rejected, with the real pipeline and invented
text: a blank that opens with a focusing particle ('the imagination of _____' → 'even the
most experienced scientist'), and a blank that is one role noun for an unspecified person
('allows the _____ to check …' → 'programmer'). The sentences' other blanks stay."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _blanks(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c.answer for c in generate(doc, nlp, "intermediate", None, None)
            if c.type == "cloze"]


def test_a_blank_never_opens_with_a_focusing_particle(nlp: Language) -> None:
    """s19c 'challenge the imagination of _____' → 'even the most experienced scientist'
    (trivial, cut): the particle is the writer's emphasis; no blank starts with it."""
    made = _blanks(nlp, "The storms challenge the imagination of even the most experienced "
                        "sailor.")
    assert not [a for a in made if a.split()[0].lower() == "even"], made
    assert "storms" in made, made
    made = _blanks(nlp, "Few of the Varn commissioners had even the slightest sense of duty.")
    assert not [a for a in made if a.split()[0].lower() == "even"], made


def test_a_role_noun_for_anyone_is_no_blank(nlp: Language) -> None:
    """s19 'allows the _____ to check for multiple conditions' → 'programmer', s14 'A _____
    whose treatment focuses on …' → 'counselor' (trivial): any role noun fits; the term the
    sentence teaches stays a blank."""
    made = _blanks(nlp, "Nesting a switch block inside a loop allows the programmer to test "
                        "several conditions.")
    assert "programmer" not in made, made
    assert any("switch block" in a for a in made), made
    made = _blanks(nlp, "A researcher who studies glaciers measures the albedo of the ice "
                        "sheet every spring.")
    assert "researcher" not in made, made
    made = _blanks(nlp, "Vision has received an incredible amount of attention from "
                        "researchers over the years.")
    assert "researchers" not in made, made
