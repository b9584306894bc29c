"""True/false statements that session 14's reviewers deleted (claims.py, parsed._statements,
clauses._front), on sentences made up for the tests with the real pipeline: a comparison with
no standard, a part or a place in a set only the page names, a false count the sentence itself
refutes, a false year far from the year it is paired with, and a frame cut from its phrase."""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from agents.generation import clauses
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

# a page of one sentence gets the context rules relaxed (parsed._FEW): the tested sentence
# comes after one that gives cards of its own
_BEFORE = "Timur founded the Timurid Empire in Central Asia in 1370. "


def _statements(nlp: Language, text: str, answer: str | None = None) -> list[Candidate]:
    doc = Document(usable_sentences(_BEFORE + text), {}, "en", None, None, Counter())
    return [c for c in generate(doc, nlp, "intermediate", None, None)
            if c.type == "tf" and c.source != _BEFORE.strip()
            and (answer is None or c.answer == answer)]


def test_a_comparison_without_its_standard_gives_no_statement(nlp: Language) -> None:
    """'East Asian societies had a different response …' (s14: different from whom?)."""
    bare = "Northern farmers had a different reaction to the tariff of 1828 in Congress."
    stated = ("Northern farmers had a different reaction from southern planters to the tariff "
              "of 1828 in Congress.")
    assert not _statements(nlp, bare)
    assert _statements(nlp, stated, "True")


def test_a_part_or_place_in_a_set_the_page_named_gives_no_statement(nlp: Language) -> None:
    """'Two of the expeditions were successful', 'The second mermaid reached …' (s14, s14b:
    which ones?)."""
    for text in ("Three of the caravans reached Samarkand safely in 1405.",
                 "The second caravan reached Samarkand safely in 1405."):
        assert not _statements(nlp, text), text
    named = "Three of the caravans sent by Timur reached Samarkand safely in 1405."
    assert _statements(nlp, named, "True")


def test_a_false_count_the_sentence_counts_again_is_not_made(nlp: Language) -> None:
    """'four-dimensional with the third component … to the other two' (s14b: absurd)."""
    text = ("Position vectors in ordinary space are three-dimensional, with the third "
            "component at right angles to the other two in 1637.")
    made = _statements(nlp, text, "False")
    assert not any("three" not in c.statement for c in made), [c.statement for c in made]


def test_a_false_count_of_the_two_named_is_not_made(nlp: Language) -> None:
    """'the athletic rivalry between the three schools' of a Harvard-Yale race (s14b)."""
    text = ("The Oxford-Cambridge Boat Race began the rivalry between the two universities "
            "in 1829.")
    made = _statements(nlp, text, "False")
    assert not any("two universities" not in c.statement for c in made), [
        c.statement for c in made]


def test_a_false_year_stays_near_the_year_it_is_paired_with(nlp: Language) -> None:
    """'beginning in summer 1962 and increasing by summer 1973' (the page: 1972): a decade's
    jump between two paired years gives the falsehood away; a nearer year is used instead."""
    text = ("Shoppers faced empty shelves beginning in spring 1946 and worsening by spring "
            "1947 across the country.")
    made = _statements(nlp, text, "False")
    for c in made:
        years = [int(y) for y in re.findall(r"\b1\d{3}\b", c.statement)]
        assert max(years) - min(years) <= 6, c.statement


def test_a_leading_phrase_is_not_cut_to_its_last_words(nlp: Language) -> None:
    """'Long in conflict, the metropole nations declared war …' → 'In conflict, …' (s14): the
    parser hangs 'Long' and 'in conflict' on the verb apart, and the clause kept the short
    'in' phrase after dropping 'Long'. The sentence is given the parse the small model gave
    that one (it varies with the words), so the test does not hang on the model's choices."""
    spec = [("Long", "advmod", 7, "RB", "ADV"), ("in", "prep", 7, "IN", "ADP"),
            ("debt", "pobj", 1, "NN", "NOUN"), (",", "punct", 7, ",", "PUNCT"),
            ("the", "det", 6, "DT", "DET"), ("port", "compound", 6, "NN", "NOUN"),
            ("cities", "nsubj", 7, "NNS", "NOUN"), ("raised", "ROOT", 7, "VBD", "VERB"),
            ("taxes", "dobj", 7, "NNS", "NOUN"), ("on", "prep", 7, "IN", "ADP"),
            ("each", "det", 11, "DT", "DET"), ("other", "pobj", 9, "JJ", "ADJ"),
            ("in", "prep", 7, "IN", "ADP"), ("1702", "pobj", 12, "CD", "NUM"),
            (",", "punct", 7, ",", "PUNCT"), ("ruining", "advcl", 7, "VBG", "VERB"),
            ("a", "det", 18, "DT", "DET"), ("regional", "amod", 18, "JJ", "ADJ"),
            ("trade", "dobj", 15, "NN", "NOUN"), ("into", "prep", 15, "IN", "ADP"),
            ("a", "det", 22, "DT", "DET"), ("slow", "amod", 22, "JJ", "ADJ"),
            ("decline", "pobj", 19, "NN", "NOUN"), (".", "punct", 7, ".", "PUNCT")]
    doc = Doc(nlp.vocab, words=[w for w, *_ in spec], heads=[h for _, _, h, _, _ in spec],
              deps=[d for _, d, _, _, _ in spec], tags=[t for _, _, _, t, _ in spec],
              pos=[p for *_, p in spec], sent_starts=[True] + [False] * (len(spec) - 1))
    made = [" ".join(doc[i].text for i in ids) for ids, _ in clauses.clause_ids(doc[:])]
    assert "the port cities raised taxes on each other in 1702" in made, made
    assert not any(m.startswith("in debt") for m in made), made
