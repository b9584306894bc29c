"""A cloze blank whose words are derived forms of the title's words gives itself away to a
reader shown the title as a blank of the title's own words does: 'Kenyans' on 'Kenya',
'ctenophores' on 'Ctenophora', 'geologists' on 'Geology' (s28c, s30b, s25c, s28b: reviewers
'given by the title'). Such a blank is served only where the deck has no other card
(titles.within_title, Candidate.spare); a word that shares fewer letters with the title, or
none, stays a plain card. Invented text, the real pipeline."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine, titles

TITLE = "Volcanology"
TEXT = ("Volcanologists measure the gases that rise from the crater of an active volcano. "
        "Sulfur dioxide readings warned the town of Ruvara before the eruption of 1991. "
        "Most volcanologists train first as geochemists at a university. "
        "Basalt flows cooled into columns along the northern coast of the island.")


@pytest.mark.parametrize(("answer", "within"), [
    ("volcanologists", True),        # a derived form of the title's one word
    ("Volcanologists", True),
    ("Most volcanologists", False),  # 'most' is no form of a title word
    ("volcano", True),               # the title's root
    ("geochemists", False),
])
def test_an_answer_whose_words_derive_from_the_title(nlp: Language, answer: str,
                                                     within: bool) -> None:
    assert titles.within_title(answer, nlp(TITLE)[:]) is within


def test_a_demonym_of_a_country_title_is_within_it(nlp: Language) -> None:
    title = nlp("Tanzania")[:]
    assert titles.within_title("Tanzanians", title)
    assert not titles.within_title("Kenyans", title)
    title = nlp("Ctenophora")[:]
    assert titles.within_title("ctenophores", title)
    assert not titles.within_title("ctenidia", title)  # four letters shared only


def test_the_engine_serves_a_cloze_of_a_derived_title_word_only_as_a_spare(
        nlp: Language) -> None:
    from agents.generation.prepare import prepare

    engine = RuleEngine(encoder=None)
    request = GenerationRequest(TEXT, "volcano", 6, "intermediate",
                                ("qa", "mcq", "cloze", "tf"), title=TITLE)
    doc, centroid, _ = prepare(request, None)
    made = engine.candidates(doc, "intermediate", centroid)
    derived = [c for c in made if c.type == "cloze" and c.answer.lower() == "volcanologists"]
    assert derived, [(c.type, c.answer) for c in made]
    assert all(c.spare and not c.titled for c in derived), derived
    # no title: the same blanks are plain cards
    doc, centroid, _ = prepare(dataclasses.replace(request, title=None), None)
    plain = [c for c in engine.candidates(doc, "intermediate", centroid)
             if c.type == "cloze" and c.answer.lower() == "volcanologists"]
    assert plain and not any(c.spare for c in plain)
