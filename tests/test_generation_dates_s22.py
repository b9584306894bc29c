"""Session 22: a full date or year at the page's present keeps its card when the options after
that present are barred (s21): the fill takes earlier months, earlier years and other days of
its month, real days only, never the answer again, on invented text through the engine
(parsed.generate with the real pipeline and MiniLM)."""

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
    """'cast ... at the end of 1806 and patented the wheel in 1807' on a page whose latest year is 1807: an option
    must come after 1806 (the sentence's order) and none came after 1807 (the page's present),
    so the card had none. Squeezed, it takes later years as before s21 (reviewers kept
    '1810', '1815', '1820' for such an 1805, s9)."""
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
