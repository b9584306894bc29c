"""The title's qualifier is a give-away too (s26b's three reviewers, shown 'Jacksonville,
Florida', rejected 'As with much of _____, tourism is also important to the Jacksonville area'
→ Florida as trivial): what a comma or a bracket adds after the title's head, where the thing
is ('Springfield, Illinois', 'Victoria (Australia)') or which one it is ('Mercury (planet)'),
and the head before a bracket that is no place. titles.names_title is the one check; invented
titles and text, the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.titles import names_title


@pytest.mark.parametrize(("title", "answer", "named"), [
    ("Springfield, Illinois", "Illinois", True),     # the place after the comma (appos)
    ("Nashville, Tennessee", "Tennessee", True),     # parsed as npadvmod
    ("Springfield, Illinois", "Springfield", True),  # the head, as before
    ("Springfield, Illinois", "Ohio", False),
    ("Springfield, Illinois", "Illinois River", False),   # more than the title says
    ("Mercury (planet)", "planet", True),            # what the bracket says it is
    ("Mercury (planet)", "Mercury", True),           # the head before a bracket that is no place
    ("Mercury (planet)", "Venus", False),
    ("Hobart (Tasmania)", "Tasmania", True),
    # a date after a quoted work is no qualifier of the head
    ("Ada Brook, “Songs of Rain,” March 3, 1971", "1971", False),
])
def test_the_titles_qualifier_is_given_away(nlp: Language, title: str, answer: str,
                                            named: bool) -> None:
    assert names_title(answer, nlp(title)[:]) is named


def test_the_engine_marks_the_qualifier_cards() -> None:
    from agents.generation.prepare import prepare

    text = ("Springfield is the capital of Illinois and the seat of Sangamon County. "
            "Like much of Illinois, Springfield grew quickly after the railroad arrived in 1842. "
            "The city's largest employer is the state government. "
            "Its old capitol building was restored between 1966 and 1969. "
            "Springfield hosts the Illinois State Fair every August.")
    request = GenerationRequest(text, "springfield", 6, "intermediate", ("qa", "mcq", "cloze"),
                                title="Springfield, Illinois")
    doc, centroid, _ = prepare(request, None)
    made = RuleEngine(encoder=None).candidates(doc, "intermediate", centroid)
    state = [c for c in made if c.answer == "Illinois"]
    assert state and all(c.titled for c in state), state
    assert not any(c.titled for c in made if c.answer in ("1842", "1966"))
