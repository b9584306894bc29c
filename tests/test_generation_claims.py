"""True/false and cloze cards that claim what their page claims (claims.py), with the real
pipeline: connectives that tie a sentence to the page are left out or stop the card, a hedged
main verb gives no statement, "other" needs something to be other than, and a false statement's
swapped number keeps the sentence's own order and agreement."""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return list(generate(doc, nlp, "intermediate", None, None))


def _statements(nlp: Language, text: str, answer: str | None = None) -> list[str]:
    return [c.statement for c in _cards(nlp, text)
            if c.type == "tf" and (answer is None or c.answer == answer)]


def _clozes(nlp: Language, text: str) -> list[str]:
    return [c.question for c in _cards(nlp, text) if c.type == "cloze"]


def test_an_additive_connective_is_left_out_of_the_card(nlp: Language) -> None:
    """s11: 'Similarly, orientalism is a view …' and '… was however Maria de la Queillerie'
    were deleted for the dangling connective; the claim itself stands without it."""
    text = ("Photosynthesis turns light into chemical energy in green plants. "
            "Likewise, chemosynthesis turns chemical energy into food for bacteria near "
            "hydrothermal vents. The first European to sight the island of Tasmania in 1642 "
            "was however the Dutch navigator Abel Tasman. Tobacco, however, remained the "
            "main export of the Virginia colony until 1800.")
    made = _statements(nlp, text, "True")
    assert any(s.startswith("Chemosynthesis turns chemical energy") for s in made), made
    assert any("was the Dutch navigator Abel Tasman" in s for s in made), made
    assert any(s.startswith("Tobacco remained the main export") for s in made), made
    cards = [*made, *_clozes(nlp, text)]
    assert not any(re.search(r"\b(likewise|however)\b", s, re.IGNORECASE) for s in cards), cards


def test_a_contrastive_opening_gives_no_statement_or_cloze(nlp: Language) -> None:
    """'Alternatively, tropical climates yielded lazy attitudes …' was the second of two
    beliefs the page reported: as a True card it states a belief as a fact."""
    text = ("Early geographers held that cold climates made people industrious. "
            "Alternatively, warm coastal climates produced idle habits and weak governments "
            "in the colonies of the Caribbean.")
    cards = [c for c in _cards(nlp, text) if c.type in ("tf", "cloze")]
    assert not any("coastal" in (c.statement or c.question) for c in cards), cards


def test_a_hedged_main_verb_gives_no_statement(nlp: Language) -> None:
    """'An elected assembly would be set up in Edinburgh' held only if a referendum passed:
    reviewers deleted it as True; a sentence that states its condition stands."""
    text = ("In 1979 the government held a referendum on Welsh home rule. "
            "A national council of sixty members would be set up in Cardiff. "
            "If most voters said no, Welsh devolution would be delayed for two decades.")
    made = _statements(nlp, text)
    assert not any("would be set up" in s for s in made), made
    assert any("would be delayed" in s for s in made), made


def test_other_with_nothing_to_be_other_than_gives_no_card(nlp: Language) -> None:
    """'A few other Yuan emperors actively sponsored cultural activities': other than whom?
    'The Romans and other ancient peoples …' names its anchor."""
    text = ("The Tang emperor Xuanzong founded an academy for poets in 738. "
            "Emperors of the other Chinese dynasties generously funded Buddhist monasteries. "
            "Many of the other Tang emperors wrote poems about the Yellow River. "
            "The Romans and other ancient peoples built aqueducts to carry water to cities.")
    cards = [c.statement or c.question for c in _cards(nlp, text) if c.type in ("tf", "cloze")]
    assert not any("monasteries" in s or "poems" in s for s in cards), cards
    assert any("other ancient peoples" in s for s in cards), cards


def test_a_false_statement_keeps_the_count_agreeing_with_its_noun(nlp: Language) -> None:
    """s11: 'Two class of non-self molecules …', '… through four consistent theory …':
    a count of one swapped for a larger one breaks the grammar, not the fact."""
    text = ("One class of proteins called antibodies binds to foreign molecules in the blood. "
            "Three kinds of muscle tissue exist in the body: skeletal, cardiac and smooth. "
            "Roughly one-third of the colonists remained loyal to Britain in 1776.")
    false = _statements(nlp, text, "False")
    assert not any(re.match(r"(Two|Three|Four|Five|Six) class ", s) for s in false), false
    assert not any(re.search(r"\b(two|three|four)-third\b", s) for s in false), false
    assert not any(re.match(r"(Two|Four|Five|Six) kinds", s) for s in false), false


def _years_in_order(statement: str) -> bool:
    years = [int(y) for y in re.findall(r"\b(1[0-9]{3}|20[0-9]{2})\b", statement)]
    return years == sorted(years)


def test_a_false_statement_keeps_the_sentences_order(nlp: Language) -> None:
    """s11: 'reduced … from 90% in 2004 to 60% in 1995' runs backwards in time; 'Of the 64
    MSPs, 73 are …' has a part larger than its whole: false by absurdity, not by fact."""
    text = ("The college cut the share of students who receive honors from 80% in 2006 to "
            "55% in 2007. Of the 120 senators, 45 are elected in rural districts every "
            "four years. The canal opened in 1825 and was widened in 1862 for larger boats.")
    false = _statements(nlp, text, "False")
    assert false, false
    assert all(_years_in_order(s) for s in false), false
    for s in false:
        part = re.match(r"Of the (\d+) senators, (\d+) are", s)
        assert part is None or int(part.group(2)) <= int(part.group(1)), s


def test_a_filler_blank_is_not_made(nlp: Language) -> None:
    """s9-s11b: 'the _____ of measuring forces' → 'most usual way', 'played _____ in
    organizing the retreat' → 'key roles': any of a dozen phrases fills a light noun."""
    text = ("A spring balance is the simplest way of measuring weight in a school laboratory. "
            "Gandhi and Nehru played important roles in the Indian independence movement.")
    made = _clozes(nlp, text)
    assert made, made
    assert not any("_____ of measuring" in q or "played _____" in q for q in made), made


def test_a_blank_whose_twin_the_sentence_shows_is_not_made(nlp: Language) -> None:
    """s11b: 'the income of the richest 10 percent to the income of the _____' → 'poorest 10
    percent': the student swaps one word back."""
    text = ("Economists compare the wealth of the richest 20 percent with the wealth of the "
            "poorest 20 percent of households in Brazil.")
    answers = [c.answer for c in _cards(nlp, text) if c.type == "cloze"]
    assert answers, answers
    assert not any(re.match(r"(the )?(richest|poorest) 20 percent", a) for a in answers), answers


def test_a_hedged_sentence_gives_no_cloze(nlp: Language) -> None:
    """s11: 'Tea houses would have been a prominent sight since _____ had yet to adopt a tea
    culture': a supposition, not a fact to recall."""
    text = ("In 1700, coffee houses would have been a common sight in Istanbul because the "
            "Ottomans had long adopted coffee drinking.")
    made = _clozes(nlp, text)
    assert not made, made


def test_an_inner_connective_after_an_opening_phrase_keeps_its_comma(nlp: Language) -> None:
    """'In southern Italy, however, Norman artwork survives …' → 'In southern Italy, Norman
    artwork survives …': the first comma closes the opening phrase, not the subject."""
    text = ("In southern Italy, however, Norman artwork survives in forms influenced by "
            "Greek, Lombard and Arab models.")
    made = _statements(nlp, text, "True")
    assert any(s.startswith("In southern Italy, Norman artwork survives") for s in made), made


def test_a_statement_whose_it_subject_was_guessed_is_not_made(nlp: Language) -> None:
    """s10-s11: 'It was a device that separated the seeds …' → 'The region was a device …',
    'Still, it is stronger than gravity …' → 'the word is …': an 'it'/'they' subject resolved
    from an earlier sentence is a guess the true/false and cloze cards would state as fact;
    a 'he' names the person the page introduced and stays."""
    text = ("Eli Whitney patented the cotton gin in the state of Georgia in 1794. "
            "It separated the seeds from raw cotton fibres fifty times faster than by hand. "
            "He also built muskets with interchangeable parts for the United States Army.")
    cards = [c.statement or c.question for c in _cards(nlp, text) if c.type in ("tf", "cloze")]
    assert not any("seeds" in s for s in cards), cards
    assert any(s.startswith("Eli Whitney also built muskets") for s in cards), cards


def test_an_imperative_sentence_gives_no_statement_or_cloze(nlp: Language) -> None:
    """s11b: 'Consider how much money, time, and effort went toward maintaining separate and
    unequal educational systems …' was made a True card and a cloze: it claims nothing."""
    text = ("Consider how much land and labor went into growing sugar cane on Caribbean "
            "plantations before 1800. Sugar was the most valuable crop of Jamaica in 1790.")
    cards = [c.statement or c.question for c in _cards(nlp, text) if c.type in ("tf", "cloze")]
    assert cards, cards
    assert not any("Consider" in s or "consider" in s for s in cards), cards


def test_a_however_that_joins_two_clauses_stays(nlp: Language) -> None:
    """'Political power grew from conquering land, however cultural and economic aspects
    flourished …': without its 'however' the statement is a comma splice."""
    text = ("Roman power grew from conquering land, however Greek culture flourished through "
            "trade routes across the Mediterranean.")
    made = _statements(nlp, text, "True")
    assert not any("land, Greek culture" in s for s in made), made
