"""Number options and false statements of session 30's reviews (s30, s30b), with the real
pipeline on invented text: one end of a money range keeps its side of the other end."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Span

from agents.generation import choices, plausible
from agents.generation.spans import Answer, answers
from agents.generation.text import usable_sentences


def _pick(nlp: Language, text: str, target: str, for_statement: bool = False) -> list[str]:
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    sent, answer = _find(sents, found, target)
    return choices.pick(answer, sent, pool, "intermediate", None,
                        count=1 if for_statement else 3, for_statement=for_statement)


def _find(sents: list[Span], found: list[list[Answer]], target: str) -> tuple[Span, Answer]:
    return next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                if a.text == target)


def _value(option: str) -> float:
    return float(re.findall(r"\d[\d,]*", option)[0].replace(",", ""))


FEES = ("Licensed harbour pilots in the province earn from £31,750 to £58,900 a year. "
        "The pilots' guild was founded in 1871 and has 412 members.")


def test_a_money_range_end_is_offered_options_on_its_side(nlp: Language) -> None:
    """'from £_____ to £78,642' was offered '80,580' (s30: 'above the upper bound'): a sign
    both ends carry does not hide the range's other end, for an option or a false statement."""
    options = _pick(nlp, FEES, "31,750")
    assert options and all(_value(o) < 58900 for o in options), options
    swap = _pick(nlp, FEES, "31,750", for_statement=True)
    assert swap and all(_value(o) < 58900 for o in swap), swap


def test_the_high_end_of_a_money_range_reads_its_low_end(nlp: Language) -> None:
    """The low end stated before the answer, after a sign ('between £31,750 and £_____')."""
    sent = nlp("Senior pilots earn between £31,750 and £58,900 a year.")[:]
    at = next(t.i for t in sent if t.text == "58,900")
    high = Answer(at, at + 1, "money", "MONEY", "", "58,900")
    assert plausible.partner(high, sent) == (31750.0, False)
    assert not plausible.beside("29,450", plausible.partner(high, sent))


def test_one_and_its_noun_are_offered_no_other_count(nlp: Language) -> None:
    """'Two square millimeter of leaf tissue' (s30b, every reviewer: ungrammatical): the noun
    'one' counts stays singular, so no other count fits before it."""
    text = ("One cubic metre of seawater holds about 35 kilograms of dissolved salt. "
            "The survey of the bay sampled 140 sites in 1996.")
    assert _pick(nlp, text, "One cubic metre") == []
    assert _pick(nlp, text, "One cubic metre", for_statement=True) == []


def test_a_count_of_a_bare_plural_is_no_statement(nlp: Language) -> None:
    """'621,200 of Kenyans are Orthodox Christians' (s30b: all four of its cards rejected as
    ungrammatical): a count 'of' a plural with no determiner is broken text; 'of the', a
    counted whole and an amount of a mass noun are English."""
    from agents.generation import grammar

    assert grammar.not_a_statement(nlp("412,300 of Peruvians are Seventh-day Adventists.")[:])
    for fine in ("3,100 of the islanders are Seventh-day Adventists.",
                 "Only 5 of 10 students passed the entrance test.",
                 "The old charter required £1 of capital to open a bank.",
                 "The bay is one of several harbours the navy used at the time."):
        assert not grammar.not_a_statement(nlp(fine)[:]), fine
