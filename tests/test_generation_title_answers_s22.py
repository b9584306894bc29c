"""A card whose answer is the document's title or its head name asks what the title shown
above the deck already says ('_____ began working for …' → the surname on a page titled
after the person): titles.names_title marks it, and the deck (quality.select) serves it only
when it has no other card. True/false statements about the titled thing stay: they test a
fact, not the name. Invented titles and text, the real pipeline."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.cards import Candidate
from agents.generation.quality import QualityScorer, Scored
from agents.generation.titles import names_title

PERSON = "Ottilie Brandauer"
TEXT = ("Ottilie Brandauer was an Austrian astronomer who catalogued comets. "
        "In 1894, Brandauer began working for the Felsberg Observatory near Graz. "
        "Brandauer measured the orbits of forty-one comets with a brass refractor. "
        "The refractor of the Felsberg Observatory was built by the firm of Carl Zeiss. "
        "In 1902, Brandauer published a catalogue of southern nebulae. "
        "The catalogue listed three hundred nebulae and was printed in Vienna. "
        "The observatory closed in 1931 after a fire destroyed its library. "
        "Brandauer died in Graz in 1937.")


@pytest.mark.parametrize(("title", "answer", "named"), [
    ("Ottilie Brandauer", "Brandauer", True),          # a person's surname
    ("Ottilie Brandauer", "Ottilie Brandauer", True),
    ("Ottilie Brandauer", "Brandauer's", True),
    ("Ottilie Brandauer", "Brandauer Prize", False),   # a thing named after her
    ("Photosynthesis", "photosynthesis", True),
    ("Photosynthesis", "chloroplasts", False),         # what the page says about it
    ("Mitochondrion structure", "mitochondrions", True),
    ("Soil erosion", "erosion", True),
    ("Soil erosion", "soil", True),
    ("Soil erosion", "soil fertility", False),
    ("Noise in the Workplace", "workplace", False),    # the title is about noise
    ("Noise in the Workplace", "noise", True),
    ("Economic migration", "economic", False),         # an adjective names no thing
])
def test_the_answer_that_is_the_title_or_its_head_name(nlp: Language, title: str,
                                                       answer: str, named: bool) -> None:
    assert names_title(answer, nlp(title)[:]) is named


def test_the_engine_marks_the_cards_that_ask_the_title(nlp: Language) -> None:
    """Blanks and questions whose answer is the surname are marked; statements about her and
    cards that ask her observatory are not."""
    from agents.generation.prepare import prepare

    engine = RuleEngine(encoder=None)
    request = GenerationRequest(TEXT, "brandauer", 6, "intermediate",
                                ("qa", "mcq", "cloze", "tf"), title=PERSON)
    doc, centroid, _ = prepare(request, None)
    made = engine.candidates(doc, "intermediate", centroid)
    marked = [c for c in made if c.titled]
    # her surname's blanks give way to their clauses' other cards (parsed._asked_other); the
    # opening's question asks nothing else
    assert any(c.type == "qa" and c.answer == PERSON for c in marked), marked
    assert all(c.type != "tf" and names_title(c.answer, nlp(PERSON)[:]) for c in marked)
    assert any(c.type == "tf" and "Brandauer" in c.question for c in made)
    assert any(c.answer == "Felsberg Observatory" and not c.titled for c in made)
    untitled = dataclasses.replace(request, title=None)
    doc, centroid, _ = prepare(untitled, None)
    assert not any(c.titled for c in engine.candidates(doc, "intermediate", centroid))
    served = engine.generate(request).cards
    assert len(served) == 6
    assert not [c for c in served if c.type != "tf" and names_title(c.answer, nlp(PERSON)[:])]


def _cloze(question: str, answer: str, keep: float, titled: bool = False) -> Scored:
    source = question.replace("_____", answer)
    return Scored(Candidate("cloze", question, answer, source, kind="person", titled=titled),
                  {"keep": keep}, 0.8)


def test_title_answers_fill_only_the_places_nothing_else_can() -> None:
    """Over the bar, the name is ranked first; the deck takes the other cards first, and a
    deck with too few of them still gets its count."""
    titled = [_cloze("In 1894, _____ began working at the Felsberg Observatory.", "Brandauer",
                     0.9, True),
              _cloze("In 1902, _____ published a catalogue of nebulae.", "Brandauer", 0.9,
                     True)]
    other = [_cloze("The Felsberg refractor was built by _____.", "Carl Zeiss", 0.7)]
    scorer = QualityScorer(None)
    chosen, _ = scorer.select([*titled, *other], 1, ("cloze",))
    assert chosen == other
    chosen, _ = scorer.select([*titled, *other], 3, ("cloze",))
    assert len(chosen) == 3 and chosen[0] is other[0]
    chosen, _ = scorer.select(titled, 2, ("cloze",))  # nothing else: the supply holds
    assert len(chosen) == 2
