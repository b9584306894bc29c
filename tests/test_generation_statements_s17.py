"""True/false statements the s16 reviewers deleted as ungrammatical or absurd, by class, on
sentences made up for the tests with the real pipeline (parsed._statements, claims.py,
clauses.py, rendering.py)."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import clauses
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

# a page of one sentence gets the context rules relaxed (parsed._FEW): the tested sentence
# comes after one that gives cards of its own
_BEFORE = "Timur founded the Timurid Empire in Central Asia in 1370. "


def _cards(nlp: Language, text: str, before: str = _BEFORE) -> list[Candidate]:
    doc = Document(usable_sentences(before + text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [c for c in made if c.source != before.strip()]


def _statements(nlp: Language, text: str, before: str = _BEFORE) -> list[str]:
    return [c.statement for c in _cards(nlp, text, before) if c.type == "tf"]


def test_no_false_count_of_a_kind_named_by_its_count(nlp: Language) -> None:
    # 'six cylinder engines' → 'seven cylinder engines': a kind that may not exist, not a
    # plausible falsehood (s16b: all three reviewers, absurd-false)
    text = ("The Danish trawlers of the Baltic fleet had four cylinder engines that burned less "
            "oil than the old steam boilers.")
    made = [s for s in _statements(nlp, text) if "cylinder" in s]
    assert made and all("four cylinder" in s for s in made), made


def test_a_count_of_things_still_gets_its_false_statement(nlp: Language) -> None:
    text = "The Danish trawlers of the Baltic fleet caught four tons of herring near Gotland."
    made = [c.statement for c in _cards(nlp, text) if c.type == "tf" and c.answer == "False"]
    assert any("four tons" not in s and "tons of herring" in s for s in made), made


def test_no_statement_of_a_sentence_cut_at_its_colon(nlp: Language) -> None:
    # '… in which he states:' announces the quotation that follows; the statement ends on
    # 'states.' with nothing stated (s16: all three reviewers, echo)
    text = ("The guild's rules were printed in a charter drafted by Jan Kowalski, in which he "
            "states:\n\nNo stranger shall sell cloth in the town.")
    made = [s for s in _statements(nlp, text) if "charter" in s]
    assert made == [], made
    cloze = [c.question for c in _cards(nlp, text) if c.type == "cloze" and "charter" in
             c.question]
    assert cloze == [], cloze


def test_no_statement_of_part_of_a_quotation(nlp: Language) -> None:
    # a sentence with an opening quotation mark whose close is in a later sentence: someone's
    # words, and the card shows a stray quotation mark (s16b: all three reviewers rejected it)
    text = ("\"Historians have been mesmerized by the herring trade of the Baltic Sea and the maps "
            "of the Hanseatic League.")
    assert _statements(nlp, text) == []


def test_no_clause_of_a_verb_that_shares_a_passive_auxiliary(nlp: Language) -> None:
    # '… was developed for … by Arthur Woolf and exhibited at Paris Exhibition in 1862' →
    # 'The most successful indicator exhibited at Paris Exhibition …' lost its 'was' (s16b:
    # all three reviewers, ungrammatical)
    text = ("Early versions were in use by 1851, but the most successful indicator was "
            "developed for the steam engine maker Henry Vivian by Arthur Woolf and exhibited at "
            "Paris Exhibition in 1862.")
    made = [c.text for c in clauses.clauses(nlp(text)[:], None, nlp)]
    assert made and all("indicator exhibited" not in c for c in made), made


def test_a_demonstrative_after_a_partitive_of_keeps_an_article(nlp: Language) -> None:
    # 'all of these smart technologies' → 'all of smart technologies' (s16: ungrammatical)
    before = ("Smart watches and smart phones carry messages between people. Many people now "
              "wear smart devices every day. ")
    text = "As tools of communication, all of these smart devices are forms of media."
    made = [s for s in _statements(nlp, text, before) if "media" in s]
    assert made and all("of smart devices" not in s for s in made), made

