"""A bare 'the N' of any noun is written as the one name the page said is such a thing
(kinds._defined, with the real pipeline): 'the Synod of Arden, a meeting of bishops' → 'the
meeting' is the Synod of Arden; 'Harwell, a district of farms' → 'the district' is Harwell. Held-out
reviews tag such cards missing-context most ('the meeting' for the Diet of Worms, 'the
neighborhood' for Sunnyside); with no such name, or two, nothing stands in."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import definites, mentions
from agents.generation.text import usable_sentences
from tests.engine import generated

SYNOD = ("The Synod of Arden, a meeting of bishops, opened in the spring of 1402. "
         "The bishops quarrelled over the new calendar for weeks. "
         "The meeting ended with a vote against the calendar.")
DISTRICT = ("Harwell, a district of farms, lies on the eastern edge of Tormouth. "
            "Its main streets are Elm Road and Mill Lane. "
            "Much of the district is farmland owned by the county council.")


def _named(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """Every reference of the last sentence of ``text`` a name stands in for."""
    sents = [nlp(s.text)[:] for s in usable_sentences(text)]
    return [(r.text, r.replacement) for r in definites.references(sents[-1], sents[:-1])
            if r.replacement]


def test_a_noun_the_page_defined_a_name_as_is_that_name(nlp: Language) -> None:
    """'the meeting' after 'the Synod of Arden, a meeting of …'; 'the district' after
    'Harwell, a district of farms'. 'the siege of Acre' says no siege is Acre."""
    assert _named(nlp, SYNOD) == [("The meeting", "the Synod of Arden")]
    assert _named(nlp, DISTRICT) == [("the district", "Harwell")]
    # two meetings defined, or none named: which one, only the page says
    two = SYNOD.replace("The bishops quarrelled over the new calendar for weeks.",
                        "The Council of Brill, a meeting of abbots, met in the same year.")
    assert _named(nlp, two) == []
    none = ("Bishops met at Arden in the spring of 1402. "
            "They quarrelled over the new calendar for weeks. "
            "The meeting ended with a vote against the calendar.")
    assert _named(nlp, none) == []
    siege = ("The siege of Carvel by the rebels began in 1402. "
             "The siege cost many lives before the town fell.")
    assert _named(nlp, siege) == []


def test_a_definition_keeps_the_whole_name(nlp: Language) -> None:
    """The name a copula or apposition defines runs on through its capitalised 'of' chain."""
    sent = nlp("The Synod of Arden, a meeting of bishops, opened in 1402.")[:]
    assert [(noun, name) for noun, _, _, name in mentions.definitions(sent)] == [
        ("meeting", "the Synod of Arden")]


def test_the_cards_of_the_sentence_name_the_synod(nlp: Language) -> None:
    """No card of 'The meeting ended …' shows 'the meeting'; one says the Synod of Arden."""
    cards = [c for c in generated(nlp, SYNOD) if "vote" in c.source]
    shown = [c.statement if c.type == "tf" and c.statement else c.question for c in cards]
    assert shown
    assert not any(re.search(r"\bthe meeting\b", s, re.IGNORECASE) for s in shown), shown
    assert any("Synod of Arden" in s for s in shown), shown


def test_a_name_that_opens_on_its_year_stands_in(nlp: Language) -> None:
    """'the conference delegates' after 'the 2012 General Conference' (the tagger's one event,
    whose first word is its year) → 'the 2012 General Conference delegates'."""
    text = ("At the close of the 2012 General Conference, the guild counted 4,000 members. "
            "About a third of the conference delegates came from the northern towns.")
    assert _named(nlp, text) == [("the conference delegates",
                                  "the 2012 General Conference delegates")]
