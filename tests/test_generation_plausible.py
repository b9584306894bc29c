"""Number and date options stay in the range of the answer's own quantity (plausible.py), with
the real pipeline: ages stay ages, ranges stay ranges, a past time gets no future option, the
page's other numbers are offered only at the answer's magnitude and in its form."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Span

from agents.generation import choices, plausible
from agents.generation.spans import Answer, answers
from agents.generation.text import usable_sentences


def _options(nlp: Language, text: str, target: str, difficulty: str = "intermediate",
             for_statement: bool = False) -> list[str]:
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    sent, answer = _find(sents, found, target)
    return choices.pick(answer, sent, pool, difficulty, None, count=1 if for_statement else 3,
                        for_statement=for_statement)


def _find(sents: list[Span], found: list[list[Answer]], target: str) -> tuple[Span, Answer]:
    return next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                if a.text == target)


def _numbers(option: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", option)]


AGES = ("Under the old charter, pilots had to stop flying at age 60 and engineers at 67. "
        "Rules (1) and (2) of the charter were repealed in 1998, and (3) in 2004.")


@pytest.mark.parametrize("difficulty", ["beginner", "intermediate", "advanced"])
def test_an_age_is_offered_ages_near_it(nlp: Language, difficulty: str) -> None:
    """A retirement age was offered '98', '3' and '2' (s13b review: absurd): a multiple of an
    age and the page's list numbers are no ages."""
    options = _options(nlp, AGES, "67", difficulty)
    assert len(options) == 3, options
    assert all(40 <= n <= 100 for o in options for n in _numbers(o)), options
    swap = _options(nlp, AGES, "67", difficulty, for_statement=True)
    assert swap and all(40 <= n <= 100 for n in _numbers(swap[0])), swap


def test_an_age_after_its_preposition_is_offered_ages_near_it(nlp: Language) -> None:
    """'children under age 12' was offered 'under age 24' (s15b: absurd, no child): an age
    the answer opens with a preposition ('under age 10', 'over age 14') is an age too."""
    text = ("The regional court reviewed bans on selling sweets to children under age 10, "
            "and misleading labels for fruit juice.")
    options = _options(nlp, text, "under age 10")
    assert len(options) == 3, options
    assert all(o.startswith("under age ") and 5 <= _numbers(o)[0] <= 15 for o in options), \
        options


def test_an_age_range_moves_as_a_whole_and_stays_in_order(nlp: Language) -> None:
    """'age 36 to 28' was offered for 'age 18 to 28' (s13b): only the first end had moved."""
    text = "Children from age 6 to 12 attend the primary school of the district."
    options = _options(nlp, text, "age 6 to 12")
    assert len(options) == 3, options
    for option in options:
        lo, hi = _numbers(option)
        assert lo < hi and hi - lo == 6 and lo >= 3, options


def test_a_range_of_shares_stays_a_range_within_100(nlp: Language) -> None:
    text = "During the crisis, unemployment in the region rose to 85-95% among young workers."
    sents = [d[:] for d in nlp.pipe([text])]
    found = [answers(s) for s in sents]
    answer = next(a for a in found[0] if "85" in a.text)
    options = choices._numbers(answer, "intermediate")
    assert options, options
    for option in options:
        lo, hi = _numbers(option)
        assert lo < hi <= 100 and hi - lo == 10, options


@pytest.mark.parametrize("answer", ["19th and 20th centuries", "late 19th century"])
def test_a_past_century_gets_no_future_option(nlp: Language, answer: str) -> None:
    """'21st and 22nd centuries' and 'late 21st century' were offered for past events (s13,
    s13b: 'impossible', 'effectively a two-way choice')."""
    text = f"European powers expanded their colonial rule across Africa in the {answer}."
    options = _options(nlp, text, answer)
    assert len(options) == 3, options
    assert all(plausible.in_era(o, None, today=2026) for o in options), options
    assert all(n <= 21 for o in options for n in _numbers(o)), options


def test_a_century_or_year_after_today_is_out_of_era() -> None:
    assert plausible.in_era("the 21st century", None, today=2026)
    assert not plausible.in_era("late 21st century", None, today=2026)
    assert not plausible.in_era("21st and 22nd centuries", None, today=2026)
    assert plausible.in_era("5th century BC", None, today=2026)
    assert plausible.in_era("14th century", 1281, today=2026)  # a page's own dates are no bound
    assert not plausible.in_era("2027", 2012, today=2026)


def test_a_number_from_elsewhere_on_the_page_keeps_the_answers_magnitude_and_form(
        nlp: Language) -> None:
    """'55,000' electors and 'one' were offered for '73' members (s6 page, current engine)."""
    text = ("In the assembly, 73 are elected in local districts, and 120 sit in total. "
            "Each district has about 55,000 voters. Voters choose one member per district.")
    options = _options(nlp, text, "73")
    assert len(options) == 3, options
    assert all(o.isdigit() and 18 <= int(o) <= 292 for o in options), options


def test_a_count_past_100_is_no_year(nlp: Language) -> None:
    """'152' for '76 ha' was refused as a year among counts, leaving the card two options."""
    text = "The city's largest park covers an area of 76 ha, with 43 benches along its paths."
    options = _options(nlp, text, "76")
    assert len(options) == 3, options
    assert any(int(o) > 100 for o in options), options


def test_a_part_is_offered_no_count_above_its_whole(nlp: Language) -> None:
    """'110' and '146' were offered for '73' of 129 members (s6 reviewer: 'distractor >129')."""
    text = ("Of the 40 rooms of the palace, 30 were painted in 1990. "
            "The palace has 6 towers and 24 gates.")
    options = _options(nlp, text, "30")  # 60 and 45 rooms of 40: fewer options, or no card
    assert all(int(o) < 40 for o in options), options
    options = _options(nlp, text.replace("30", "12"), "12")
    assert len(options) == 3 and all(int(o) < 40 for o in options), options


def test_a_year_after_a_possessive_is_a_year(nlp: Language) -> None:
    """'Columbus's 1492 voyage' was read as a count of voyages and offered '2984', '2238' and
    '746' (s14 review: 'impossible dates'); its false statement said '746 voyage'."""
    text = ("Magellan's 1519 expedition was the first to cross the Pacific from the east. "
            "Its last ship returned to Seville in 1522.")
    options = _options(nlp, text, "1519")
    assert len(options) == 3, options
    assert all(1400 <= n <= 1537 for o in options for n in _numbers(o)), options
    swap = _options(nlp, text, "1519", for_statement=True)
    assert swap and all(1400 <= n <= 1537 for n in _numbers(swap[0])), swap


def test_one_end_of_a_stated_range_keeps_its_side(nlp: Language) -> None:
    """'Articles 90 to 66' was offered for 'Articles _____ to 66' (s14b: 'range out of
    order'): an option for one end of a range stays on its side of the other end."""
    text = ("Articles 52 to 70 require free movement of goods across the union. "
            "The treaty has 300 articles and 9 annexes.")
    options = _options(nlp, text, "52")
    assert all(int(o) < 70 for o in options), options
    sent = nlp("Articles 52 to 70 require free movement of goods across the union.")[:]
    low = next(a for a in answers(sent) if a.text == "52")
    assert plausible.partner(low, sent) == (70.0, True)
    assert plausible.beside("45", (70.0, True)) and not plausible.beside("104", (70.0, True))
    assert plausible.beside("60", (40.0, False)) and not plausible.beside("26", (40.0, False))


@pytest.mark.parametrize("year", ["1753", "1953"])
def test_a_past_page_is_offered_no_federal_state_it_does_not_name(nlp: Language,
                                                                  year: str) -> None:
    """'Arizona' and 'Alabama' were offered for a 1753 colonial governor of Virginia (s14b);
    a page of modern times still gets the other states."""
    text = (f"In {year}, the governor of Virginia sent a young officer to the Ohio Country. "
            "The officer carried a letter to the French commander.")
    options = _options(nlp, text, "Virginia")
    if year == "1753":
        assert all(o in text for o in options), options
    else:
        assert len(options) == 3 and any(o not in text for o in options), options


def test_a_year_keeps_between_the_years_its_sentence_states(nlp: Language) -> None:
    """An option before a year the answer's sentence puts before it, or after one it puts
    after it, is impossible against the sentence itself (s13: 'December 1998' for a loss
    announced after July 2008; s14: a war declared years after it ended)."""
    text = ("After the harbour fire of 1885, the city council opened the new market hall in "
            "1890, long before the great bridge of 1902. Trade grew for decades.")
    options = _options(nlp, text, "1890")
    assert len(options) == 3 and all(1885 < n < 1902 for o in options for n in _numbers(o)), \
        options
    sent = nlp(text.split(". ")[0])[:]
    answer = next(a for a in answers(sent) if a.text == "1890")
    assert plausible.stated_years(answer, sent) == (1885, 1902)
    assert plausible.amid("1895", (1885, 1902)) and not plausible.amid("1880", (1885, 1902))
    assert not plausible.amid("1905", (1885, 1902)) and plausible.amid("1905", (None, None))


def test_a_year_keeps_a_person_of_a_stated_age_grown(nlp: Language) -> None:
    """'the 21-year-old Major' ordered in 1753 was offered 1733, before his birth (s14b):
    an option keeps a person the sentence gives an adult's age an adult."""
    text = ("In 1910, the governor sent the 24-year-old engineer Anna Berg to survey the "
            "northern railway. The railway opened to traffic some years later.")
    options = _options(nlp, text, "1910")
    assert len(options) == 3 and all(n >= 1902 for o in options for n in _numbers(o)), options
    sent = nlp(text.split(". ")[0])[:]
    answer = next(a for a in answers(sent) if a.text == "1910")
    assert plausible.stated_years(answer, sent) == (1902, None)


def test_a_month_and_year_before_a_plural_noun_is_a_date(nlp: Language) -> None:
    """'In October 1972 connections to the mainframe completed the triad' was read as a count
    of connections, since a plural noun follows: the options were 'October 2958', 'October
    986' and 'October 3944' (s15b review, all three reviewers: absurd distractors)."""
    text = ("In March 1988 shipments of grain reached the new northern port. "
            "The port had been opened by the regional council in 1975.")
    options = _options(nlp, text, "March 1988")
    assert options, options
    assert all(1900 <= n <= 2026 for o in options for n in _numbers(o)), options


def test_a_page_on_one_continent_is_offered_no_other_continent(nlp: Language) -> None:
    """'Australia' and 'Africa' for where a colonial war's commander took command (s15b: all
    reviewers absurd): a page whose places ('Quebec', 'Ohio', 'North America') all lie on
    one continent offers no other; one that names places on two is left to the list."""
    text = ("In 1754 the governor of Quebec sent soldiers to the Ohio valley. "
            "Officers from the old world joined them at the fort in 1755. "
            "In 1756 Colonel Harwick took command of all the colonial troops in North "
            "America.")
    options = _options(nlp, text, "North America")
    assert not {"Africa", "Australia", "Asia", "Europe", "South America"} & set(options), \
        options
    wider = _options(nlp, text.replace("the old world", "France"), "North America")
    assert len(wider) == 3, wider


def _centuries(option: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d{1,2})(?:st|nd|rd|th)", option)]


def test_a_past_century_is_offered_no_century_not_yet_over(nlp: Language) -> None:
    """'most of the 21st century' beside the 19th and 20th for a past use (s17b): a century
    (or decade) not yet over is impossible at sight for one that is."""
    text = ("Horse-drawn trams carried most commuters in the river towns throughout much of "
            "the 20th century. Electric lines replaced them slowly.")
    options = _options(nlp, text, "20th century")
    assert options and all(n <= 20 for o in options for n in _centuries(o)), options
    assert not plausible.finished("the 21st century", "the 20th century", today=2026)
    assert plausible.finished("the early 2020s", "the 1950s", today=2026)  # mostly past
    assert plausible.finished("the 19th century", "the 20th century", today=2026)
    assert plausible.finished("the 2030s", "the 2020s", today=2026)  # the answer not over


def test_a_time_keeps_its_side_of_a_decade_its_sentence_states(nlp: Language) -> None:
    """Buildings from the _____ 'eradicated in the 1950s' were offered '21st century' (s17):
    a century or decade the sentence orders against another time stays on its side."""
    text = ("Several stone chapels from the 15th century were pulled down in the 1580s by "
            "the new owners. Only their crypts remain.")
    options = _options(nlp, text, "15th century")
    assert options and all(n <= 16 for o in options for n in _centuries(o)), options
    assert plausible.around("the 15th century", "chapels from were pulled down in the 1580s") \
        == (None, 1580)
    assert plausible.around("the 1920s", "after the war of 1914–1918, in the") == (1918, None)
    assert not plausible.amid("the 17th century", (None, 1580))
    assert plausible.amid("the 16th century", (None, 1580))


def test_a_year_stays_in_the_pages_time_frame(nlp: Language) -> None:
    """'2000' and '1965' for a protocol of 1985 on a page of the 1980s (s17): a year option
    stays within the page's time frame, widened by its own spread (``FRAME_PAD`` at least)."""
    text = ("The harbour ferry line was opened by the Nordby company in 1985 for island "
            "commuters. It remained the main crossing through the 1980s.")
    for difficulty in ("beginner", "intermediate", "advanced"):
        options = _options(nlp, text, "1985", difficulty)  # a page of 1980-1989, padded
        assert all(1960 <= n <= 2009 for o in options for n in _numbers(o)), (difficulty,
                                                                              options)
    lo, hi = 1980 - plausible.FRAME_PAD, 1989 + plausible.FRAME_PAD
    assert plausible.frame("1985", [(1980, 1989)]) == (lo, hi)
    assert not plausible.framed("2135", (lo, hi))  # no year to ``YEAR``, a year here
    assert plausible.frame("1879", [(1870, 1879), (1960, 1960)]) == (1780, 2050)


def test_a_birth_year_stays_within_a_generation(nlp: Language) -> None:
    """A birth year of 1879 offered '1960', a year the page names (s17): a birth year's
    options stay within ``GENERATION`` years of it."""
    text = ("Born in 1850, the painter Ida Lund grew up in a small fishing village. Her last "
            "exhibition opened in 1935 in the capital.")
    options = _options(nlp, text, "1850")
    assert options and all(abs(n - 1850) <= 25 for o in options  # a generation
                           for n in _numbers(o)), options
    sent = nlp(text.split(". ")[0])[:]
    answer = next(a for a in answers(sent) if a.text == "1850")
    assert plausible.born(answer, sent)
    assert plausible.frame("1850", [(1935, 1935)], birth=True) == (1825, 1875)


def test_a_part_stays_below_the_total_its_sentence_states(nlp: Language) -> None:
    """A tuition of '$76,000' and '$114,000' where the total cost is $57,000 (s17b): a part
    is offered nothing above the total its sentence gives."""
    text = ("At the mountain college, the yearly housing fee was $24,000, with a total cost "
            "of attendance of $31,000. Most students received some grant.")
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    target = next(a.text for a in found[0] if "24,000" in a.text)
    options = _options(nlp, text, target)
    assert options and all(float(re.sub(r"[^\d]", "", o)) < 31000 for o in options), options
    sent, answer = _find(sents, found, target)
    assert plausible.whole(answer, sent) == 31000


FEES = ("At the mountain college, the yearly housing fee was $24,000, with a total cost of "
        "attendance of $31,000. Most students received some grant.")


def _dollars(option: str) -> float:
    return float(re.sub(r"[^\d]", "", option))


def test_a_part_below_its_total_still_gets_three_options(nlp: Language) -> None:
    """The multiples of a part pass its total ('$24,000' of a '$31,000' total: only '$12,000'
    stayed below it, and no card was made): smaller steps that stay inside stand in."""
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(FEES)])]
    target = next(a.text for a in answers(sents[0]) if "24,000" in a.text)
    options = _options(nlp, FEES, target)
    assert len(options) == 3, options
    assert all(_dollars(o) < 31000 for o in options), options


def test_a_total_stays_above_the_part_its_sentence_states(nlp: Language) -> None:
    """A total cost offered under the fee its sentence says it includes is absurd at sight
    (the mirror of a tuition above its total, s17b): a total's options stay above its
    sentence's parts."""
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(FEES)])]
    found = [answers(s) for s in sents]
    target = next(a.text for a in found[0] if "31,000" in a.text)
    options = _options(nlp, FEES, target)
    assert len(options) == 3, options
    assert all(_dollars(o) > 24000 for o in options), options
    sent, answer = _find(sents, found, target)
    assert plausible.parts(answer, sent) == 24000
    assert plausible.within("$20,000", None, 24000) is False


def test_a_count_written_with_thousands_separators_gets_options(nlp: Language) -> None:
    """'400,000 volumes' was read as two years ('400' and '000') and moved as a range of
    them, which left no option at all: a grouped number is one count."""
    text = ("The abbey library at Kremsfeld holds 400,000 volumes. Its reading room opened "
            "to the public after the war.")
    options = _options(nlp, text, "400,000")
    assert len(options) == 3, options
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})+", o) for o in options), options
    assert all(100_000 <= _dollars(o) <= 1_600_000 for o in options), options


def test_a_year_before_a_singular_unit_is_a_time(nlp: Language) -> None:
    """'the 1998 school year' was typed a duration and its number multiplied: '999 school
    year', '3996 school year' (an absurd option, and an absurd false statement). A year
    before a singular 'year' names a time; its options are other years."""
    text = ("For the 1998 school year, the district hired forty new teachers. The board "
            "approved the plan in March.")
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    answer = next(a for a in answers(sents[0]) if "1998" in a.text)
    assert answer.kind != "duration", answer
    options = _options(nlp, text, answer.text)
    assert options and all(1900 <= _numbers(o)[0] <= 2030 for o in options), options
    swap = _options(nlp, text, answer.text, for_statement=True)
    assert swap and 1900 <= _numbers(swap[0])[0] <= 2030, swap


def test_not_until_states_an_exact_year(nlp: Language) -> None:
    """'It was not until 1531 that …' names the first time, not a bound ('by 1066', where a
    later year is true as well): it was given no option, so no card."""
    text = ("The guild kept its charter secret for decades. It was not until 1531 that the "
            "guild of Arvel published its charter. The charter was printed again in 1560.")
    options = _options(nlp, text, "1531")
    assert len(options) == 3, options
    assert all(1480 <= _numbers(o)[0] <= 1600 for o in options), options


def test_a_rise_of_more_than_a_hundred_percent_gets_options(nlp: Language) -> None:
    """A rise 'by 300 percent' is no share: held under 100 % it had no option at all."""
    text = ("The wholesale price of grain rose by 300 percent in the dry years. "
            "Merchants in the port cities stored the harvest.")
    options = _options(nlp, text, "300 percent")
    assert len(options) == 3, options
    assert all(o.endswith(" percent") and _numbers(o)[0] > 100 for o in options), options


def test_a_range_with_thousands_separators_keeps_them_in_its_options() -> None:
    """s18c: '75,000 to 100,000' was offered '50000 to 75000' and '100000 to 125000': only
    the answer had commas, and reviewers read the answer off the format."""
    from agents.generation import plausible

    options = plausible.ranges("75,000 to 100,000", "intermediate")
    assert options and all(re.fullmatch(r"\d{1,3}(,\d{3})* to \d{1,3}(,\d{3})*", o)
                           for o in options), options
    assert "50,000 to 75,000" in options
    assert plausible.ranges("10-20%", "intermediate") == ["20-30%", "30-40%", "40-50%"]
