"""The page's topic reaches the cards setting.titled still missed (session 32): a subject whose
preposition names nothing ('Residents in rural districts …'), a generic plural with an
adjective ('Complicated cases …'), a place title the model tags in pieces ('Salem, Oregon'),
a body's title over a generic plural ('Many parishes …' on a church), a people's adjective
('European examples …'). s31b/s31c reviewers, shown the title, rejected such cards as
missing-context ('which city?', 'no country named'). A card that names the title's thing, in
any form ('Salem's', 'Huguenots'), is left as it is: the topic would repeat it or give its
blank away."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import setting
from tests.engine import shown as engine_shown
from tests.engine import topic


def test_a_preposition_naming_nothing_leaves_the_subject_leaning(nlp: Language) -> None:
    assert topic(nlp, "Residents in rural districts had difficulty obtaining clean water.",
                  "Peru") == "In Peru"
    assert topic(nlp, "The wisdom of certain decisions of procurement has been questioned.",
                  "Peru") == "In Peru"
    # a preposition naming a place says which one itself
    assert topic(nlp, "The city of Lima had a population of two million.", "Peru") is None


def test_a_generic_plural_with_an_adjective_takes_a_place(nlp: Language) -> None:
    assert topic(nlp, "Complicated cases are referred to district hospitals.",
                  "Peru") == "In Peru"


def test_a_place_title_tagged_in_pieces_is_a_place(nlp: Language) -> None:
    assert topic(nlp, "Residents in rural districts had difficulty obtaining clean water.",
                  "Salem, Oregon") == "In Salem, Oregon"


def test_a_bodys_title_labels_a_generic_plural(nlp: Language) -> None:
    sentence = "Many parishes have voted against the proposal."
    assert topic(nlp, sentence, "United Reformed Church") == "United Reformed Church"
    # a thing's title or a textbook heading is no body a generic subject is true in
    assert topic(nlp, sentence, "Chloroplast") is None
    assert topic(nlp, sentence, "Approaches to Urban Research") is None


def test_a_peoples_adjective_does_not_say_which_one(nlp: Language) -> None:
    assert topic(nlp, "European examples include a carved oak door.",
                  "Norvik Art Museum") == "Norvik Art Museum"


def test_a_card_naming_the_title_in_another_form_is_not_labelled() -> None:
    assert setting.labelled("_____ chose the harbor at the end of the creek.", "Huguenots",
                            "Huguenot", {"huguenot"}) == (
        "_____ chose the harbor at the end of the creek.")
    assert setting.labelled("Grants total most of Harvard's aid.", "Grants",
                            "Harvard University", {"harvard", "university"}) == (
        "Grants total most of Harvard's aid.")


def test_the_cards_say_the_pages_place(nlp: Language) -> None:
    """Every card of the residents sentence names the city the title names, in front."""
    text = ("The city grew quickly after the war. "
            "Residents in unincorporated suburbs had difficulty obtaining municipal services, "
            "such as sewage and building code enforcement.")
    shown = engine_shown(nlp, text, "Salem, Oregon", "Residents")
    assert shown
    assert all(s.startswith("In Salem, Oregon, ") for s in shown), shown
