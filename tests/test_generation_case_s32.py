"""A sentence's first word keeps or loses its capital by one rule (rendering.keeps_case) when a
card moves it mid-text (session 32). s32 reviewers (every one) rejected 'In Newcastle upon
Tyne, _____ were built as terraces.' answered 'tyneside flats': the place frame lower-cased a
name the tagger read as an adjective although the page writes it capitalised mid-sentence; and
'When was The last General Conference held in Tampa?': a page that writes 'The' capitalised
mid-sentence (a title's) kept every sentence-initial 'The'. All texts invented; real spaCy."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

_COTTAGES = ("The Brenside cottage was the usual house form when the mills on Brenside grew "
             "fast. Brenside cottages were built as terraces.")


def test_a_name_the_page_capitalises_keeps_its_capital_after_the_frame(nlp: Language) -> None:
    # the tagger reads 'Brenside' as a common noun; the page writes it capitalised mid-sentence
    cards = [c for c in generated(nlp, _COTTAGES, title="Peru")
             if "terraces" in c.question and "In Peru" in c.question]
    assert any(c.type == "cloze" and c.answer == "Brenside cottages" for c in cards), cards
    for card in cards:
        assert "brenside" not in card.question + " " + card.answer, card


def test_a_common_noun_still_loses_its_capital_after_the_frame(nlp: Language) -> None:
    text = "Complicated cases are referred to district hospitals."
    cards = [c for c in generated(nlp, text, title="Peru") if "In Peru, " in c.question]
    assert any(c.type == "cloze" and c.answer == "complicated cases" for c in cards), cards
    assert any(c.type == "tf" and "In Peru, complicated cases" in c.question for c in cards)


_SYNOD = ("The Ostland church publishes The Book of Rites every year. "
          "The last General Synod was held in Dover, Delaware, in 2004.")


def test_a_sentences_the_loses_its_capital_mid_question(nlp: Language) -> None:
    asked = [c for c in generated(nlp, _SYNOD) if c.type in ("qa", "mcq")
             and "General Synod" in c.question]
    assert asked, "questions on the synod"
    for card in asked:
        assert " The last" not in card.question, card.question
    assert any("the last General Synod" in c.question for c in asked)


def test_a_names_the_keeps_its_capital_on_a_page_that_writes_it(nlp: Language) -> None:
    text = ("The court moved to The Hague in 1946. "
            "The Hague hosted the first session of the court in 1946.")
    asked = [c for c in generated(nlp, text) if c.type in ("qa", "mcq") and "Hague" in c.question]
    assert all("The Hague" in c.question for c in asked), [c.question for c in asked]
