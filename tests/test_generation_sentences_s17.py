"""Sentences and the clauses cut from them, with invented text and the real pipeline.

Sentence ends the abbreviation rules swallowed (text.split_sentences): a single capital letter
(a roman numeral, a unit, the last letter of "U.S.") or a sentence-closing abbreviation
("etc.") before a capitalised function word ends the sentence; initials before a name, and
"e.g." before anything, still do not. A clause keeps the conjunction between its kept words
(clauses._tidy)."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.clauses import clauses
from agents.generation.reference import Resolver
from agents.generation.text import split_sentences


def test_a_capital_letter_before_a_function_word_ends_the_sentence() -> None:
    assert split_sentences("Two new parties rose after Phase II of the Varna Treaty of Epoch V. "
                           "One was led by farmers.") == [
        "Two new parties rose after Phase II of the Varna Treaty of Epoch V.",
        "One was led by farmers."]
    assert split_sentences("The brine freezes at minus 4 °C. This keeps the harbour open.") == [
        "The brine freezes at minus 4 °C.", "This keeps the harbour open."]
    assert split_sentences("The mill exported wool to the U.S. In return it bought cotton.") == [
        "The mill exported wool to the U.S.", "In return it bought cotton."]


def test_a_closing_abbreviation_before_a_function_word_ends_the_sentence() -> None:
    assert split_sentences("The guild sold salt, tin, amber, etc. While trade grew, the town "
                           "stayed small.") == [
        "The guild sold salt, tin, amber, etc.", "While trade grew, the town stayed small."]


def test_initials_and_leading_abbreviations_keep_their_sentence() -> None:
    for text in ("The essay by R. T. Osgood appeared in Selden F. Marrow's journal in 1911.",
                 "Later bands, e.g. The Larks, played the hall every summer.",
                 "The report by H. A. Vell was read aloud at St. Osyth in May."):
        assert split_sentences(text) == [text]


def _clauses(nlp: Language, text: str) -> list[str]:
    sent = nlp(text)[:]
    return [c.text for c in clauses(sent, Resolver(), nlp)]


def test_a_clause_keeps_the_conjunction_between_its_kept_words(nlp: Language) -> None:
    """s15/s16 echo: a clause cut from a long sentence dropped only the 'and'/'or' of a
    coordination whose words it kept ('… with the Arabian Peninsula, India, places farther
    east', 'as well the SNP', 'rather an entitlement'), when the parser hung the conjunction on
    another word than its conjunct."""
    made = _clauses(nlp, "The Maren guild sought new members through fairs and also by "
                         "offering cheap loans to farmers in the valley towns, which had long "
                         "been poor and neglected by the crown.")
    assert any("through fairs and also by offering" in c for c in made), made
    made = _clauses(nlp, "Local councils were created in many provinces as well as in the "
                         "larger towns, and their members were chosen by lot every spring "
                         "until the reform of 1822.")
    assert "Local councils were created in many provinces as well as in the larger towns." \
        in made, made
    made = _clauses(nlp, "The abbot saw the library as a place of study for the monks rather "
                         "than a treasure for the visiting nobles, and he opened it to the "
                         "villagers in 1410.")
    assert not any("rather a" in c for c in made), made
    assert any("rather than a treasure" in c for c in made), made
    made = _clauses(nlp, "Varden scholars describe the prophet Iloma as an important figure "
                         "in the revival of the northern cult in Tessaly, and later after the "
                         "war with Corvan, in the capital.")
    assert not any("Tessaly, later" in c for c in made), made
