"""Answer-aware questions that people ask in fewer words than the sentence's clause: the agent
of a noun's participle, the value of a measure in an adjunct (session 11, issue 9)."""

from __future__ import annotations

import pytest

from agents.generation.answer_aware import question_for_answer


@pytest.mark.parametrize(("text", "answer", "expected"), [
    ("In 1836, at a party hosted by Marie d'Agoult, Chopin met the French author George Sand.",
     "Marie d'Agoult", "Who hosted the party?"),
    ("The bridge, designed by the engineer Isambard Brunel, opened in 1864.",
     "Isambard Brunel", "Who designed the bridge?"),
])
def test_the_agent_of_a_participle_is_asked_in_the_active_voice(text: str, answer: str,
                                                                 expected: str) -> None:
    # before: 'In 1836, at a party hosted by who?', 'The bridge, designed by the engineer who?'
    assert question_for_answer(text, answer)[0] == expected


def test_a_number_that_measures_an_adjunct_asks_for_the_measure() -> None:
    text = "Chopin was born in 1810. At the age of 21 he settled in Paris."
    # before: 'At the age of _____ he settled in Paris.' (a number inside a date adjunct)
    assert question_for_answer(text, "21")[0] == "At what age did Chopin settle in Paris?"


def test_a_century_in_an_adjunct_is_asked_with_what_century() -> None:
    # SQuAD's askers write "what <noun>" four times as often as "which <noun>" (train articles)
    text = "The Normans began a programme of church reform in the 11th century."
    assert question_for_answer(text, "the 11th century")[0].startswith("In what century ")


def test_the_agent_of_coordinated_participles_and_a_named_noun() -> None:
    text = ("Twilight Princess is an action-adventure game developed and published by Nintendo "
            "for the GameCube. In 1909, Michel Fokine created a ballet, Chopiniana, "
            "choreographed by Michel Fokine and orchestrated by Alexander Glazunov.")
    # before: '… an action-adventure game developed and published by what for the GameCube?'
    assert question_for_answer(text, "Nintendo")[0] == \
        "What developed and published the action-adventure game?"
    # before: 'Choreographed by Michel Fokine and orchestrated by who?'
    assert question_for_answer(text, "Alexander Glazunov")[0] == "Who orchestrated Chopiniana?"


def test_a_name_that_argues_or_thinks_is_asked_with_who() -> None:
    # before: 'What argued unsuccessfully …?' (a defect reviewers rejected)
    text = "Vaudreuil argued unsuccessfully for a winter campaign."
    assert question_for_answer(text, "Vaudreuil")[0] == \
        "Who argued unsuccessfully for a winter campaign?"


def test_a_window_question_does_not_open_on_a_conjunction() -> None:
    from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
    from agents.generation.phrasing import in_window
    from agents.generation.reference import Resolver
    from agents.generation.spans import locate

    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    sent = next(iter(nlp("And in 1833 Chopin contracted with Maurice Schlesinger.").sents))
    found = locate(sent, "Maurice Schlesinger")
    assert found is not None
    # before: 'And in 1833 Chopin contracted with who?'
    assert in_window(sent, found, Resolver(lenient=True)) == "In 1833 Chopin contracted with who?"


def test_a_phrasing_with_nothing_after_its_copula_loses_to_a_longer_one() -> None:
    from agents.generation.nlp import DEFAULT_PIPELINES, pipeline
    from agents.generation.phrasing import best

    nlp = pipeline("en", DEFAULT_PIPELINES)
    assert nlp is not None
    phrasings = [("Who were among the visitors to Nohant?", "subject"), ("Who were?", "subject")]
    # before: 'Who were?' (two words, the shortest) won
    assert best(phrasings, nlp) == "Who were among the visitors to Nohant?"
    assert best([("What was what?", "definition")], nlp) is None
