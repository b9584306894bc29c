"""Clauses cut from a long sentence whose subject no longer agrees with its verb (session 25's
third review, the reviewers' 'echo'): the parser gave 'were left out' two subjects, 'The walk …
and the banquet', and the conjoined 'and were made up …' borrowed only the first ('The
ceremonial walk to the church were made up …'). A singular subject with a plural verb in a cut
clause means part of the subject was lost; the clause makes no card. A quantity noun with its
'of' ('A number of … argue') and a whole coordinated subject keep their clauses. An inner
'however' between an auxiliary and its verb takes both its commas ('Tesla did, however, attend'
was shown as 'Tesla did, attend'). All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import claims
from agents.generation.clauses import clauses

BORROWED = ("The ceremonial parade through the town and the harvest feast were cancelled in the "
            "spring, and were held two months later on 12 August.")


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], None, nlp)]


def test_a_conjunct_verb_borrows_no_half_of_a_coordinated_subject(nlp: Language) -> None:
    made = _clauses(nlp, BORROWED)
    assert not any(c.startswith("The ceremonial parade through the town were") for c in made)


def test_the_whole_coordinated_subject_keeps_its_clause(nlp: Language) -> None:
    made = _clauses(nlp, BORROWED)
    assert ("The ceremonial parade through the town and the harvest feast were cancelled in the "
            "spring.") in made


def test_a_singular_subject_with_a_singular_verb_keeps_its_clause(nlp: Language) -> None:
    made = _clauses(nlp, "The council of the northern province, which first met in the old "
                         "market hall in 1821, approved a new charter for the harbour town in "
                         "the following spring.")
    assert ("The council of the northern province approved a new charter for the harbour town "
            "in the following spring.") in made


def test_a_noun_whose_plural_is_its_singular_keeps_its_clause(nlp: Language) -> None:
    made = _clauses(nlp, "Only the series from 1994 onwards are sold on tape in the shops of "
                         "the old town, except for the 1961 story Harbour Lights, released in "
                         "May 2011.")
    assert any(c.startswith("Only the series from 1994 onwards are sold") for c in made)


def test_a_peoples_name_that_is_plural_in_use_keeps_its_clause(nlp: Language) -> None:
    made = _clauses(nlp, "The Velosh, a small tribe of the northern hills, were considered part "
                         "of the old kingdom, although they kept their own laws for centuries.")
    assert any(c.startswith("The Velosh were considered part of the old kingdom") for c in made)


def _without_connectives(nlp: Language, text: str) -> str:
    sent = nlp(text)[:]
    gone = claims.dropped(sent)
    return " ".join(t.text for t in sent if t.i not in gone).replace(" ,", ",")


def test_an_inner_however_after_an_auxiliary_takes_both_its_commas(nlp: Language) -> None:
    shown = _without_connectives(nlp, "Marta did, however, finish the course at the academy, "
                                      "although she received no diploma for it.")
    assert shown.startswith("Marta did finish the course")


def test_an_inner_however_after_an_opening_adjunct_keeps_the_adjunct_comma(
        nlp: Language) -> None:
    shown = _without_connectives(nlp, "In the southern valleys, however, the farmers grew "
                                      "barley for the winter markets.")
    assert shown.startswith("In the southern valleys, the farmers grew")
