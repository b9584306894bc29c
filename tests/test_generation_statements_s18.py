"""True/false statements for issue 9, session 18, on invented text with the real pipeline
(parsed._statements, claims.py, clauses.py): a false statement that swaps a key term for the
one the page puts in the same slot of a parallel fact, never for the whole it lies in nor for
one the page says the same of; and the s17c reviewers' classes: a range whose ends the swap
made one ('absurd-false'), a clause cut after 'but rather' ('cut-boundary'), a clause that
keeps one of several alternatives ('wrong-answer'), a date made a clause's subject ('echo')."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

_BEFORE = "Timur founded the Timurid Empire in Central Asia in 1370. "


def _cards(nlp: Language, text: str, before: str = _BEFORE) -> list[Candidate]:
    doc = Document(usable_sentences(before + text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [c for c in made if c.source != before.strip()]


def _statements(nlp: Language, text: str, answer: str | None = None) -> list[str]:
    return [c.statement for c in _cards(nlp, text) if c.type == "tf"
            and (answer is None or c.answer == answer)]


BREWING = ("Brewing is how a brewer turns malted grain into beer. "
           "It takes place mainly in the brewhouse of a brewery, which holds the copper kettles. "
           "The mashing steps happen in the mash tuns and release sugars from malted barley. "
           "The fermentation takes place in the fermenting vessel and turns sugars into "
           "alcohol. ")


def test_a_false_statement_swaps_a_term_for_the_one_of_a_parallel_fact(nlp: Language) -> None:
    """Decks were 75-84 % True: sentences without a number or date gave no false statement.
    'The fermentation takes place in the mash tuns' is false; the page says where each step
    happens."""
    false = _statements(nlp, BREWING, "False")
    assert any(s in false for s in (
        "The fermentation takes place in the mash tuns and turns sugars into alcohol.",
        "The mashing steps happen in the fermenting vessel and release sugars from malted "
        "barley.")), false
    # a definition's terms stay: 'Brewing is how a brewer turns malted grain into alcohol'
    # is true in part
    assert not any(s.startswith(("Brewing is", "Fermentation is")) for s in false), false


def test_no_term_swap_puts_in_the_whole_the_term_lies_in(nlp: Language) -> None:
    """'… happen in the brewhouse' is true as well: the brewhouse is where all of brewing
    takes place ('It takes place mainly in …' opens with no term of the page)."""
    false = _statements(nlp, BREWING, "False")
    assert false and not any("brewhouse" in s for s in false), false


def test_no_term_swap_that_the_page_says_elsewhere(nlp: Language) -> None:
    """A swapped term of which the page states the rest too is a second right answer."""
    text = BREWING + "Some sugars are also released from malted barley in the fermenting " \
        "vessel. "
    false = _statements(nlp, text, "False")
    assert not any("happen in the fermenting vessel" in s for s in false), false


def test_no_range_whose_ends_the_swap_made_one(nlp: Language) -> None:
    # s17c: 'usually takes between three and three days', every reviewer 'absurd-false'
    text = "A sourdough starter usually takes between two and three days to become active."
    made = _statements(nlp, text)
    assert made and not any("between three and three" in s or "between two and two" in s
                            for s in made), made


def test_no_clause_cut_after_but_rather(nlp: Language) -> None:
    # s17c: 'In GR, gravitation is not viewed as a force, but rather.', 'cut-boundary'
    text = ("In the new theory, heat is not viewed as a fluid, but rather, particles moving "
            "quickly in hot bodies carry their own energy in straight lines through the metal "
            "– described as the kinetic picture of heat.")
    made = [c.question for c in _cards(nlp, text)]
    assert not any("rather." in q or "rather?" in q for q in made), made


def test_no_clause_that_keeps_one_of_several_alternatives(nlp: Language) -> None:
    # s17c: 'Members must be a citizen of the United Kingdom.' → True, where the page lists
    # four other citizenships ('wrong-answer')
    text = ("Specifically, candidates must be over the age of 21 and must be a resident of the "
            "county, the city of Harlow, one of the villages in the Vale of Ashby, a tenant "
            "of the estate, or a landowner resident in the parish.")
    made = _statements(nlp, text)
    assert not any(s.startswith("Candidates must be a resident of the county") for s in made), \
        made


def test_no_clause_whose_subject_is_a_date(nlp: Language) -> None:
    # s17c: 'As of March 2015, it had control over …, and has nominal control over …' →
    # 'March 2015 has nominal control …', every reviewer 'echo'
    text = ("As of June 2011, it had control over markets visited by two thousand traders in "
            "Harlow and Brent, and has nominal control over small fairs of Ashby, Corran and "
            "Dunmore.")
    made = [c.question for c in _cards(nlp, text)]
    assert not any("June 2011 has" in q for q in made), made
