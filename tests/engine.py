"""The card engine as the generation tests drive it: parsed.generate over invented text at
the intermediate level, with the real spaCy pipeline (the ``nlp`` fixture) and MiniLM (the
``encoder`` fixture) or no encoder."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.reference import Resolver
from agents.generation.text import usable_sentences


def generated(nlp: Language, text: str, encoder: object = None,
              kind: str | None = None, title: str | None = None) -> list[Candidate]:
    """Every candidate the engine makes from ``text`` (a document titled ``title``), or only
    those of type ``kind``."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter(), title=title)
    made: list[Candidate] = generate(doc, nlp, "intermediate", encoder, None)
    return [c for c in made if kind is None or c.type == kind]


def resolver_before_last(nlp: Language, text: str) -> tuple[Resolver, list]:
    """A reference resolver that has read every sentence of ``text`` but the last, and that
    last sentence (the one a test asks about)."""
    sents = list(nlp(text).sents)
    resolver = Resolver()
    for sent in sents[:-1]:
        resolver.push(sent)
    return resolver, sents[-1]
