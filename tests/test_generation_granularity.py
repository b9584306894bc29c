"""Options of the answer's own sort (granularity.py, choices.pick), with the real pipeline:
a span of time never among points, a decade moves by decades, a country never among towns."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from agents.generation import choices
from agents.generation.granularity import place_sort, shape
from agents.generation.spans import Answer, answers
from agents.generation.text import usable_sentences

WARSAW = (
    "On 9 November 1940, the city was awarded the Virtuti Militari for heroism. "
    "The city was occupied between August and October 1944 by fighting. "
    "The uprising began on 1 August 1944. "
    "The old town was rebuilt on 22 July 1949. "
    "The castle was restored by 19 July 1984."
)
HUGUENOTS = (
    "The Huguenot Street Historic District in New Paltz has been designated a landmark. "
    "Huguenots also settled in New Rochelle and in Staten Island. "
    "Many of them later moved to the United States of America and to Canada. "
    "Some families went on to Albany."
)
RADIO = (
    "Karl Jansky was experimenting with antennas in the early 1930s. "
    "Grote Reber built a dish in 1937. "
    "Radio astronomy grew quickly in the 1950s."
)


def _parsed(nlp: Language, text: str) -> tuple[list[Span], list[list[Answer]]]:
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    return sents, [answers(s) for s in sents]


def _options(nlp: Language, text: str) -> dict[str, list[str]]:
    sents, found = _parsed(nlp, text)
    pool = choices.Pool.build(sents, found)
    return {a.text: choices.pick(a, s, pool, "intermediate", None)
            for s, ans in zip(sents, found, strict=True) for a in ans}


def test_a_span_of_time_is_never_offered_among_single_days(nlp: Language) -> None:
    """s10b: 'between August and October 1944' was an option for '9 November 1940'."""
    picked = _options(nlp, WARSAW)
    days = [a for a in picked if shape(a).day and not shape(a).span]
    assert days, picked
    assert any(picked[a] for a in days), picked  # ('by 19 July 1984' is a bound: none)
    for answer in days:
        for option in picked[answer]:
            assert shape(option) == shape(answer), (answer, option)
    spans = [a for a in picked if shape(a).span]
    for answer in spans:
        assert all(shape(o).span for o in picked[answer]), picked[answer]


def test_a_decade_is_offered_other_decades(nlp: Language) -> None:
    """s10: 'early 1945s' was offered for 'early 1930s'."""
    picked = _options(nlp, RADIO)
    decade = next(a for a in picked if "1930s" in a)
    assert len(picked[decade]) == 3
    for option in picked[decade]:
        assert shape(option).decade and option.endswith("0s"), option


def test_a_country_is_never_offered_among_towns(nlp: Language) -> None:
    """s10b: 'United States of America' among 'New Paltz', 'New Rochelle', 'New York'."""
    picked = _options(nlp, HUGUENOTS)
    towns = [a for a in picked if a in ("New Paltz", "New Rochelle", "Albany")]
    assert towns, picked
    for town in towns:
        assert all(place_sort(o) == "other" for o in picked[town]), picked[town]
        assert "United States of America" not in picked[town]
        assert "Canada" not in picked[town]


def test_place_sorts_come_from_maintained_lists() -> None:
    assert place_sort("Poland") == place_sort("the United States") == "country"
    assert place_sort("Texas") == "state"
    assert place_sort("Europe") == "continent"
    assert place_sort("New Paltz") == "other"


def test_a_continent_or_a_state_is_offered_others_of_its_sort(nlp: Language) -> None:
    """A page rarely names three other continents or states: the list's others stand in
    (seen passages: 17 continent, region and state answers, none with three options)."""
    picked = _options(nlp, "The plague reached Europe in 1347 by ship from the Crimea. "
                           "Ohio joined the Union in 1803 as the seventeenth state.")
    europe = next(a for a in picked if a == "Europe")
    assert len(picked[europe]) == 3 and all(place_sort(o) == "continent"
                                            for o in picked[europe]), picked[europe]
    ohio = next(a for a in picked if a == "Ohio")
    assert len(picked[ohio]) == 3 and all(place_sort(o) == "state" for o in picked[ohio]), \
        picked[ohio]
