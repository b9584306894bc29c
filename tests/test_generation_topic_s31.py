"""A card whose subject leans on the page ('The collection includes …', 'Nurses treat …') is
given the page's title as its topic when no place frame holds (setting.titled): s31/s31b
reviewers, shown the title, rejected such cards as missing-context. A place title is put in as
a frame ('In Kenya, nurses …'), a thing's as a label ('Norvik Art Museum: The collection …');
a person's title, a sentence that names its own place, a subject that says which one, and a
textbook section's heading give none."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import setting
from tests.engine import generated, topic


def test_a_bare_definite_subject_takes_a_things_title(nlp: Language) -> None:
    assert topic(nlp, "The collection includes over four thousand painted fans.",
                  "Apollo program") == "Apollo program"


def test_a_bare_plural_subject_takes_a_place_title_as_a_frame(nlp: Language) -> None:
    assert topic(nlp, "Nurses treat most patients in rural clinics.", "Kenya") == "In Kenya"
    # a thing's title is no place for a generic subject to be true in
    assert topic(nlp, "Nurses treat most patients in rural clinics.", "Apollo program") is None


def test_no_topic_where_the_card_stands_alone(nlp: Language) -> None:
    title = "Apollo program"
    assert topic(nlp, "The collection of the museum includes fans.", title) is None
    assert topic(nlp, "The Calvin cycle fixes carbon dioxide.", title) is None
    assert topic(nlp, "In Peru, nurses treat most patients.", "Kenya") is None
    assert topic(nlp, "The collection includes fans.",
                  "Business Cycles and Economic Activity") is None
    assert topic(nlp, "The collection includes fans.", "Psychology 2e: Memory") is None


def test_the_label_is_not_repeated() -> None:
    words = {"museum", "norvik", "art"}
    assert setting.labelled("The Norvik museum owns fans.", "fans", "Norvik Art Museum",
                            words) == "The Norvik museum owns fans."
    assert setting.labelled("The collection includes _____.", "fans", "Norvik Art Museum",
                            words) == "Norvik Art Museum: The collection includes _____."


def test_the_cards_say_the_pages_topic(nlp: Language) -> None:
    """Every card of the collection sentence names the museum the title names."""
    text = ("The museum opened in 1901 in a former bank building. "
            "The collection includes over four thousand painted fans from China and Japan.")
    cards = [c for c in generated(nlp, text, title="Victoria and Albert Museum")
             if "collection" in c.source]
    shown = [c.statement if c.type == "tf" and c.statement else c.question for c in cards]
    assert shown
    assert all("Victoria and Albert Museum" in s for s in shown), shown
