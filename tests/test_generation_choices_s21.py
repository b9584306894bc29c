"""Session 21's numeric options a reader rules out at sight, for multiple choice and for the
false statements made with the same options (choices.pick), on invented text through the
engine (parsed.generate with the real pipeline and MiniLM)."""

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
