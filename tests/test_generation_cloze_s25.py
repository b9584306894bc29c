"""Session 25's rejected cloze and multiple-choice cards, on invented text: a noun phrase the
parse opens with a negation or a focusing particle ('not just the cost' of 'not just the cost
for the firm, but …') is no answer, so it is neither a blank nor another card's option (s25:
two mcq cards offered it and were rejected as fragment-distractor)."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import spans

TAX = (
    "Economists treat the toll as representing not just the burden for the driver, but more "
    "broadly as the public burden of the road. "
    "On a crowded road, the toll will be equal to the marginal burden of driving. "
    "Drivers pay the toll at the nearest booth of the highway."
)


def test_a_phrase_opened_by_a_negation_or_focus_particle_is_no_answer(nlp: Language) -> None:
    doc = nlp(TAX)
    texts = [a.text for sent in doc.sents for a in spans.answers(sent)]
    assert "driver" in texts  # the plain phrases of the same sentence stay
    assert not [t for t in texts if t.split()[0].lower() in ("not", "just", "even", "only")]
    even = nlp("The rule should challenge even the most careful accountant in the firm.")
    assert "even the most careful accountant" not in [
        a.text for sent in even.sents for a in spans.answers(sent)]

