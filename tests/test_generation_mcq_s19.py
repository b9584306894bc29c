"""Session 18's multiple-choice rejects, by class, through the engine (parsed.generate with
the real pipeline and MiniLM) on invented text: options cut at a bracket, clock times moved
off the clock, a model number offered other numbers, a continent the page's time did not know."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation.distractors import balanced
from tests.engine import generated

ARTICLES = (
    "Article 81(1) of the treaty bans cartels between firms. Article 81(2) makes such "
    "agreements void. Article 81(3) exempts agreements that improve production. Article 82 "
    "prohibits the abuse of a dominant position by a single firm. The commission enforces "
    "Article 82 against large firms. The treaty was signed in Rome in 1957 by six states."
)


def test_no_option_is_cut_at_a_bracket_or_told_by_one(nlp: Language, encoder: object) -> None:
    """s18c: 'Article 102' among 'Article 101(1', 'Article 101(2', 'Article 101(3': the
    tagger's spans stop before the closing bracket. An option closes its bracket or is none,
    and a bracket in every option but the answer tells the answer by its form."""
    cards = generated(nlp, ARTICLES, encoder, "mcq")
    assert cards  # the page still has a multiple-choice card ('1957')
    options = [o for c in cards for o in c.choices]
    assert all(balanced(o) for o in options), options
    assert all(len({"(" in o for o in c.choices}) == 1 for c in cards), \
        [(c.answer, c.choices) for c in cards]


def test_balanced() -> None:
    assert balanced("Article 101(3)") and balanced("the [first] (and only) one")
    assert not balanced("Article 101(3") and not balanced("x) (y") and not balanced('"word')


_CLOCK = re.compile(r"(\d{1,2})(?::(\d\d))? ([ap])\.m\.")


def _minutes(option: str) -> list[int]:
    out = []
    for hour, minute, half in _CLOCK.findall(option):
        assert 1 <= int(hour) <= 12, option
        out.append((int(hour) % 12 + (12 if half == "p" else 0)) * 60 + int(minute or 0))
    return out


def test_clock_times_move_together_and_stay_on_the_clock(nlp: Language,
                                                         encoder: object) -> None:
    """s18: 'between 11:40 a.m. and 12 p.m.' was offered 'between 22:40 a.m. and 12 p.m.';
    main moved the first time alone ('between 4:30 p.m. and 3 p.m.'): a range of times moves
    as a whole, its width kept, every hour one the clock has."""
    text = ("Questions to ministers take place on a Wednesday between 2:30 p.m. and 3 p.m. in "
            "the chamber. The debate on the budget begins at 9:15 a.m. on Tuesdays.")
    cards = [c for c in generated(nlp, text, encoder, "mcq") if "p.m." in c.answer]
    assert cards
    for card in cards:
        for option in card.choices:
            start, end = _minutes(option)
            assert end - start == 30, card.choices


def test_a_model_number_is_no_amount(nlp: Language, encoder: object) -> None:
    """s17/s18: 'the Ford Galaxie _____' (500) offered 250 and 750: the number names a model
    (a serial, a stage), and other numbers are no plausible options. A count on the same page
    still is."""
    text = ("The company's best-selling cars in 1970 were the Dodge Dart and the Plymouth "
            "Fury 300. Sales of the Fury fell sharply after 1974. The plant in Detroit "
            "employed 4,500 workers in 1972.")
    cards = generated(nlp, text, encoder, "mcq")
    assert not [c.choices for c in cards if c.answer == "300"]
    assert any(c.answer == "4,500" for c in cards), [(c.answer, c.choices) for c in cards]


def test_a_page_of_1713_is_offered_no_australia(nlp: Language, encoder: object) -> None:
    """s18b: 'The Treaty of Aix was primarily focused on resolving issues in _____' (Europe)
    offered 'Australia' (s15b too): a continent the page's time did not know is absurd."""
    text = ("The Peace of Utrecht was mainly concerned with disputes in Europe. Fighting also "
            "spread to North America and to India in Asia. The war was ended in 1713 after "
            "long talks.")
    cards = generated(nlp, text, encoder, "mcq")
    assert any(c.answer == "Europe" for c in cards), [(c.answer, c.choices) for c in cards]
    assert not [c.choices for c in cards if "Australia" in c.choices]


def test_a_year_stays_on_its_side_of_a_war_the_sentence_names(nlp: Language,
                                                              encoder: object) -> None:
    """s18c: 'its origins following the second World War' (1951) was offered 1941: an event
    the sentence dates by name bounds the options as a year it states would (plausible.around)."""
    text = ("Following the Second World War, the league of coal producers was founded in 1951 "
            "by six states. A customs union followed in 1957 after long talks in Rome.")
    cards = [c for c in generated(nlp, text, encoder, "mcq") if c.answer == "1951"]
    assert cards
    assert all(int(o) > 1945 for c in cards for o in c.choices), [c.choices for c in cards]


def test_a_year_after_a_name_still_dates_it(nlp: Language, encoder: object) -> None:
    """'the Scotland Act _____' (1998): reviewers kept such cards; a year is no model number."""
    text = ("The parliament was set up under the Scotland Act 1998 after a referendum. "
            "Elections to it are held every four years.")
    cards = generated(nlp, text, encoder, "mcq")
    assert any(c.answer == "1998" for c in cards), [(c.answer, c.choices) for c in cards]
