"""Work that depends only on the page is done once per page (session 34), and each page keeps
its own: what the title gives every card (setting.topic, read once per document, not for each
sentence), the mentions an earlier sentence's names make (Resolver.names_in, read once per
sentence, not for each pronoun after it), and the stems that must be in a sentence before the
'kind of' patterns of two options are built at all (roles.kind_of)."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import roles, setting
from agents.generation.reference import Resolver
from tests.engine import generated

_TEXT = ("The collection includes over four thousand painted fans from the coast. "
         "Nurses treat most patients in rural clinics near the river.")


def test_two_pages_in_one_process_get_their_own_titled_facts(nlp: Language) -> None:
    museum, country = setting.topic(nlp("Norvik Art Museum")[:]), setting.topic(nlp("Kenya")[:])
    assert (museum.form, museum.label) == ("thing", "Norvik Art Museum")
    assert (country.form, country.label) == ("place", None)
    assert "museum" in museum.words and "kenya" in country.words
    assert not museum.words & country.words
    sent = nlp("The collection includes over four thousand painted fans.")[:]
    assert setting.titled(sent, museum) == "Norvik Art Museum"
    assert setting.titled(sent, country) == "In Kenya"
    # the engine reads each page's title for that page's cards alone
    first = [c.question for c in generated(nlp, _TEXT, title="Norvik Art Museum")]
    second = [c.question for c in generated(nlp, _TEXT, title="Kenya")]
    third = [c.question for c in generated(nlp, _TEXT)]
    assert any("Norvik Art Museum: " in q for q in first)
    assert not any("Kenya" in q for q in first)
    assert any("In Kenya, " in q for q in second)
    assert not any("Norvik" in q for q in second + third)
    assert not any("Kenya" in q for q in third)


def test_each_resolver_reads_the_names_of_its_own_sentences(nlp: Language) -> None:
    one, two = Resolver(), Resolver()
    first = next(nlp("Marta Velk founded the Orvin Guild in Brenna.").sents)
    other = next(nlp("Tomas Arlen led the Kessel Company from Dunmore.").sents)
    one.push(first)
    two.push(other)
    named = {m.text for m in one.names_in(first)}
    assert {m.text for m in one.names_in(first)} == named  # read again: the same
    assert named & {"Marta Velk", "Brenna"}
    assert not named & {m.text for m in two.names_in(other)}


def test_every_kind_of_match_holds_both_stems() -> None:
    """The stems kind_of looks for before it builds a pair's patterns are in every sentence a
    pattern matches, singular or plural: the shortcut refuses no pair a pattern finds."""
    for phrase, said in (("gamma waves", ["gamma wave", "gamma waves"]),
                         ("bodies", ["body", "bodies"]), ("viruses", ["virus", "viruses"]),
                         ("boxes", ["box", "boxes"]), ("glass", ["glass", "glasses"])):
        pattern = re.compile(rf"(?<!\w){roles._words(phrase)}(?!\w)")
        for text in said:
            assert pattern.search(f"the {text} here"), (phrase, text)
            assert roles._stem(phrase) in text, (phrase, text)
    sentences = ["examples of electromagnetic waves are radio waves and gamma waves"]
    assert roles.kind_of("Gamma waves", "Electromagnetic waves", sentences)
    assert not roles.kind_of("Sound waves", "Electromagnetic waves", sentences)
