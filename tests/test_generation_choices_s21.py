"""Session 21's numeric options a reader rules out at sight, for multiple choice and for the
false statements made with the same options (choices.pick), on invented text through the
engine (parsed.generate with the real pipeline and MiniLM); with them the absurd dates of
s21b (no year after the page's present unless the sentence speaks of the future, real days
only) and session 22's fill for a date at that present (earlier months, years, days)."""

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


DECADE = (
    "The Lantern Players staged their first comedy in 1994 at the Orchard Hall in Delmore. "
    "In 2009, the troupe's play The Glass Ferry was voted the best stage comedy of the 2000s "
    "by readers of the Delmore Gazette. "
    "The troupe toured Canada in 2012 and Portugal in 2015. "
    "Its founder, Mara Quist, retired in 2018."
)


def test_no_year_before_the_time_its_sentence_says_holds_it(
        nlp: Language, encoder: object) -> None:
    """s20b: 'In _____, Doctor Who was voted the 3rd greatest show of the 2000s' (2009) was
    offered 1999, and its false statement said 'In 1999, … of the 2000s': every reviewer
    called it impossible. A vote on the 2000s is held in them or after them."""
    cards = [c for c in _cards(nlp, encoder, DECADE) if "of the 2000s" in c.question]
    mcq = [c for c in cards if c.type == "mcq"]
    false = [c for c in cards if c.type == "tf" and c.answer == "False"]
    assert mcq and false, [(c.question, c.choices) for c in cards]
    for card in mcq:
        assert all(int(o) >= 2000 for o in card.choices), card.choices
    for card in false:
        years = [int(y) for y in re.findall(r"\b(1\d{3}|20\d{2})\b", card.question)
                 if y != "2000"]
        assert years and all(y >= 2000 for y in years), card.question


def test_around_reads_a_time_that_holds_the_answer() -> None:
    assert plausible.around("2009", "voted the best show of the 2000s") == (2000, None)
    assert plausible.around("1850", "In , in the middle of the 19th century") == (1801, None)
    # a time on one side of the answer bounds it as before; the answer's own decade does not
    assert plausible.around("1885", "after the fire of 1875, before 1902") == (1875, 1902)
    assert plausible.around("the 1950s", "in the 1950s") == (None, None)


FORMULA = (
    "Pure oxygen gas is written O 2 by chemists. "
    "Concentrated O 2 makes a candle burn faster and brighter. "
    "The lamp of Tom Hale burns enriched O 2 mixtures at 3,000 degrees. "
    "Hale built his first lamp in 1951, and he sold 12 lamps in 1953."
)


def test_no_card_changes_or_asks_a_formula_subscript(nlp: Language, encoder: object) -> None:
    """s20b: 'Concentrated O 2 will allow combustion …' became the false statement
    'Concentrated O 1 will …' and 'enriched O 2 mixtures' 'enriched O 1 mixtures' (every
    reviewer: a formula artefact), and 'Concentrated O _____' a blank for the subscript. A
    number set apart from its formula's symbols is part of the formula: no option, no false
    statement changes it; the page's other numbers still make cards."""
    cards = _cards(nlp, encoder, FORMULA)
    for card in cards:
        assert not re.search(r"\bO (?!2\b)\d", card.question), card.question
        assert card.answer != "2", (card.question, card.choices)
        assert not (card.type == "mcq" and "O _____" in card.question), card.question
    assert any(c.type == "tf" and c.answer == "False" and "degrees" in c.question
               for c in cards), [c.question for c in cards]
    assert any(c.type == "mcq" and "lamps" not in c.answer and c.answer.endswith("degrees")
               for c in cards), [c.question for c in cards]


@pytest.mark.parametrize(("sentence", "number", "expected"), [
    ("Concentrated O 2 makes a candle burn faster.", "2", True),
    ("Plants take in CO 2 from the air.", "2", True),
    ("Rust is mostly Fe 2 O 3 and water.", "2", True),
    ("In 12 cases the council refused the petition.", "12", False),
    ("At 5 the bell rang in the hall.", "5", False),
    ("The channel BBC 2 showed the final.", "2", False),
    ("The ship carried 12 guns and 40 men.", "12", False),
])
def test_subscript_is_a_number_beside_a_formula(
        nlp: Language, sentence: str, number: str, expected: bool) -> None:
    from agents.generation.choices import subscript
    from agents.generation.spans import Answer

    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == number)
    answer = Answer(tok.i, tok.i + 1, "number", "CARDINAL", "", tok.text)
    assert subscript(answer, doc[:]) is expected


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


BRIDGE = (
    "Work on the Marlow Bridge across the river Tane was begun by the engineer Oswin Carrick "
    "in 1861. The iron for its arches came from a foundry at Pellow. The bridge was opened to "
    "carriages on 14 June 1868 by the mayor of Tanford."
)


def test_a_full_date_at_the_pages_present_keeps_its_card(
        nlp: Language, encoder: object) -> None:
    """The page's latest year is 1868: '14 June 1878' and '14 June 1893' are barred, and the
    earlier years within the page's frame gave two options, so no card. The fill's earlier
    month ('14 May 1868') or year makes the third; none passes 1868 or names the answer."""
    mcq = [c for c in _cards(nlp, encoder, BRIDGE)
           if c.type == "mcq" and c.answer == "14 June 1868"]
    assert mcq
    for card in mcq:
        options = [o for o in card.choices or [] if o != card.answer]
        assert len(options) == 3, card.choices
        for option in options:
            assert all(int(y) <= 1868 for y in re.findall(r"\b1\d{3}\b", option)), option
            assert plausible.real_date(option), option


def test_earlier_dates_stay_in_the_answers_year_or_before_and_on_real_days() -> None:
    assert plausible.earlier_dates("14 June 1868")[:3] == [
        "14 May 1868", "14 June 1867", "7 June 1868"]
    assert plausible.earlier_dates("June 14, 1868")[:2] == ["May 14, 1868", "June 14, 1867"]
    assert plausible.earlier_dates("March 1924")[:2] == ["February 1924", "March 1923"]
    leap = plausible.earlier_dates("on 29 February 1996")
    assert "on 29 February 1992" in leap and all(plausible.real_date(o) for o in leap)
    assert not any("1995" in o or "1997" in o for o in leap)
    assert all(int(o[-4:]) <= 1868 for o in plausible.earlier_dates("31 January 1868"))
    assert plausible.earlier_dates("1868") == []  # a bare year keeps choices' year steps
    assert plausible.earlier_dates("between 3 May 1801 and 1802") == []


MILL = (
    "The Corran Mill was built by the Tarrant family in 1790. "
    "The ironmaster Jonas Bell cast its first iron wheel at the end of 1806 and patented the "
    "wheel in 1807."
)


def test_a_year_just_after_one_its_sentence_states_may_pass_the_pages_present(
        nlp: Language, encoder: object) -> None:
    """'cast ... at the end of 1806 and patented the wheel in 1807' on a page whose latest
    year is 1807: an option must come after 1806 (the sentence's order) and none came after
    1807 (the page's present), so the card had none. Squeezed, it takes later years as before
    s21 (reviewers kept '1810', '1815', '1820' for such an 1805, s9)."""
    mcq = [c for c in _cards(nlp, encoder, MILL) if c.type == "mcq" and c.answer == "1807"]
    assert mcq
    for card in mcq:
        options = [o for o in card.choices or [] if o != card.answer]
        assert len(options) == 3 and all(int(o) > 1806 for o in options), card.choices


def test_squeezed_reads_the_sentences_earlier_year() -> None:
    assert plausible.squeezed("1807", (1806, None))
    assert plausible.squeezed("in 2016", (2013, None))
    assert not plausible.squeezed("1807", (1790, None))
    assert not plausible.squeezed("1807", (None, 1810))
    assert not plausible.squeezed("1806 and 1807", (1805, None))
