"""Question cards session 8's held-out review deleted (issue 9): garbles of shapes the gate did
not know, a wh-word that asks for what the answer is not, answers that say nothing, and
inverted questions on clauses the parser reads poorly. Each test fails on the engine before
this change (34c8f51); the good questions beside them must still pass."""

from __future__ import annotations

import pytest

from agents.generation import GenerationRequest, RuleEngine, grammar, narrow, questions
from agents.generation.asking import Asked, ask
from agents.generation.reference import Resolver
from agents.generation.spans import locate


@pytest.mark.parametrize("question", [
    "What did however the colonial economies grow through?",  # a discourse adverb
    "What is through the size of its army that a kingdom is measured?",  # copula + preposition
    "What has the injury resulted in to store new memories?",  # preposition before 'to'
    "What do the early balances use such as beams and springs?",  # 'such as' without its noun
    "What is the idea of mass measured using that are consistent with observation?",
    "What did one of the scouts tell that the fort had fallen?",  # no one told
    "How many last great powers did the two empires emerge as?",  # the page's modifier
    "How many third stayed neutral in the war?",  # no countable noun
    "When did 40% of its grain come from the colonies?",  # 'its' with nothing before it
    "What is one dealing with instead of numbers?",  # a pronoun subject
    "Where are most concentrated in the southern valleys?",  # a pronoun subject
    "What would the nearest equivalent The word comes from Latin be?",  # a run-in sentence
    # session 15's echoes (r2q): a part of a group with no 'of', an adverb the inversion left
    # behind, an example adverb without its list, a predicate many answers fit
    "When did the majority close the old harbour to foreign ships?",
    "What did the minority refuse to sign in 1921?",
    "When did the village council abolish the bridge toll yet?",
    "How many weavers moved to the river towns especially?",  # the example's list is gone
    "What are some taxes collected by the port authority notably tonnage?",
    "What was only one port of the old kingdom?",  # many answers fit
    "What was not common along the northern coast?",
    "What did not all of the salt caravans cross?",
])
def test_leftovers_of_the_sentence_make_a_question_ill_formed(nlp, question: str) -> None:  # type: ignore[no-untyped-def]
    assert grammar.problems(nlp(question)), question


@pytest.mark.parametrize("question", [
    "When did the company start operations?",
    "What protects plants from infection with layered defenses?",
    "How many electors does the average constituency comprise?",
    "What does Bassett highlight during his analysis of old maps?",
    "Where did Johnson's advance stop?",
    "By which year had most American cars shrunk?",
    "What did the Iroquois send to the manor of William Johnson?",
    "What did the majority of Dutch voters reject in 1921?",
    "What have Dutch farmers yet to plant?",
    "Who did the rest of the crew follow to the coast?",
    "What is only found on the northern islands?",
    "What began in the river towns, especially in Lisk and Odra?",
    "What do the town charters not begin with?",
    "When did the village council abolish the bridge toll?",
])
def test_well_formed_questions_pass_the_gate(nlp, question: str) -> None:  # type: ignore[no-untyped-def]
    assert not grammar.problems(nlp(question)), (question, grammar.problems(nlp(question)))


def _asked(nlp, sentence: str, answer: str) -> tuple[Asked | None, object, object]:  # type: ignore[no-untyped-def]
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    return ask(sent, found, Resolver()), found, sent


def _untrusted(asked: Asked, answer, sent) -> str:  # type: ignore[no-untyped-def]
    return narrow.untrusted(asked, answer, sent)


@pytest.mark.parametrize(("question", "answer", "kind", "fits"), [
    ("What date did the senator take an interest in law from?", "early age", "date", False),
    ("When was the bridge considered safe?", "December 25", "date", False),
    ("When did Telenet start operations?", "1975", "year", True),
    ("In which century was the abbey founded?", "12th century", "century", True),
    ("How many sons did the king have?", "several", "number", True),
    ("How many times did the river flood?", "often", "thing", False),
    ("Where were many of the places the traveller named?", "Persian", "group", False),
    ("Where did the army retreat?", "Virginia", "place", True),
])
def test_the_wh_word_agrees_with_the_answer(question: str, answer: str, kind: str,
                                             fits: bool) -> None:
    """'What date did Clinton take an interest in politics from?' → 'early age', 'Where were
    many of the places Marco Polo named?' → 'Persian' (s8)."""
    assert (narrow.wh_disagrees(question, answer, kind) == "") is fits


def test_a_recipient_after_to_is_not_asked_with_where(nlp) -> None:  # type: ignore[no-untyped-def]
    """'Where did France cede its territory east of the Mississippi?' → Great Britain (s8)."""
    asked, _, _ = _asked(nlp, "In 1763 Spain ceded Florida to Great Britain.", "Great Britain")
    assert asked is None or not asked.question.startswith("Where"), asked
    moved, _, _ = _asked(nlp, "In 1755 Braddock's troops retreated to Virginia.", "Virginia")
    assert moved is not None and moved.question.startswith("Where"), moved


@pytest.mark.parametrize(("sentence", "answer"), [
    ("The war's outcome was one of the most significant developments of the century.",
     "outcome"),
    ("The rebellion divided the populations of the colonies deeply.", "populations"),
])
def test_a_common_noun_answer_that_says_nothing_gets_no_question(nlp, sentence: str,  # type: ignore[no-untyped-def]
                                                                 answer: str) -> None:
    asked, found, sent = _asked(nlp, sentence, answer)
    assert asked is None or narrow.untrusted(asked, found, sent), asked


def test_a_page_noun_the_student_cannot_place_gets_no_question(nlp) -> None:  # type: ignore[no-untyped-def]
    """'By which year did GM's full-sized cars reflect the crisis?' (s8: 'the crisis'?)"""
    asked, found, sent = _asked(nlp, "By 1977, the new small cars reflected the crisis.",
                                "1977")
    assert asked is None or narrow.untrusted(asked, found, sent), asked


def test_a_long_inverted_question_is_not_trusted(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = nlp("The ministers and the party leaders who open the debates with opening "
               "speakers allocate less time to the smaller parties in the chamber.")[:]
    found = locate(sent, "smaller parties")
    assert found is not None
    long_q = ("What do the ministers and the party leaders who open the debates with opening "
              "speakers allocate less time to?")
    assert narrow.untrusted(Asked(long_q, "smaller parties", "adjunct"), found, sent)


def test_a_clause_answer_makes_no_consequence_question(nlp) -> None:  # type: ignore[no-untyped-def]
    assert questions.consequence_question(
        "Imperialism caused the world to be divided by how developed and developing nations "
        "are portrayed.", "en", nlp) is None
    assert questions.consequence_question("Smoking causes lung cancer.", "en", nlp) is not None


def test_a_qa_deck_keeps_its_clean_questions() -> None:
    """The narrow generator still asks what a clean clause offers, a name the tagger missed
    keeping its capital ('When did telenet go public?' before)."""
    text = ("Telenet started operations in 1975. Telenet went public in 1979. The company "
            "was sold to GTE in 1979.")
    cards = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 6, "intermediate", ("qa",))).cards
    questions_made = {c.question: c.answer for c in cards}
    assert questions_made.get("When did Telenet start operations?") == "1975", questions_made
    assert questions_made.get("When did Telenet go public?") == "1979", questions_made


@pytest.mark.parametrize(("sentence", "answer", "question", "role"), [
    # the answer's own word in its question gives it away
    ("The Internet2 community built the first Internet2 Network in 1998.", "Internet2 community",
     "What built the first Internet2 Network in 1998?", "subject"),
    # a day the card cannot place in a year
    ("The city was defended till September 27.", "city",
     "What was defended till September 27?", "subject"),
    # 'have' asks for any of many things
    ("Jawed vertebrates have more sophisticated defense mechanisms.",
     "more sophisticated defense mechanisms", "What do jawed vertebrates have?", "object"),
])
def test_a_question_that_gives_away_or_cannot_place_its_answer_is_not_trusted(  # type: ignore[no-untyped-def]
        nlp, sentence: str, answer: str, question: str, role: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    assert narrow.untrusted(Asked(question, answer, role), found, sent), question


def test_which_with_the_answers_class_word_is_trusted(nlp) -> None:  # type: ignore[no-untyped-def]
    sent = nlp("The Scottish Parliament has conducted debates in the Gaelic language.")[:]
    found = locate(sent, "Scottish Parliament")
    assert found is not None
    asked = Asked("Which parliament has conducted debates in the Gaelic language?",
                  "Scottish Parliament", "subject")
    assert narrow.untrusted(asked, found, sent) == ""


def test_a_qa_only_request_without_questions_says_so() -> None:
    """Narrower questions leave some texts with none: a user who asked only for qa must learn
    it rather than get an empty deck with a count (what else to ask for: 9k's note, cb4cd5e)."""
    text = ("The arrangement was reviewed in the following years. Many of them were then "
            "changed again, and some were dropped.")
    result = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 5, "intermediate", ("qa",)))
    assert not result.cards
    assert any(n.startswith("no qa cards") for n in result.notes), result.notes


@pytest.mark.parametrize(("sentence", "answer", "question", "role"), [
    ("The new theory portrayed how developed and developing nations differ.",
     "how developed and developing nations", "What did the new theory portray?", "object"),
    ('Mohawk Chief Hendrick said that the "Covenant Chain" was broken.', "Chief Hendrick",
     'What said that the "Covenant Chain" was broken?', "subject"),
    ("The expedition in June 1755 was a disaster.", "disaster",
     "What was the expedition in June 1755?", "subject"),
    ("The CCITT helped Telenet standardize these protocols.", "CCITT",
     "What helped Telenet standardize these protocols?", "subject"),
])
def test_a_clause_answer_a_titled_what_or_a_page_noun_is_not_trusted(  # type: ignore[no-untyped-def]
        nlp, sentence: str, answer: str, question: str, role: str) -> None:
    sent = nlp(sentence)[:]
    found = locate(sent, answer)
    assert found is not None
    assert narrow.untrusted(Asked(question, answer, role), found, sent), question


def test_a_quoted_sentence_run_into_the_question_is_ill_formed(nlp) -> None:  # type: ignore[no-untyped-def]
    """'What writes There are two common types of amnesia?' → Tulving (seen passages)."""
    assert grammar.problems(nlp("What writes There are two common types of memory?"))
    assert not grammar.problems(nlp("Who wrote It Happened One Night?"))
    assert not grammar.problems(nlp("What did IT departments buy?"))


@pytest.mark.parametrize(("question", "bad"), [
    ("Who did a rival assembly in Persia proclaim beginning a civil war?", True),
    ("When was the shortage in the colony further worsened by a poor harvest?", True),
    ("What did the company stop making in 1990?", False),
    ("What did the army continue building after the war?", False),
])
def test_a_participle_or_comparative_left_from_the_sentence_is_ill_formed(  # type: ignore[no-untyped-def]
        nlp, question: str, bad: bool) -> None:
    assert bool(grammar.problems(nlp(question))) is bad, grammar.problems(nlp(question))


def test_a_title_asked_as_what_someone_was_made_is_trusted(nlp) -> None:  # type: ignore[no-untyped-def]
    """'What was Johnson made in 1746?' → 'colonel of the Iroquois': 'What' asks for the title,
    not for a person; and 'What … that' is a clause, no demonstrative."""
    sent = nlp("Johnson was made colonel of the Iroquois in 1746.")[:]
    found = locate(sent, "colonel of the Iroquois")
    assert found is not None
    assert narrow.untrusted(Asked("What was Johnson made in 1746?", "colonel of the Iroquois",
                                  "object"), found, sent) == ""
    sent = nlp("Declassified documents revealed that the U.S. government was deeply "
               "distraught.")[:]
    found = locate(sent, "Declassified documents")
    assert found is not None
    assert narrow.untrusted(Asked("What revealed that the U.S. government was deeply distraught?",
                                  "Declassified documents", "subject"), found, sent) == ""
