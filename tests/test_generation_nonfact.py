"""Sentences that state no fact make no card (nonfact.py), with the real pipeline: an imagined
example under 'could be', the writer's stance, a likeness with no second term. A capability
('can') or a rule ('must') stated by a textbook stays a fact."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import nonfact
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

FACT = "The Loire valley produces most of the dry white wine sold in western France each year."


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return list(generate(doc, nlp, "intermediate", None, None))


def _from(cards: list[Candidate], words: str) -> list[Candidate]:
    return [c for c in cards if words in c.source]


def test_an_imagined_example_under_could_be_makes_no_card(nlp: Language) -> None:
    text = ("A theatre company often casts actors against type in classic plays. "
            "Hamlet could be Korean, Ophelia could be Nigerian, Polonius could be Swedish. "
            + FACT)
    cards = _cards(nlp, text)
    assert _from(cards, "Loire")  # the page still gives cards
    assert _from(cards, "Ophelia") == []


def test_the_writers_stance_makes_no_card(nlp: Language) -> None:
    text = ("Budgeting is a skill that first-year students learn at different speeds. "
            "Frankly, keeping a weekly budget in a notebook isn't that hard to learn. "
            + FACT)
    cards = _cards(nlp, text)
    assert _from(cards, "Loire")
    assert _from(cards, "notebook") == []


def test_a_likeness_with_no_second_term_makes_no_statement(nlp: Language) -> None:
    sent = nlp("Time management is the same.")[:]
    assert nonfact.no_fact(sent) == "same"
    assert nonfact.no_fact(nlp("Time management is the same as money management.")[:]) is None


def test_a_capability_or_a_rule_is_a_fact(nlp: Language) -> None:
    for text in ("Stem cells can divide into many kinds of specialised cells.",
                 "Members of the senate must be at least thirty years old.",
                 "The Roman legions could march thirty kilometres in a single day.",
                 "Of the three rivers, the Rhône is the fastest.",
                 FACT):
        assert nonfact.no_fact(nlp(text)[:]) is None, text


def test_a_conditional_possibility_or_a_likeness_among_a_group_is_a_fact(nlp: Language) -> None:
    for text in ("The tax could be lower if the company is sold to a private owner.",
                 "The two methods are different.",
                 "Many of the painters were the same individuals."):
        assert nonfact.no_fact(nlp(text)[:]) is None, text


def test_the_imagined_person_of_a_story_makes_no_card(nlp: Language) -> None:
    text = ("Deadlines pile up at the end of every term in most colleges. "
            "The student realizes that the essay cannot be finished before the Friday seminar. "
            + FACT)
    cards = _cards(nlp, text)
    assert _from(cards, "Loire")
    assert _from(cards, "Friday") == []
    assert nonfact.no_fact(nlp("The student council meets every Tuesday in Hall B.")[:]) is None


def test_a_sentence_run_into_a_subjectless_fragment_makes_no_card(nlp: Language) -> None:
    """s19b: 'Python programs can automate tasks and solve problems quickly. shows a few
    examples of …' (the page's 'Figure 1.3' dropped): every card of it was rejected as a
    broken sentence. A lowercase word with its own subject after a stop stands."""
    text = ("Rust programs can manage memory safely and run very fast. lists a few companies "
            "that use Rust in production. A bool holds a value of either true or false. "
            "true and false are keywords of the language. " + FACT)
    cards = _cards(nlp, text)
    assert _from(cards, "Loire")
    assert _from(cards, "lists a few companies") == []
    assert _from(cards, "true and false are keywords")


def test_praise_makes_no_card(nlp: Language) -> None:
    """s19b, s6, s18b: 'Python has an interesting history', 'Knowing how to program is a
    useful skill …', 'There are certainly many benefits to intelligence testing' (every
    reviewer: an opinion, nothing to learn). Invented: the same forms on another subject."""
    text = ("Knitting has a fascinating history. "
            "Learning to knit is a rewarding hobby that can calm any mind. "
            "There are certainly many benefits to knitting in a group. "
            "Wool and cotton have received an incredible amount of praise from knitters. "
            + FACT)
    cards = _cards(nlp, text)
    assert _from(cards, "Loire")
    for words in ("fascinating", "rewarding", "certainly", "incredible"):
        assert _from(cards, words) == [], words


def test_praise_that_picks_one_or_gives_its_reason_is_a_fact(nlp: Language) -> None:
    for text in ("The most useful tool for testing engines is the steam indicator.",
                 "Knitting is an interesting field of study because every culture knits.",
                 "The engineer did some useful work on the steam digester in 1679.",
                 "Obtaining useful knowledge from patterns of disease took decades."):
        assert nonfact.no_fact(nlp(text)[:]) is None, text
    assert nonfact.no_fact(nlp("Knitting has a fascinating history.")[:]) == "praise"
