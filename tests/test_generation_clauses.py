"""Long sentences still make cards: their self-contained clauses (clauses.py), with the real
spaCy pipeline. The paragraphs are our own writing; before clauses.py the engine made 5 of 8
cards for DATABASE (all of them questions a reviewer would delete) and none of its cloze or
true/false cards, because every sentence is over 30 words."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.answer_aware import question_for_answer
from agents.generation.clauses import _well_formed, clause_ids, clauses
from agents.generation.reference import Resolver

DATABASE = (
    "A relational database stores its records in tables, which are divided into fixed-size "
    "pages on disk, and the buffer manager keeps the most recently used pages in memory so "
    "that repeated queries avoid slow reads from the disk. The query optimizer, which "
    "estimates the cost of each possible plan from statistics about the tables, chooses the "
    "cheapest join order before execution begins, although its estimates are often wrong for "
    "queries that join many tables. Every change to a table is first written to the "
    "write-ahead log, a sequential file that records each update before it reaches the data "
    "pages, and the log allows the database to recover all committed transactions after a "
    "crash. Replication copies the write-ahead log from the primary server to one or more "
    "standby servers over the network, while the standby servers replay the log continuously "
    "and can take over as the primary when the original primary server fails."
)


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_coordinated_clauses_and_a_relative_clause_become_sentences(nlp: Language) -> None:
    text = ("The buffer manager, which runs inside the database server process, keeps the most "
            "recently used pages in memory, and the log writer flushes the write-ahead log to "
            "the disk whenever a transaction commits, using a single sequential write.")
    assert _clauses(nlp, text) == [
        "The buffer manager keeps the most recently used pages in memory.",
        "The log writer flushes the write-ahead log to the disk whenever a transaction commits.",
        "The buffer manager runs inside the database server process.",
    ]


def test_an_apposition_and_a_concession_go(nlp: Language) -> None:
    text = ("The query optimizer, which estimates the cost of each possible plan from statistics "
            "about the tables, chooses the cheapest join order before execution begins, although "
            "its estimates are often wrong for queries that join many tables.")
    assert "The query optimizer chooses the cheapest join order before execution begins." in (
        _clauses(nlp, text))


def test_a_short_sentence_is_left_whole(nlp: Language) -> None:
    assert _clauses(nlp, "The buffer manager keeps recently used pages in memory.") == []


def test_a_cut_that_leaves_a_comma_between_subject_and_verb_is_refused(nlp: Language) -> None:
    assert not _well_formed(nlp("The erythrocyte, is the most common formed element in blood.")[:])
    assert _well_formed(nlp("The erythrocyte is the most common formed element in blood.")[:])


def test_a_relative_pronoun_left_without_its_verb_is_refused(nlp: Language) -> None:
    assert not _well_formed(nlp("The engineers were the people who in the first years of the "
                                "project.")[:])


def test_a_paragraph_of_long_sentences_yields_a_full_deck() -> None:
    engine = RuleEngine(encoder=None)
    result = engine.generate(GenerationRequest(DATABASE, "u", num_cards=8))
    assert len(result.cards) == 8, result.notes
    by_type = {c.type for c in result.cards}
    assert {"cloze", "tf"} <= by_type  # the clauses are short enough to blank and to judge
    for card in result.cards:
        assert len(card.question.split()) <= 28, card.question


def test_answer_aware_asks_in_the_clause_that_holds_the_answer() -> None:
    question, _ = question_for_answer(DATABASE, "a crash")
    # not the whole coordinated sentence from its conjunction on ('And the log allows …')
    assert question.startswith("The log allows the database to recover"), question
    assert question.endswith("?") and "and" not in question.lower().split()


BRACKETED = ("Although the old records were lost (the clerks blamed the fire for destroying the "
             "whole archive), the museum was probably rebuilt after the war with public money.")


def test_a_clause_wholly_inside_brackets_is_no_clause_and_no_crash(nlp: Language) -> None:
    # a held-out SQuAD paragraph crashed the engine here: the bracketed clause had no words left
    sent = next(nlp(BRACKETED).sents)
    assert all(ids and head in ids for ids, head in clause_ids(sent))
    result = RuleEngine(encoder=None).generate(GenerationRequest(BRACKETED, "u", num_cards=4))
    assert result.cards


def test_a_subject_misread_as_a_list_item_refuses_both_clauses(nlp: Language) -> None:
    # the parser reads 'the Mercer Gallery' as a third object of 'includes' and gives 'covers'
    # the Holloway Museum for its subject: both clauses would state a wrong fact
    text = ("The Holloway Museum includes collections of ancient Greek and Roman pottery, the "
            "Mercer Gallery, formerly the Danford Gallery, covers modern American painting, and "
            "the Ridley Museum covers local history and old maps of the county.")
    found = _clauses(nlp, text)
    assert not any("Mercer" in c or "Holloway Museum covers" in c for c in found), found
    assert "The Ridley Museum covers local history and old maps of the county." in found


def test_a_relative_naming_the_verbs_object_is_not_said_of_another_noun(nlp: Language) -> None:
    # the relative names the kind of the verb's object before the preposition ('the war …
    # was later to be known as the Flemish War'), not Flanders
    text = ("In the spring of 1802, the duke formally declared war on the republic, which carried "
            "the war into Flanders, which was later to be known as the Flemish War.")
    found = _clauses(nlp, text)
    assert not any("Flanders was" in c for c in found), found
