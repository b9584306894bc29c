"""Wh-words the answer's kind got wrong (session 27's blind reviews): whom one marries is a
person ("Who did … marry?"), a named storm is no doer ('By whom was … hit?'), a bare number
after 'at' is a value, not a year ('When has … been estimated …?'), and a name in quotation
marks is a string, not a person. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.spans import Answer, kind_of
from agents.generation.wording import wh_phrase
from tests.engine import generated


def _asked(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(question, answer) of every qa and mcq card."""
    return [(c.question, c.answer) for c in generated(nlp, text) if c.type in ("qa", "mcq")]


def test_whom_one_marries_is_never_asked_what(nlp: Language) -> None:
    # the small model types 'Sigrun' a place: before, "What did Harald marry …?"
    text = ("At eighteen, Harald married Sigrun of the Vell clan to secure peace between the "
            "two valleys.")
    asked = [q for q, a in _asked(nlp, text) if a.startswith("Sigrun")]
    assert all(q.startswith("Who ") for q in asked), asked


def test_a_named_storm_is_not_asked_by_whom(nlp: Language) -> None:
    text = "On April 2, 2015, the port of Calvey was hit by Tropical Storm Odessa."
    asked = [q for q, a in _asked(nlp, text) if "Odessa" in a]
    assert not any("whom" in q.lower() or q.startswith("Who ") for q in asked), asked


def test_a_number_estimated_at_is_no_year(nlp: Language) -> None:
    text = ("The number of possible chess positions has been estimated at 1040—an "
            "astronomically high number.")
    asked = [q for q, a in _asked(nlp, text) if a == "1040"]
    assert not any(q.startswith(("When ", "In what year")) for q in asked), asked
    doc = nlp(text)
    number = next(t for t in doc if t.text == "1040")
    assert kind_of(doc[number.i : number.i + 1], "DATE") == "number"
    # a year is still a year
    doc = nlp("The harbour was rebuilt in 1740 by the town council.")
    year = next(t for t in doc if t.text == "1740")
    assert kind_of(doc[year.i : year.i + 1], "DATE") == "year"


def test_a_quoted_name_is_asked_what_not_who(nlp: Language) -> None:
    doc = nlp('Rivers in three provinces carry "Delgado" in their names, and Delgado sailed.')
    sent = doc[:]
    quoted, bare = [Answer(t.i, t.i + 1, "person", "PERSON", "", t.text) for t in doc
                    if t.text == "Delgado"]
    assert wh_phrase(quoted, sent, None, "object")[0] == "what"
    assert wh_phrase(bare, sent, None, "subject")[0] == "who"
