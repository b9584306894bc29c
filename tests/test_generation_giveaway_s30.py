"""A cloze blank whose every word is a word of the title gives itself away to a reader shown the
title, even when none of them names the title's thing ('social media' on 'Trends in Social
Media', 'yield curve' on 'Using the Yield Curve': s26b, s28, reviewers 'given by the title').
Such a blank is served only where the deck has no other card (titles.within_title,
Candidate.spare); a blank the title does not spell out stays a plain card. Invented text, the
real pipeline."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine, titles

TITLE = "Working with Tidal Turbines"
TEXT = ("Tidal turbines convert the motion of sea water into electricity. "
        "Engineers anchor tidal turbines to the seabed in narrow straits. "
        "The first commercial array opened near Orkney in 2016. "
        "Salt corrosion shortens the working life of the rotor blades.")


@pytest.mark.parametrize(("answer", "within"), [
    ("tidal turbines", True),      # each word a word of the title, none its head
    ("Tidal turbines", True),
    ("turbines", True),
    ("rotor blades", False),       # not the title's words
    ("tidal energy", False),       # one word of it only
])
def test_an_answer_every_word_of_which_the_title_says(nlp: Language, answer: str,
                                                      within: bool) -> None:
    title = nlp(TITLE)[:]
    assert titles.within_title(answer, title) is within
    assert not titles.within_title(answer, None)


def test_the_engine_serves_a_cloze_the_title_spells_only_as_a_spare(nlp: Language) -> None:
    from agents.generation.prepare import prepare

    engine = RuleEngine(encoder=None)
    request = GenerationRequest(TEXT, "tidal", 6, "intermediate", ("qa", "mcq", "cloze", "tf"),
                                title=TITLE)
    doc, centroid, _ = prepare(request, None)
    made = engine.candidates(doc, "intermediate", centroid)
    spelled = [c for c in made if c.type == "cloze"
               and titles.within_title(c.answer, nlp(TITLE)[:])]
    assert spelled, [(c.type, c.answer) for c in made]
    assert all(c.spare and not c.titled for c in spelled), spelled
    # no title: the same blanks are plain cards
    doc, centroid, _ = prepare(dataclasses.replace(request, title=None), None)
    plain = [c for c in engine.candidates(doc, "intermediate", centroid)
             if c.type == "cloze" and c.answer.lower() == spelled[0].answer.lower()]
    assert plain and not any(c.spare for c in plain)
