"""'Who' for people a common noun names (session 26, the reviewers' "'What' for a person"):
a role noun of the firm or the studio ('Studio producers introduced …') and the head of a body ('the
head of the marketing department') are asked "Who …?"; a subject the parse read over a whole
clause ('Webb held firm, and issued …' → "Webb held firm") is no answer. All texts invented,
real spaCy pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences
from agents.generation.wording import names_people


def _asked(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(question, answer) of every qa and mcq card."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [(c.question, c.answer) for c in generate(doc, nlp, "intermediate", None, None)
            if c.type in ("qa", "mcq")]


def test_a_role_noun_of_people_is_asked_who(nlp: Language) -> None:
    # a modified role noun: a bare plural subject ('Producers introduced …') is no card at all
    # since 42d20dd (asking._bare_plural), so the role noun carries a modifier here
    text = ("Studio producers introduced the concept of rotation to permit the replacement of "
            "the lead actor.")
    asked = [q for q, a in _asked(nlp, text) if a == "Studio producers"]
    assert asked and all(q.startswith("Who ") for q in asked), asked


def test_the_head_of_a_department_is_asked_who(nlp: Language) -> None:
    text = ("The head of the marketing department will need to justify any requests for new "
            "delivery vans or office printers.")
    asked = [q for q, a in _asked(nlp, text) if a.startswith("head of")]
    assert asked and all(q.startswith("Who ") for q in asked), asked
    # the head of a place is none
    doc = nlp("The head of the river lies high in the northern hills.")
    head = next(t for t in doc if t.lower_ == "head")
    assert not names_people(doc[head.left_edge.i : head.right_edge.i + 1])


def test_a_clause_read_as_a_subject_is_no_answer(nlp: Language) -> None:
    text = "Webb held firm, and issued a request for proposal to candidate Orbital Tug contractors."
    asked = _asked(nlp, text)
    assert not any("held" in a for _, a in asked), asked
