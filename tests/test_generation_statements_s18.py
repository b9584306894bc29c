"""True/false statements for issue 9, session 18, on invented text with the real pipeline
(parsed._statements, claims.py, clauses.py), the s17c reviewers' classes: a range whose ends
the swap made one ('absurd-false'), a clause cut after 'but rather' ('cut-boundary'), a clause
that keeps one of several alternatives ('wrong-answer'), a date made a clause's subject
('echo')."""

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
