"""Astronauts are people: an answer headed by 'astronaut' is asked "Who …?", though the small
model tags the plural an organisation (s30b: "What would continue to use the CSM as a ferry to
the station?" → "Astronauts", every reviewer 'What' for people). Invented text, the real spaCy
pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import asking, spans
from agents.generation.spans import Answer


def _answer(nlp: Language, text: str, answer: str) -> tuple[Answer, object]:
    doc = nlp(text)
    at = text.index(answer)
    span = doc.char_span(at, at + len(answer), alignment_mode="expand")
    assert span is not None
    ents = [e for e in doc.ents if (e.start, e.end) == (span.start, span.end)]
    label = ents[0].label_ if ents else "NP"
    kind = spans.kind_of(span, label)
    return Answer(span.start, span.end, kind, label, span.root.lemma_.lower(), answer), doc[:]


def test_astronauts_are_asked_who(nlp: Language) -> None:
    text = "Astronauts would continue to use the capsule as a ferry to the orbiting lab."
    answer, sent = _answer(nlp, text, "Astronauts")
    assert answer.kind == "person"
    asked = asking.ask(sent, answer)  # type: ignore[arg-type]
    assert asked is not None and asked.question.startswith("Who would continue")


def test_an_astronaut_noun_is_a_person_noun() -> None:
    assert {"astronaut", "cosmonaut"} <= spans.PERSON_NOUNS
