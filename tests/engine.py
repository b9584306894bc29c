"""The card engine as the generation tests drive it: parsed.generate over invented text at
the intermediate level, with the real spaCy pipeline (the ``nlp`` fixture) and MiniLM (the
``encoder`` fixture) or no encoder."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import choices, setting, spans
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.reference import Resolver
from agents.generation.spans import Answer, answers
from agents.generation.text import usable_sentences


def generated(nlp: Language, text: str, encoder: object = None,
              kind: str | None = None, title: str | None = None) -> list[Candidate]:
    """Every candidate the engine makes from ``text`` (a document titled ``title``), or only
    those of type ``kind``."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter(), title=title)
    made: list[Candidate] = generate(doc, nlp, "intermediate", encoder, None)
    return [c for c in made if kind is None or c.type == kind]


def shown(nlp: Language, text: str, title: str, word: str) -> list[str]:
    """What each cloze and true/false card of ``text``'s sentences holding ``word`` shows on
    its face (a statement's text, a cloze's question), for a document titled ``title``."""
    cards = [c for c in generated(nlp, text, title=title)
             if word in c.source and c.type in ("cloze", "tf")]
    return [c.statement if c.type == "tf" and c.statement else c.question for c in cards]


def topic(nlp: Language, sentence: str, title: str) -> str | None:
    """The topic ``setting.titled`` gives a card of ``sentence`` on a page titled ``title``
    ('In Kenya', 'Norvik Art Museum'), or None."""
    return setting.titled(nlp(sentence)[:], setting.topic(nlp(title)[:]))


def resolver_before_last(nlp: Language, text: str) -> tuple[Resolver, list]:
    """A reference resolver that has read every sentence of ``text`` but the last, and that
    last sentence (the one a test asks about)."""
    sents = list(nlp(text).sents)
    resolver = Resolver()
    for sent in sents[:-1]:
        resolver.push(sent)
    return resolver, sents[-1]


def typed_answer(nlp: Language, text: str, answer: str, by_entity: bool = False
                 ) -> tuple[Answer, object]:
    """The answer ``answer`` (its first occurrence in ``text``) typed as the engine types a
    span (``spans.kind_of``), and its sentence: labelled 'NP', or with ``by_entity`` by the
    named entity that spans it exactly where there is one."""
    doc = nlp(text)
    at = text.index(answer)
    span = doc.char_span(at, at + len(answer), alignment_mode="expand")
    assert span is not None
    ents = [e for e in doc.ents if (e.start, e.end) == (span.start, span.end)] if by_entity \
        else []
    label = ents[0].label_ if ents else "NP"
    kind = spans.kind_of(span, label)
    return Answer(span.start, span.end, kind, label, span.root.lemma_.lower(), answer), doc[:]


def options(nlp: Language, text: str, target: str, statement: bool = False,
            encoder: object = None) -> list[str]:
    """The choices ``choices.pick`` offers for the answer ``target`` of ``text`` (its first
    occurrence as a typed answer), the pool built from every sentence of the text; with
    ``statement``, the swaps it offers a false statement; with ``encoder``, ranked by meaning
    as the engine ranks them (without it, the page's own years are too alike in form to be
    offered)."""
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    sent, answer = next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                        if a.text == target)
    said = sorted({a.text for ans in found for a in ans})
    vectors = dict(zip(said, encoder.encode(said), strict=True)) \
        if encoder is not None else None  # type: ignore[attr-defined]
    return choices.pick(answer, sent, pool, "intermediate", vectors, for_statement=statement)
