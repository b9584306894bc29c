"""Question classes of session 19 (issue 9), on invented text: a contrast clause ('while …',
'whereas …') that the parser hangs inside the asked fact's clause is a second fact and stays out
of the question; a rare capitalised name the tagger read as a common noun ('Strunk believed
that …': NN) is asked with 'Who', not 'What'; a verb coordinated under a negated one ('are not
recognized and attacked by …') is not asked without its negation (the question would state the
opposite). Each test fails on the engine before this change (ca1a211); the clean cases beside
them must pass."""

from __future__ import annotations

import pytest

from agents.generation.asking import ask, reasons
from agents.generation.spans import locate


def _ask(nlp, sentence: str, answer: str):  # type: ignore[no-untyped-def]
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    return ask(sent, found)


@pytest.mark.parametrize("sentence, answer, gone", [
    ("Varga believed expansion was necessary for a state's survival while Okoro supported "
     "Norland's imperial expansion.", "Varga", "Okoro"),
    ("Brask claimed the harbour was too shallow for warships whereas the admiralty wanted a "
     "naval base there.", "Brask", "admiralty"),
])
def test_a_contrast_clause_inside_the_fact_stays_out(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                                     gone: str) -> None:
    asked = _ask(nlp, sentence, answer)
    assert asked is not None and gone not in asked.question, asked
    assert asked.question.startswith("Who "), asked


def test_the_contrast_clause_keeps_its_own_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    # the answer inside the contrast clause: the clause is the fact, nothing is dropped from it
    asked = _ask(nlp, "Varga believed expansion was necessary for a state's survival while "
                      "Okoro supported Norland's imperial expansion.", "Okoro")
    assert asked is None or "imperial expansion" in asked.question, asked


@pytest.mark.parametrize("sentence, answer", [
    ("Strunk believed that trade was necessary for a city’s growth.", "Strunk"),
    ("Pockel believed expansion was necessary for a nation’s survival while Okoro supported "
     "the navy.", "Pockel"),
])
def test_a_name_tagged_as_a_noun_is_asked_who(nlp, sentence: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    sent = nlp(sentence)[:]
    assert sent[0].tag_ == "NN"  # the tagger's slip this test is about
    asked = _ask(nlp, sentence, answer)
    assert asked is not None and asked.question.startswith("Who "), asked


def test_a_rare_common_noun_that_suggests_stays_what(nlp) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, "Hypnosis suggests that memory is fragile.", "Hypnosis")
    assert asked is None or asked.question.startswith("What "), asked


@pytest.mark.parametrize("sentence, answer", [
    ("Healthy liver cells are not recognized and attacked by the killer cells.",
     "the killer cells"),
    ("The old bridge was not repaired and replaced by the council in 1850.", "1850"),
])
def test_a_verb_under_a_shared_negation_is_not_asked_without_it(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                               answer: str) -> None:
    asked = _ask(nlp, sentence, answer)
    assert asked is None or " not " in asked.question, asked


def test_a_cause_under_a_shared_negation_is_not_asked_without_it(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = nlp("Healthy liver cells are not recognized and attacked by the killer cells because "
               "they carry an intact surface marker.")[:]
    assert all(" not " in asked.question for asked, _ in reasons(sent)), reasons(sent)


def test_a_verb_with_its_own_auxiliary_is_still_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    asked = _ask(nlp, "The old bridge was not repaired but was replaced by the council in 1850.",
                 "1850")
    assert asked is not None and asked.question.startswith("When was the old bridge replaced"), \
        asked
    cause = reasons(nlp("The port was not used because the harbour was too shallow.")[:])
    assert [a.question for a, _ in cause] == ["Why was the port not used?"], cause


@pytest.mark.parametrize("sentence", [
    "One reason why Rust is admired is because its compiler catches many memory errors early.",
    "The main reason the bridge was closed was because the cables had corroded badly.",
])
def test_a_cause_that_is_the_copulas_predicate_is_not_asked_why(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    # 'Why is one reason why Rust is admired?': the cause is what 'is' says, not why
    assert reasons(nlp(sentence)[:]) == []


def test_a_cause_of_a_copula_with_its_complement_is_still_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    found = reasons(nlp("The lake is shallow because rivers carry much silt into it.")[:])
    assert [a.question for a, _ in found] == ["Why is the lake shallow?"]
