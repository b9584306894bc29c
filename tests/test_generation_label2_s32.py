"""The page's topic reaches the indefinite and quantified subjects setting.titled missed
(session 32, round 3): 'A chapter typically has …', 'Each chapter has …' (one of the page's
things, as 'the chapter'), 'All schools had …' (a generic plural), a region's adjective over a
plural ('Himalayan items include …'), a quoted modifier ('A "plugs-out" test …'), and a body's
proper name the model tags no entity ('… Panel on …'). s32c reviewers, shown the title,
rejected such cards as missing-context ('a chapter of what?', 'which schools?', 'which
collection?'). A definition ('A progressive tax is …') stays alone: it is true on any page."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import setting
from tests.engine import topic


def test_an_indefinite_or_each_subject_takes_the_topic(nlp: Language) -> None:
    assert topic(nlp, 'A "plugs-out" test was planned for March.',
                  "Gemini program") == "Gemini program"
    assert topic(nlp, "A chapter typically has three lead authors.",
                  "Gemini program") == "Gemini program"
    assert topic(nlp, "Each chapter has a number of authors.", "Peru") == "In Peru"


def test_a_definition_stands_alone(nlp: Language) -> None:
    assert topic(nlp, "A progressive tax is a tax whose rate rises with income.",
                  "Gemini program") is None


def test_all_with_a_plural_takes_a_place(nlp: Language) -> None:
    assert topic(nlp, "All schools had a common curriculum.", "Peru") == "In Peru"


def test_a_regions_adjective_does_not_say_which_one(nlp: Language) -> None:
    assert topic(nlp, "Early Himalayan items include bronze sculptures and embroidery.",
                  "Norvik Art Museum") == "Norvik Art Museum"


def test_a_bodys_untagged_proper_name_is_a_topic(nlp: Language) -> None:
    title = "Intergovernmental Panel on Ocean Acidity"
    assert topic(nlp, "Each chapter has a number of authors.", title) == title
    # a person's name or a textbook's title-cased heading is no body a label is true of
    assert topic(nlp, "Many chapters have a number of authors.", "Congressional Elections") is None


def test_a_text_led_by_its_own_label_is_not_labelled() -> None:
    assert setting.labelled("Ex: A travel site reviews the layovers.", "", "Trips",
                            {"trips"}) == "Ex: A travel site reviews the layovers."
