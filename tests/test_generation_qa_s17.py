"""Question cards session 16's reviews rejected (issue 9), on invented text: a question that
keeps a noun and asks for a phrase hanging on it (a stranded '… in?', or "Where" of the
place a named place lies in), a wh-word of the wrong type. Each test fails on the engine
before this change (fddb1cb); the clean questions beside them must still pass."""

from __future__ import annotations

import pytest

from agents.generation import narrow
from agents.generation.asking import ask
from agents.generation.spans import locate

NESTED = "an answer inside a phrase of a noun the question keeps"


def _verdict(nlp, sentence: str, answer: str) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    """narrow.untrusted's verdict on the question asked of ``answer`` in ``sentence``, with
    the question (asserted made, and not a subject question kept in place)."""
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and asked.role != "subject", (sentence, asked)
    return narrow.untrusted(asked, found, sent), asked


@pytest.mark.parametrize("sentence, answer, verdict", [
    # 'Where/What did the weavers … revolt against the Tarven dynasty (in)?'
    ("The weavers in the lower town also revolted against the Tarven dynasty in the Linen "
     "Rebellion.", "Linen Rebellion", NESTED),
    # 'Where was the royal fleet sunk at Port Arvel?' → 'Westmark'
    ("The royal fleet was sunk at Port Arvel in Westmark.", "Westmark", NESTED),
    # the same facts asked of the phrase on the verb stay trusted
    ("The weavers in the lower town also revolted against the Tarven dynasty.",
     "Tarven dynasty", ""),
    ("The royal fleet was sunk at Port Arvel.", "Port Arvel", ""),
])
def test_a_phrase_of_a_kept_noun_is_not_asked(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                              verdict: str) -> None:
    got, asked = _verdict(nlp, sentence, answer)
    assert got == verdict, asked


@pytest.mark.parametrize("question, kind, verdict", [
    ("Who was the largest port of the northern coast?", "place",
     "asks who of a place or a time"),
    ("Who signed the charter of the guild?", "person", ""),
])
def test_who_is_not_asked_of_a_place(question: str, kind: str, verdict: str) -> None:
    assert narrow.wh_disagrees(question, "Velmora", kind) == verdict


def _clauses(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    from agents.generation.clauses import clauses

    return [c.text for s in nlp(text).sents for c in clauses(s, None, nlp)]


@pytest.mark.parametrize("text", [
    "The most admired examples of gothic architecture are Orlen Palace (1412–1421), Palace of "
    "the Seven Bells (1430s) and Marsh Church (façade 1428–1461).",
    "The oldest examples of baroque painting in Velmora are Tarsk Chapel (1602), House of the "
    "Three Crowns (1610s) and Saint Ada Church (1631).",
])
def test_a_list_read_as_an_apposition_is_not_cut_to_its_first_item(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # before: "The most admired examples of gothic architecture are Orlen Palace." (a qa card
    # then asked for the examples and took one of three for the answer)
    assert not any(c.endswith(("Palace.", "Chapel.")) for c in _clauses(nlp, text))


def test_a_relative_clause_after_an_apposition_gets_no_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    # before: "120.5 billion PLN was 250% of the national average." (the share is of the
    # per-capita figure; reviewers: a wrong answer)
    text = ("Total nominal GDP of the city in 2010 amounted to 120.5 billion PLN, 95000 PLN per "
            "capita, which was 250 % of the national average.")
    assert not any("average" in c for c in _clauses(nlp, text))
    # a relative clause right after its noun still makes its clause
    made = _clauses(nlp, "The Duchy of Velmora, which began in 911 as a fiefdom, grew rich "
                         "from the salt trade of the northern coast.")
    assert any(c.startswith("The Duchy of Velmora began in 911") for c in made), made


@pytest.mark.parametrize("sentence, item, whole", [
    ("The oldest examples of baroque painting in Velmora are Tarsk Chapel (1602), House of "
     "the Three Crowns (1610s) and Saint Ada Church (1631).", "Tarsk Chapel",
     "Tarsk Chapel (1602), House of the Three Crowns (1610s) and Saint Ada Church (1631)"),
    ("The most admired examples of gothic architecture are Orlen Palace (1412–1421), Palace of "
     "the Seven Bells (1430s) and Marsh Church (façade 1428–1461).", "Orlen Palace",
     "Orlen Palace (1412–1421), Palace of the Seven Bells (1430s) and Marsh Church"),
])
def test_what_are_the_examples_answers_with_the_whole_list(nlp, sentence: str, item: str,  # type: ignore[no-untyped-def]
                                                           whole: str) -> None:
    # before: "What are the oldest examples of baroque painting in Velmora?" → "Tarsk Chapel"
    # (one of three; reviewers: 'answer incomplete: three examples listed')
    sent = nlp(sentence)[:]
    found = locate(sent, item)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and asked.role == "definition", asked
    assert asked.answer == whole


@pytest.mark.parametrize("sentence, made", [
    # before: "According to the text, what did the dry summer of 1911 lead to?"
    ("The dry summer of 1911 led to a sharp rise in grain prices.",
     ("What did the dry summer of 1911 lead to?", "a sharp rise in grain prices")),
    ("The Velmora canal produced a rapid growth of trade.",
     ("What did the Velmora canal produce?", "a rapid growth of trade")),
    # a subject only the page names, or an object the parse does not end the sentence with
    ("This reform produced a rapid growth of trade.", None),
    ("It caused a sharp rise in grain prices.", None),
])
def test_a_consequence_is_asked_without_the_stock_phrase_and_only_as_parsed(  # type: ignore[no-untyped-def]
        nlp, sentence: str, made: tuple[str, str] | None) -> None:
    from agents.generation import questions

    assert questions.consequence_question(sentence, "en", nlp) == made
    assert questions.consequence_question(sentence, "en") is None  # no parse, no question


@pytest.mark.parametrize("sentence, answer, question, named", [
    ("The idea manifest destiny served as a justification for westward expansion.",
     "idea manifest destiny", "Which idea served as a justification for westward expansion?",
     "manifest destiny"),
    ("Early settlers adopted the term Yankee for their northern neighbours.", "term Yankee",
     "Which term did early settlers adopt for their northern neighbours?", "Yankee"),
])
def test_a_name_led_by_its_class_noun_is_asked_with_which(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                                         question: str, named: str) -> None:
    # before: "What served as …?" → "idea manifest destiny" (reviewers: 'answer includes stray
    # "concept"', cut-boundary)
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    asked = ask(sent, found)
    assert asked is not None and (asked.question, asked.answer) == (question, named), asked


@pytest.mark.parametrize("sentence, answer, verdict", [
    # 'When did Velmora stag in Vienna?', 'Where did Velmora produce in 1911?'
    ("Velmora was written by Anton Reis and staged in Vienna in 1911.", "1911",
     "a passive participle asked as an active verb"),
    ("Velmora was written by Anton Reis and produced in Vienna in 1911.", "Vienna",
     "a passive participle asked as an active verb"),
    # asked in the passive, or an active conjunct, it stays
    ("The bridge was designed by Anton Reis and built in Vienna in 1911.", "Vienna", ""),
    ("Anton Reis wrote the opera and produced it in Vienna in 1911.", "Vienna", ""),
])
def test_a_passive_conjunct_is_not_asked_with_do_support(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                                          verdict: str) -> None:
    got, asked = _verdict(nlp, sentence, answer)
    assert got == verdict, asked


def test_an_active_conjunct_after_a_passive_stays_trusted(nlp) -> None:  # type: ignore[no-untyped-def]
    got, asked = _verdict(nlp, "Velnet was incorporated in 1971 and started operations in 1974.",
                          "1974")
    assert got == "", asked
