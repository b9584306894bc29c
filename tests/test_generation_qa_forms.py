"""Question forms the seen reviews keep too rarely to serve (issue 9, bench/qa_forms.py).

- A question ending on the preposition of a circumstance (time, place, path, manner, company,
  means) whose object is the answer, asked with "what" or "who": kept 21.4 % of 14 rated seen
  qa cards, against 55 % of 30 for the other stranded prepositions ("used in", "accused of").
- A "What …?" subject question of 8 words or fewer: kept 13 % of 18 (9 words: 33 % of 11;
  10 or more: 57.5 % of 78).

Each refused case passes on the engine before this change (ac7fe34); the others must stay."""

from __future__ import annotations

from typing import Any

import pytest

from agents.generation import narrow
from agents.generation.asking import ask
from agents.generation.spans import locate

STRANDED = "a circumstance's preposition stranded at the end"


@pytest.mark.parametrize("sentence, answer, verdict", [
    ("The council held its annual meetings under strict secrecy.", "strict secrecy", STRANDED),
    ("The governor ruled the province under martial law.", "martial law", STRANDED),
    ("The old bridge collapsed during a violent spring flood.", "a violent spring flood",
     STRANDED),
    ("The river flows through a narrow limestone gorge.", "a narrow limestone gorge", STRANDED),
    # a preposition the verb selects ends the question as a person would end it
    ("The Rankine process is used in most coal power plants.", "most coal power plants", ""),
    ("The philosopher wrote about political freedom.", "political freedom", ""),
    ("The young poet was deeply influenced by Romantic painting.", "Romantic painting", ""),
])
def test_a_stranded_circumstance_preposition_is_not_trusted(
        nlp: Any, sentence: str, answer: str, verdict: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and asked.question.endswith(
        ("under?", "during?", "through?", "in?", "about?", "by?")), asked
    assert narrow.untrusted(asked, found, sent) == verdict, asked


def test_the_circumstance_check_reads_the_answers_own_preposition(nlp: Any) -> None:
    # the question ends on 'with', but the answer is not that preposition's object
    sent = nlp("The settlers brought horses with them to the valley.")[:]
    found = locate(sent, "horses")
    assert found is not None
    assert not narrow.stranded_circumstance("What did the settlers bring with?", found, sent)


THIN = "a short subject question many answers fit"


@pytest.mark.parametrize("sentence, answer, verdict", [
    ("The Medici Bank financed the new cathedral.", "The Medici Bank", THIN),
    ("Drought ended the colony's first harvest.", "Drought", THIN),
    # a copula with a definite complement names one thing, however short
    ("Lisbon became the capital of the empire.", "Lisbon", ""),
    # a predicate long enough to pin its subject
    ("The Hanseatic League controlled most of the grain trade of the Baltic Sea in the "
     "fourteenth century.", "The Hanseatic League", ""),
])
def test_a_short_what_subject_question_is_not_trusted(
        nlp: Any, sentence: str, answer: str, verdict: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and asked.role == "subject" and asked.question.startswith(
        "What "), asked
    assert narrow.untrusted(asked, found, sent) == verdict, asked


def test_a_which_question_names_what_it_asks_for(nlp: Any) -> None:
    sent = nlp("The northern canal was linked with the Vistula River in 1820.")[:]
    found = locate(sent, "the Vistula River")
    assert found is not None
    assert narrow.stranded_circumstance("What was the northern canal linked with?", found, sent)
    assert not narrow.stranded_circumstance("Which river was the northern canal linked with?",
                                            found, sent)


def test_the_bench_reads_every_seen_review() -> None:
    """bench.qa_forms names each SEEN review's rated packet and its ratings files (it crashed
    once SEEN_KEYS gained session 17's reviews and its table did not)."""
    from bench import qa_forms, splits

    assert {k.split("-")[0] for k in qa_forms.RATED} == {k.split("-")[0] for k in splits.SEEN_KEYS}
    for packet, names in qa_forms.RATED.items():
        assert (splits.REVIEWS / f"{packet}.key.json").exists(), packet
        assert all((splits.REVIEWS / f"{n}.jsonl").exists() for n in names), packet
