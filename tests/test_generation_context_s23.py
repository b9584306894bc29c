"""Session 23: phrases whose referent only the page gives (definites.references) and clauses
that lost their subject (grammar.not_a_statement), with the real pipeline, on invented text.

Seen reviews s20..s22c: 'Tesla lit electric lamps wirelessly at both locations' (which two?),
'Sky picked up the remaining four for £1.3bn' (four what?), 'B was not unmanned LM validation'
(a letter label from a list), 'Was discovered in 2001, and …' (no subject): every reviewer
rejected each."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import definites, grammar
from tests.engine import generated


def _cards(nlp: Language, text: str) -> list[str]:
    return [c.question for c in generated(nlp, text)]


def _never_shown(nlp: Language, text: str, phrase: str) -> None:
    made = _cards(nlp, text)
    assert made, made
    assert not any(phrase in q for q in made), made


def _rules(nlp: Language, text: str) -> list[str]:
    sents = list(nlp(text).sents)
    return [r.rule for r in definites.references(sents[-1], sents[:-1])]


def test_both_with_no_pair_in_its_sentence_makes_no_card(nlp: Language) -> None:
    _never_shown(nlp, "The Kellner Footbridge is a steel bridge over the Mura River connecting "
                      "both campuses. It opened in 1927. The architect Anna Berger designed "
                      "the footbridge in 1925 for the city of Maribor.", "both campuses")


def test_both_with_its_pair_in_the_sentence_stands(nlp: Language) -> None:
    assert "both" not in _rules(nlp, "Power is shared between the mayor and the council, "
                                     "with both offices elected every four years.")
    assert "both" not in _rules(nlp, "The treaty was signed by both France and Spain in 1659.")
    assert "both" not in _rules(nlp, "Throughout history, both small and large towns have "
                                     "elected their own judges.")


def test_the_remaining_count_with_no_noun_makes_no_card(nlp: Language) -> None:
    _never_shown(nlp, "In June 2011 the league sold eight broadcast packages. Telvia won four of "
                      "the packages for £2.1bn. Norcast picked up the remaining four for £0.9bn. "
                      "The contracts began in the 2012 season.", "remaining four")
    assert "elliptic" not in _rules(nlp, "The remaining four players were sold in 1990.")


def test_a_letter_label_as_subject_makes_no_card(nlp: Language) -> None:
    made = _cards(nlp, "In May 1971 the agency approved five mission types for the rover. "
                       "Type A missions were unmanned tests of the chassis; B was a crewed "
                       "test of the drive using the small booster; C was the first landing "
                       "of the full rover.")
    assert not any(q.split(":")[-1].strip().startswith(("B ", "C ")) for q in made), made
    assert "label" not in _rules(nlp, "Vitamin C was isolated in 1932 by Albert Szent-Gyorgyi.")
    assert "label" not in _rules(nlp, "The second rule is the exchange rule, with P called the "
                                      "payment and Q the quantity.")


def test_a_clause_that_starts_with_its_verb_is_no_statement(nlp: Language) -> None:
    for text in ("Was discovered in 1954, and was assumed to be a form of solid nitrogen.",
                 "Is usually called brass and is an alloy of copper and zinc."):
        assert grammar.not_a_statement(nlp(text)[:]) == "no subject", text
    for text in ("Was it discovered in 1954?", "There was a storm in 1954.",
                 "Copper was discovered long before 1954, and is still mined in Chile."):
        assert grammar.not_a_statement(nlp(text)[:]) != "no subject", text


def test_a_bare_page_still_makes_no_card_that_shows_the_same_year(nlp: Language) -> None:
    """s22: 'During the same year, Tesla wrote a treatise …' on a page the context rules left
    bare (parsed: the relaxed second pass served it; every reviewer 'which year?')."""
    _never_shown(nlp, "During the same year, Lindqvist wrote a pamphlet, Notes on the Frozen "
                      "North, concerning polar sledges. Lindqvist sent the manuscript to the "
                      "society in an attempt to win a grant.", "same year")
