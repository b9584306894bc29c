"""Title give-aways the s22 check missed (s24/s24b reviewers, shown the title, rejected them as
trivial): the surname of a person the title names after a label ('Podcast Trailblazer: Alice
Wong' → 'Wong'), and the title's acronym, from its capitalised words ('American Broadcasting
Company' → 'ABC') or as the page brings it in ('… Research (CERN)'). titles.names_title is the
one check; invented titles and text, the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.titles import names_title


@pytest.mark.parametrize(("title", "answer", "named"), [
    ("Science Writing Pioneer: Margarethe Olvestad", "Olvestad", True),   # the surname alone
    ("Science Writing Pioneer: Margarethe Olvestad", "Margarethe", True),  # the given name
    ("Science Writing Pioneer: Margarethe Olvestad", "Margarethe Olvestad", True),
    ("Science Writing Pioneer: Margarethe Olvestad", "Olvestad Medal", False),
    ("Northbridge Ferry Authority", "NFA", True),       # the capitalised words' initials
    ("Northbridge Ferry Authority", "Northbridge", True),
    ("Northbridge Ferry Authority", "NFB", False),
    ("Northbridge Ferry Authority", "NFA ferries", False),
    ("Council on Alpine Glacier Research", "CAGR", True),  # 'on' is no capitalised word
    ("Photosynthesis", "P", False),                     # one word makes no acronym
])
def test_a_person_or_an_acronym_the_title_gives(nlp: Language, title: str, answer: str,
                                                named: bool) -> None:
    assert names_title(answer, nlp(title)[:]) is named


def test_the_acronym_the_page_introduces(nlp: Language) -> None:
    title = nlp("Consortium for Lunar Ice Prospecting")[:]
    text = "The Consortium for Lunar Ice Prospecting (LUNIP) was founded in 2031."
    assert names_title("LUNIP", title, text)
    assert not names_title("LUNIP", title)            # not the initials: the page says so
    assert not names_title("NASA", title, text)


def test_the_engine_marks_the_acronym_cards() -> None:
    from agents.generation.prepare import prepare

    text = ("The Northbridge Ferry Authority runs six ferries across the Halvard Sound. "
            "In 1962, the NFA bought two steam ferries from a Glasgow shipyard. "
            "The NFA moved its headquarters to Port Elsmere in 1988. "
            "Its largest ferry, the Kestrel, carries four hundred passengers. "
            "The Halvard Sound freezes in hard winters, when the NFA runs an icebreaker. "
            # a clause that asks nothing but the acronym keeps its titled card (the others
            # give way to their clause's other cards: parsed._asked_other)
            "Most islanders rely on the NFA for their weekly shopping.")
    request = GenerationRequest(text, "ferries", 6, "intermediate", ("qa", "mcq", "cloze"),
                                title="Northbridge Ferry Authority")
    doc, centroid, _ = prepare(request, None)
    made = RuleEngine(encoder=None).candidates(doc, "intermediate", centroid)
    nfa = [c for c in made if c.answer == "NFA"]
    assert nfa and all(c.titled for c in nfa), nfa
