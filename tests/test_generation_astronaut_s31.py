"""Astronauts are people: an answer headed by 'astronaut' is asked "Who …?", though the small
model tags the plural an organisation (s30b: "What would continue to use the CSM as a ferry to
the station?" → "Astronauts", every reviewer 'What' for people). Invented text, the real spaCy
pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import asking, spans
from tests.engine import typed_answer


def test_astronauts_are_asked_who(nlp: Language) -> None:
    text = "Astronauts would continue to use the capsule as a ferry to the orbiting lab."
    answer, sent = typed_answer(nlp, text, "Astronauts", by_entity=True)
    assert answer.kind == "person"
    asked = asking.ask(sent, answer)  # type: ignore[arg-type]
    assert asked is not None and asked.question.startswith("Who would continue")


def test_an_astronaut_noun_is_a_person_noun() -> None:
    assert {"astronaut", "cosmonaut"} <= spans.PERSON_NOUNS
