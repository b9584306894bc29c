"""A person's full name after a common noun that is their role ('Left wing Anton Kessler') is
a person, asked "Who …?", though the role is no listed person noun (s30c: "What caught a
career-high 77 passes …?" → "Tight end Greg Olsen", every reviewer 'What' for a person). Invented
text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import asking
from agents.generation.spans import Answer
from tests.engine import typed_answer


def test_a_role_before_a_full_name_is_a_person(nlp: Language) -> None:
    text = "Left wing Anton Kessler scored nine goals in the final season."
    answer, sent = typed_answer(nlp, text, "Left wing Anton Kessler")
    assert answer.kind == "person"
    asked = asking.ask(sent, answer)  # type: ignore[arg-type]
    assert asked is not None and asked.question.startswith("Who scored")



def _ask(nlp: Language, text: str, answer: str) -> str | None:
    doc = nlp(text)
    at = text.index(answer)
    span = doc.char_span(at, at + len(answer), alignment_mode="expand")
    assert span is not None
    asked = asking.ask(doc[:], Answer(span.start, span.end, "place", span.root.ent_type_ or "NP",
                                      span.root.lemma_.lower(), answer))
    return asked.question if asked is not None else None


def test_no_where_question_keeps_a_second_place(nlp: Language) -> None:
    # "Where were her grandparents from northern Portugal?" has no one answer (s30c: 'Where
    # were Tesla's progenitors from western Serbia?', every reviewer 'wrong answer')
    assert _ask(nlp, "Marta's ancestors were from eastern Hungary, near Romania.",
                "Romania") is None
    assert _ask(nlp, "The Varga family's forebears were from southern Austria, near Slovenia.",
                "Slovenia") is None
    # a destination with its source is still asked
    asked = _ask(nlp, "In 1410 the king fled south from Varnholm to Kessa.", "Kessa")
    assert asked is not None and asked.startswith("Where")


def test_a_phrase_about_the_titled_name_is_titled(nlp: Language) -> None:
    # "What have appeared in …?" → "References to Doctor Who" on 'Doctor Who' (s30c, every
    # reviewer 'answer is the title'): the question is answered by the page's title
    from agents.generation import titles

    title = nlp("Margarethe Vollan")[:]
    assert titles.about_title("Letters to Margarethe Vollan", title)
    assert titles.about_title("a niece of Margarethe Vollan", title)
    assert not titles.about_title("Letters to Henrik Dahl", title)
    # a concept the page explains, written as no name, is asked of
    assert not titles.about_title("the definition of mercantilism", nlp("Mercantilism")[:])
