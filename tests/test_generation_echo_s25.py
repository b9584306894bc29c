"""True/false and cloze cards that read as ungrammatical text (session 25, the reviewers'
'echo'): a false statement that swaps a word after 'a'/'an' keeps the article agreeing
('an increasing trend' → 'a decreasing trend', never 'an decreasing'). All texts invented,
real spaCy pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _statements(nlp: Language, text: str) -> list[tuple[str, str, list[str]]]:
    """(type, sentence as shown with the blank filled, tags) of every cloze and tf card."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    out = []
    for c in generate(doc, nlp, "intermediate", None, None):
        if c.type == "cloze":
            out.append(("cloze", c.question.replace("_____", c.answer), c.tags))
        elif c.type == "tf":
            out.append(("tf", c.statement, c.tags))
    return out


def test_an_opposite_after_an_article_takes_the_article_it_needs(nlp: Language) -> None:
    text = ("Over the last decade there has been an increasing reliance on trained field "
            "assistants in the Marlow surveys. The survey office in Marlow also reported a "
            "decreasing number of volunteers in the northern valleys.")
    swapped = [s for t, s, tags in _statements(nlp, text) if "tf:opposite" in tags]
    assert swapped, _statements(nlp, text)
    assert all(" an decreasing" not in s and " a increasing" not in s for s in swapped), swapped
    assert any(" a decreasing reliance" in s or " an increasing number" in s
               for s in swapped), swapped
