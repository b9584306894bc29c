"""Statements and blanks that say what the page does not (claims.py, blanks.py,
reference.Resolver.anaphor), with the real pipeline: a believer's view lifted without the
believer, a false number that is still true, a blank across a possessive, a phrase swapped
for a name it is not."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def test_a_conjunct_of_a_belief_keeps_the_believer(nlp: Language) -> None:
    """s12: 'Islam required the establishment of an Islamic state' was Maududi's belief."""
    made = _cards(nlp, "Qutb also argued that modern society had returned to ignorance, and "
                       "the faithful owed no obedience to secular rulers in Egypt.")
    statements = [c.statement for c in made if c.type == "tf"]
    assert any(s.startswith("Qutb also argued") for s in statements), statements
    assert not any(c.question.startswith(("The faithful", "True or false: The faithful"))
                   for c in made), [c.question for c in made]


def test_a_false_number_under_at_least_is_not_smaller(nlp: Language) -> None:
    """s12: 'at least 20 Candida species' → 'at least 10' is still true, marked False."""
    made = _cards(nlp, "There are at least 40 species of Aspergillus of clinical importance "
                       "in hospitals. Some patients suffer from up to 6 infections each year.")
    for card in made:
        if card.type == "tf" and card.answer == "False" and "at least" in card.statement:
            assert int(card.swapped.split()[-1]) > 40, card.statement
        if card.type == "tf" and card.answer == "False" and "up to" in card.statement:
            assert int(card.swapped.split()[-1]) < 6, card.statement


def test_a_blank_never_runs_across_a_possessive(nlp: Language) -> None:
    """s12: 'consumes more of a _____ than' → "cell's energy" (the article left outside)."""
    made = _cards(nlp, "The synthesis of proteins uses more of a bacterium’s energy than any "
                       "other metabolic process.")
    blanks = [c for c in made if "_____" in c.question]
    assert blanks, [c.question for c in made]
    assert not any("’s" in c.answer or "'s" in c.answer for c in blanks), [
        (c.question, c.answer) for c in blanks]


def test_a_phrase_is_not_swapped_for_a_name_it_does_not_spell(nlp: Language) -> None:
    """s12: 'Saudi Arabia and the other Arab oil-producing states' became 'Saudi Arabia and
    the United States' in a True statement (the US did not join the embargo)."""
    made = _cards(nlp, "The United States supplied Israel with weapons during the war. "
                       "Norway and the other Nordic oil-producing states cut exports in "
                       "October 1973.")
    assert not any("Norway and the United States" in c.question for c in made), [
        c.question for c in made]
    assert any("the other Nordic oil-producing states" in c.question for c in made), [
        c.question for c in made]


def test_a_clause_never_joins_words_its_sentence_did_not_link(nlp: Language) -> None:
    """s12 (a seen passage): '… rotors mounted on a drive shaft fixed to the turbine casing':
    the clause dropped 'alternating with a series of stators' and so fixed the shaft, not
    the stators, to the casing: a falsehood."""
    made = _cards(nlp, "A steam turbine consists of one or more rotors (rotating discs) mounted "
                       "on a drive shaft, alternating with a series of stators (static discs) "
                       "fixed to the turbine casing.")
    assert made, made
    assert not any("drive shaft fixed" in c.question.replace("_____", c.answer)
                   for c in made), [c.question for c in made]
