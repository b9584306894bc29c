"""Garbled deck cards traced to the stage that made them (session 22's rejected cards).

A clause split must not give a verb a borrowed subject: in 'members of unions such as A or B
and surveys in recent years suggest that …' the parser reads 'surveys' as a third union and
makes 'suggest' a conjunct of the first clause's verb; cut there, one clause ends '… and
surveys in recent years.' and the other reads 'Nurses suggest that …'. Nor may a participle
after a comma that the parser read as a second verb, with no conjunction in the coordination,
take the first clause's subject ('The crowd broadcast live …'), nor a relative clause, its
noun cut away with an aside, hang on another noun. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.clauses import clauses
from agents.generation.reference import Resolver


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_no_clause_borrows_the_subject_of_the_first_clause(nlp: Language) -> None:
    for text in (
            "Nurses in Norland can be registered members of professional bodies such as the RNA, "
            "the NFN or the NGU and surveys in recent years suggest that the average age of "
            "nurses in Norland is rising with nurses being older than before.",
            "The council built new schools in the northern districts and libraries in the "
            "southern towns and reports from the ministry indicate that reading rates have "
            "risen sharply since then."):
        made = _clauses(nlp, text)
        assert not any(c.startswith(("Nurses in Norland suggest", "The council indicate"))
                       for c in made), made
        assert not any(c.endswith(("in recent years.", "from the ministry.")) for c in made), made


def test_a_verb_after_and_still_shares_the_subject(nlp: Language) -> None:
    text = ("The old harbour of Vellan was built by salt merchants from the northern coast in "
            "the winter of 1642 and was rebuilt by the town council after the great flood of "
            "1788.")
    assert "The old harbour of Vellan was rebuilt by the town council after the great flood " \
        "of 1788." in _clauses(nlp, text)


def test_a_participle_read_as_a_second_verb_gets_no_subject(nlp: Language) -> None:
    text = ("The crowd watched the mayor and her council as they brought the rival families "
            "together at the harbour festival, broadcast live on local radio from the steps of "
            "the old town hall.")
    assert not any(c.startswith("The crowd broadcast") for c in _clauses(nlp, text))


def test_a_relative_clause_is_not_moved_onto_another_noun(nlp: Language) -> None:
    text = ("Orion 5 (OR-204) was the first unmanned test flight of LM in Earth orbit, launched "
            "from pad 37 on January 22, 1968, by the Saturn IB that would have been used for "
            "Orion 1.")
    assert not any("orbit that would" in c for c in _clauses(nlp, text))
