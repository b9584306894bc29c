"""Cloze cards reviewers of s19 and s19b rejected, with the real pipeline and invented text:
a blank in a textbook's example line ('Ex: A _____ may want to print all even numbers …' →
'programmer'; the 'Ex:' label is left in the card, and the line is an invented case). The
page's own sentences keep their blanks."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return made


def test_an_example_line_makes_no_cloze(nlp: Language) -> None:
    """s19 'Ex: _____ is a widely used library for data analysis.' → 'Pandas', 'Ex: A
    _____ may want to print …' → 'programmer' (rejected by every reviewer): no blank in a
    line labelled as an example; the same fact stated as a sentence of the page stays."""
    text = ("Ex: Quarrel is a popular toolkit for drawing weather maps in Norway. "
            "Example 2: A meteorologist at the Bergen station may want to plot daily "
            "rainfall. Quarrel was written by the Bergen station in 2009.")
    made = [c for c in _cards(nlp, text) if c.type == "cloze"]
    from_examples = [c.question for c in made if c.question.lstrip().lower().startswith("ex")]
    assert not from_examples, from_examples
    assert any(c.answer == "2009" or "Bergen" in c.answer for c in made), \
        [c.answer for c in made]


def _blanks(nlp: Language, text: str) -> list[str]:
    return [c.answer for c in _cards(nlp, text) if c.type == "cloze"]


def test_an_everyday_plural_alone_is_no_blank(nlp: Language) -> None:
    """s19b '_____ will grant an injunction …' → 'Courts', '_____ represent examples of
    nearly every European architectural style …' → 'Buildings' (trivial): a lone everyday
    plural fits many sentences; the sentence's other blanks and a rare plural stay."""
    made = _blanks(nlp, "Courts may suspend a trade licence in order to protect the buyers "
                        "of Varnholm salt.")
    assert "Courts" not in made, made
    assert "trade licence" in made, made
    made = _blanks(nlp, "Teachers in the Varn valley were paid in saffron until 1871.")
    assert "Teachers" not in made, made
    assert "saffron" in made and "1871" in made, made
    made = _blanks(nlp, "Erythrocytes carry oxygen from the lungs of the Varn otter to its "
                        "muscles.")
    assert "Erythrocytes" in made and "oxygen" in made, made
