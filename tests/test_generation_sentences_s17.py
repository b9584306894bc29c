"""Sentence ends the abbreviation rules swallowed (text.split_sentences), with invented text: a
single capital letter (a roman numeral, a unit, the last letter of "U.S.") or a sentence-closing
abbreviation ("etc.") before a capitalised function word ends the sentence; initials before a
name, and "e.g." before anything, still do not."""

from __future__ import annotations

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
