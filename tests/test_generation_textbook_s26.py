"""Textbook prose (s25b, OpenStax Principles of Economics): with the real pipeline, on our own
writing. Two nouns each with its bare participle, coordinated ('labor supplied and labor
demanded'), are one noun phrase, not two clauses (clauses._coordinated_noun)."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.clauses import clauses
from agents.generation.reference import Resolver


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_coordinated_noun_and_participle_is_no_clause(nlp: Language) -> None:
    """s25b: '… the responsiveness of quantity supplied and quantity demanded to changes in the
    price …' was cut into '… of quantity supplied.' and 'Quantity demanded to changes in the
    price of a product.' (five cards, every one rejected)."""
    made = _clauses(nlp, "The same logic of scarcity applies to the responsiveness of labor "
                         "supplied and labor demanded to changes in the wage of a worker.")
    assert not any(c.startswith("Labor demanded") for c in made), made
    assert not any(c.endswith("labor supplied.") for c in made), made


def test_a_real_second_clause_still_stands(nlp: Language) -> None:
    """A conjunct with a subject and an object of its own is still a clause of its own."""
    made = _clauses(nlp, "The old mill by the river stored the grain harvested in the valley "
                         "each autumn, and the farmers sold the flour in the busy market towns of "
                         "the north.")
    assert any(c.startswith("The farmers sold the flour") for c in made), made
