"""Session 21's absurd date and year options: no year after the page's own present (its latest
year) unless the sentence speaks of the future, and only days the calendar has, for multiple
choice and for the false statements made with the same options (choices.pick), on invented
text through the engine (parsed.generate with the real pipeline and MiniLM)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from spacy.language import Language

from agents.generation import plausible
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


@pytest.fixture(scope="module")
def encoder() -> Iterator[object]:
    from agents.encoder import shared_encoder

    yield shared_encoder()


def _cards(nlp: Language, encoder: object, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c for c in generate(doc, nlp, "intermediate", encoder, None)
            if c.type in ("mcq", "tf")]


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\b(1\d{3}|20\d{2})\b", text)]


MERGER = (
    "The Harrow Valley Cooperative was founded by forty orchard growers in 1994. "
    "On 29 February 2008, the cooperative merged with the Lindell Cider Company after two "
    "years of talks. "
    "The merged firm opened a bottling plant near Corran in 2009. "
    "By 2010 it sold its cider in eleven countries."
)


def test_no_date_after_the_pages_present_nor_a_day_the_calendar_lacks(
        nlp: Language, encoder: object) -> None:
    """s21: a 2008 merger on a page whose latest year is 2010 was offered '29 February 2023'
    (after the page's present, and no such day) and '29 February 1998' (no such day). Every
    option stays at or before 2010 and is a real day; the card is still served."""
    cards = [c for c in _cards(nlp, encoder, MERGER) if "Lindell" in c.question]
    mcq = [c for c in cards if c.type == "mcq"]
    false = [c for c in cards if c.type == "tf" and c.answer == "False"]
    assert mcq, [(c.type, c.question, c.choices) for c in cards]
    for card in mcq:
        for option in card.choices or []:
            assert all(y <= 2010 for y in _years(option)), card.choices
            assert plausible.real_date(option), card.choices
    for card in false:
        assert all(y <= 2010 for y in _years(card.question)), card.question
        assert plausible.real_date(card.question), card.question


def test_real_date_reads_days_of_the_month() -> None:
    assert plausible.real_date("29 February 2008")
    assert not plausible.real_date("29 February 2023")
    assert not plausible.real_date("February 29, 1998")
    assert plausible.real_date("29 February 2000")
    assert not plausible.real_date("29 February 1900")
    assert not plausible.real_date("31 April")
    assert plausible.real_date("April 30, 1871")
    assert plausible.real_date("in May 1871")


def test_a_future_sentence_may_pass_the_pages_present() -> None:
    """A projection ('will', 'by 2030', 'expected') may be offered a year after the page's
    latest; any other sentence none."""
    assert not plausible.ahead("The cooperative merged with the cider company in 2008.")
    assert plausible.ahead("The plant is expected to double its output by 2030.")
    assert plausible.ahead("The firm will open a second plant in 2012.")
    assert plausible.in_era("2014", 2010, today=2026, future=True)
    assert not plausible.in_era("2014", 2010, today=2026)
    assert plausible.in_era("2010", 2010, today=2026)
