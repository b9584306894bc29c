"""A pronoun or 'these N' put in for what it stands for, on invented text with the real spaCy
pipeline (session 29's and 30's reviews: every reviewer rejected the true/false statement
and its cloze): a capitalised 'Her' inside a sentence is a title's word, never a person
('In both "Fear the Doctor" and …'); 'Most of these schools' becomes 'Most of the X', not
'Most of X'; 'the Rhine and its extension' keeps 'its', the river named just before it, where
the resolver wrote "frozen subsoil's extension"; a phrase that itself points back ('these
vocational schools') names nothing for a 'their'."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.prepare import prepare
from agents.generation.reference import Resolver
from agents.generation.rendering import Builder

TITLES = ("Mara Quill is a novelist from the coastal town of Ardel. In both \"Forget Her\" (1998) "
          "and \"The Lantern Keeper\" (2003), Mara Quill describes a lighthouse on a cliff.")
MARKERS = ("Kelvarsteine are small granite markers that stand along the old roads of Tarvel. "
           "Most of these markers are boundary stones.")
MELT = ("As the northern plain slowly began to warm up from 9,000 years ago onward, frozen moss "
        "and thick river ice began to melt. Much of the meltwater was routed to the Velm and "
        "its lower course.")
HALLS = ("Webschulen are secondary schools run by private guild masters. Most of these schools "
         "are weaving schools. However, these weaving schools are not part of the city's "
         "apprenticeship system. Webschulen are funded in whole by charging their apprentices "
         "yearly fees.")


def _questions(text: str) -> list[str]:
    engine = RuleEngine(encoder=None)
    doc, centroid, _ = prepare(GenerationRequest(text, "u", num_cards=10), None)
    return [c.question for c in engine.candidates(doc, "intermediate", centroid)]


def test_a_capitalised_pronoun_inside_a_sentence_is_a_title(nlp: Language) -> None:
    made = [q for q in _questions(TITLES) if "lighthouse" in q]
    assert made
    assert not any("Forget Mara" in q for q in made), made
    assert any('"Forget Her"' in q for q in made), made


def test_a_quantity_of_these_reads_of_the(nlp: Language) -> None:
    made = [q for q in _questions(MARKERS) if "boundary stones" in q]
    assert made
    assert not any("Most of Kelvarsteine" in q for q in made), made
    assert any("Most of the Kelvarsteine" in q for q in made), made


def test_a_possessive_after_and_keeps_the_noun_before_it(nlp: Language) -> None:
    made = [q for q in _questions(MELT) if "lower course" in q]
    assert made
    assert not any("moss's" in q or "ice's" in q for q in made), made
    assert any("the Velm and its lower course" in q for q in made), made


def test_a_phrase_that_points_back_names_nothing(nlp: Language) -> None:
    sents = list(nlp(HALLS).sents)
    for lenient in (False, True):
        resolver = Resolver(lenient=lenient)
        for sent in sents[:-1]:
            resolver.push(sent)
        last = sents[-1]
        their = next(t for t in last if t.lower_ == "their")
        found = resolver.replacement(their, last)
        assert found is None or not found.lower().startswith(("these", "those")), found
        text = Builder(last, resolver).render([t.i for t in last if not t.is_punct], {})
        assert text is None or "these" not in text, text
        if lenient:
            assert text is not None and "charging their apprentices" in text, text
