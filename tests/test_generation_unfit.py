"""Cards session 7's held-out reviewers deleted (nearly) every time are not delivered
(defects.unfit, quality.py), and multiple-choice options stay plausible (choices.py): each case
is a card the engine at the start of session 8 delivered on a seen passage
(/work/coordination/s7_after_rated.json), beside cards of the same shape they kept."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from agents.generation import choices, plausible
from agents.generation.cards import Candidate
from agents.generation.defects import unfit
from agents.generation.quality import QualityScorer
from agents.generation.spans import answers
from agents.generation.text import usable_sentences


def _cloze(question: str, answer: str, kind: str = "thing") -> Candidate:
    source = question.replace("_____", answer)
    return Candidate("cloze", question, answer, source, kind=kind, salience=0.7)


def _tf(statement: str, source: str = "", answer: str = "True", swapped: str = "") -> Candidate:
    return Candidate("tf", f"True or false: {statement}", answer, source or statement,
                     statement=statement, swapped=swapped, salience=0.7)


REJECTED = [
    _cloze("A static equilibrium between _____ forces is the most usual way of measuring "
           "forces.", "two", "number"),
    _cloze("Braddock led about 1,500 army troops and provincial militia on an _____ in June "
           "1755 to take Fort Duquesne.", "expedition"),
    _cloze("Two future opponents in the American Revolutionary War, Washington and Thomas Gage, "
           "played _____ in organizing the retreat.", "key roles"),
    _cloze("The _____ for steam turbines is in electricity generation.", "main use"),
    _cloze("Mental health professionals must also develop strategies to address the needs of "
           "_____ for which Eurocentric therapies have limited application.",
           "various populations"),
    _cloze("A _____ whose treatment focuses on individual decision making may be ineffective.",
           "counselor"),
    _cloze("Vaccination represents the most effective manipulation of the _____ has developed.",
           "immune system mankind"),
    _cloze("The _____ is now described by the Schrödinger equation instead of Newtonian "
           "equations.", "physics"),
    _cloze("The _____ is usually affected.", "hippocampus"),
    _cloze("The Academy was responsible for compiling and publishing a _____.", "number of books"),
    _tf("A war erupted in the Philippines."),
    _tf("The hippocampus is usually affected."),
    _tf("The intuitive understanding of forces is quantified using precise operational "
        "definitions that are consistent with direct observations and compared to a standard "
        "measurement scale."),
    _tf("Tulving writes, There are three common types of amnesia: anterograde amnesia and "
        "retrograde amnesia.", "Tulving writes, There are two common types of amnesia: "
        "anterograde amnesia and retrograde amnesia.", "False", "three"),
    _tf("One is now dealing with operators instead of classical variables."),
    _tf("By 1977, GM's full-sized cars reflected the crisis."),
]
KEPT = [
    _cloze("Active immunity can also be generated artificially, through _____.", "vaccination"),
    _cloze("A _____ between two forces is the most usual way of measuring forces.",
           "static equilibrium"),
    _cloze("The therapist and client will discuss how _____ will be measured.",
           "treatment success"),
    _cloze("The failure of many searches for _____ has shown that the elementary particles "
           "affected are not directly observable.", "free quarks"),
    _cloze("Charles W. Eliot opened the curriculum to student _____.", "self-direction"),
    _cloze("The Brotherhood has suffered periodic repression in _____.", "Egypt", "place"),
    _cloze("Johnson's advance stopped at _____.", "Fort William Henry", "place"),
    _tf("The strong force only acts directly upon elementary particles."),
    _tf("Civil strife had permanently divided the Mongol Empire."),
    _tf("Braddock led about 1,500 army troops on an expedition in June 1745 to take Fort "
        "Duquesne.", "Braddock led about 1,500 army troops on an expedition in June 1755 to take "
        "Fort Duquesne.", "False", "June 1745"),
]


@pytest.mark.parametrize("card", REJECTED, ids=lambda c: c.answer + ":" + c.question[15:45])
def test_a_card_the_reviewers_deleted_is_unfit(card: Candidate) -> None:
    assert unfit(card) is not None


@pytest.mark.parametrize("card", KEPT, ids=lambda c: c.answer + ":" + c.question[15:45])
def test_a_card_of_the_same_shape_they_kept_is_not(card: Candidate) -> None:
    assert unfit(card) is None


def test_unfit_cards_are_never_delivered_and_the_count_is_filled_with_others() -> None:
    """Asked for 8 cards of cloze and tf: the unfit ones are left out; the kept-shaped cards
    fill the deck (none of the old engine's deliveries of these rejected shapes)."""
    scorer = QualityScorer(None)
    pool = REJECTED + KEPT
    scored = scorer.score(pool, "intermediate")
    chosen, _ = scorer.select(scored, 8, ("cloze", "tf"))
    delivered = {(s.candidate.type, s.candidate.answer, s.candidate.question) for s in chosen}
    assert not delivered & {(c.type, c.answer, c.question) for c in REJECTED}
    assert len(chosen) >= 6  # the kept shapes fill the deck


def _parsed(nlp: Language, text: str):  # type: ignore[no-untyped-def]
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    return sents, [answers(s) for s in sents]


def test_no_year_option_lies_in_the_future_or_past_the_documents_era(nlp: Language) -> None:
    """'2037', '2027' were offered for a 2012 ranking (s7 review: implausible)."""
    text = ("In 2012 the Economist Intelligence Unit ranked Warsaw as the 32nd most liveable "
            "city in the world. The city was rebuilt after 1945. Its stock exchange opened in "
            "1991.")
    sents, found = _parsed(nlp, text)
    pool = choices.Pool.build(sents, found)
    sent, year = next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                      if a.text == "2012")
    options = choices.pick(year, sent, pool, "intermediate", None)
    assert len(options) == 3, options
    assert all(int(re.search(r"\d{4}", o).group(0)) <= 2012 + plausible.ERA_AHEAD  # type: ignore[union-attr]
               for o in options), options
    assert plausible.in_era("2027", 2012, today=2026) is False
    assert plausible.in_era("2025", None, today=2026) is True


def test_a_count_option_keeps_the_answers_form() -> None:
    """'only one' was offered beside 'four', 'six' for 'five' (s7 review: implausible)."""
    assert not choices.same_form("only one", "five")
    assert choices.same_form("four", "five")
    assert choices.same_form("approximately 1,000", "about 1,500")
    assert choices.same_form("13th century", "10th and 11th centuries")
    assert choices.same_form("July 1756", "June 1755")


def test_a_card_under_its_types_keep_floor_is_never_delivered() -> None:
    """Each type has its own floor of P(keep), read off the out-of-fold predictions of the
    reviewed cards (quality.KEEP_FLOOR): a cloze at 0.40 is gone (the old engine delivered
    anything over 0.10), one at 0.50 is delivered; a multiple-choice card at 0.25 is gone."""
    from agents.generation.quality import KEEP_FLOOR, Scored

    def scored(card: Candidate, keep: float) -> Scored:
        return Scored(card, {"keep": keep}, 0.9)

    mcq = Candidate("mcq", "When did Ariq Böke surrender?", "1264", "Ariq Böke surrendered in "
                    "1264.", choices=["1260", "1254", "1264", "1279"], kind="year")
    assert KEEP_FLOOR["cloze"] > 0.40 and KEEP_FLOOR["mcq"] > 0.25
    doubted = scored(mcq, 0.25)
    cloze = scored(KEPT[0], 0.50)
    gone = scored(KEPT[1], 0.40)
    scorer = QualityScorer(None)
    chosen, notes = scorer.select([doubted, cloze, gone], 3, ("mcq", "cloze"))
    assert [s.candidate for s in chosen] == [KEPT[0]]
    assert any("only 1 of 3" in n for n in notes)


def test_an_option_the_sentence_already_names_is_not_offered(nlp: Language) -> None:
    """'United States', 'Saudi Arabia' were offered for 'By 1979, Saudi arms purchases from
    the US exceeded five times _____'s' (Israel)."""
    assert choices.named_in("Saudi Arabia", "Israel", "Saudi arms purchases from the US")
    assert choices.named_in("United States", "Israel", "Saudi arms purchases from the US")
    assert not choices.named_in("Iran", "Israel", "Saudi arms purchases from the US")
    assert not choices.named_in("Fort William Henry", "Fort Edward",
                                "Dieskau planned to attack the camp at Fort Edward.")


def test_one_gets_no_other_count(nlp: Language) -> None:
    """'Voters choose two member to represent the constituency' (False): 'one' swapped for
    'two' leaves its noun singular."""
    text = ("Voters choose one member to represent the constituency. The Parliament has 129 "
            "members. Each region elects seven members.")
    sents, found = _parsed(nlp, text)
    pool = choices.Pool.build(sents, found)
    ones = [(sent, a) for sent, ans in zip(sents, found, strict=True) for a in ans
            if a.text.lower() == "one"]
    assert ones
    for sent, a in ones:
        assert choices.pick(a, sent, pool, "intermediate", None, count=1,
                            for_statement=True) == []
