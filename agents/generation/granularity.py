"""What sort of date, number or place an answer is, finer than its NER label.

A multiple-choice option must be of the answer's own sort, or a student rules it out at sight
(blind review s10b: "between August and October 1944", a span of months, among single days;
"United States of America", a country, among towns; s10: "early 1945s" for "early 1930s").
Two sorts are told apart here:

- a date or number's ``shape``: a span of time or a point ("between 1235 and 1245", "1950–53"),
  a decade ("1930s"), and which of day, month and year it names ("9 November 1940" vs
  "February 1984" vs "1983");
- a place's ``place_sort``: a country (pycountry's countries, current and historic, and the
  gazetteer's), a state or province of a federal country (pycountry's subdivisions), a
  continent, or anything else (a town, a river, a region the lists do not know).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from agents.generation import gazetteer
from agents.generation.terms import MONTHS_EN

_MONTH = re.compile(rf"\b({MONTHS_EN}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?")
_DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.pattern}"
                  rf"|{_MONTH.pattern}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)")
_YEAR = re.compile(r"(?<![\d.,])\d{3,4}(?![\d,])(?!s\b)")
_DECADE = re.compile(r"\b\d{1,3}0s\b|\b\d0['’]s\b|'\d0s\b")
_RANGE = re.compile(r"\bbetween\b.+\band\b|\bfrom\b.+\b(?:to|until|till)\b|\d\s*[-–—]\s*\d"
                    r"|\d\w*\s+(?:to|and|or|until)\s+(?:\w+\s+)?\d", re.IGNORECASE)


class Shape(NamedTuple):
    span: bool  # a stretch of time or a range of values, not a point
    decade: bool
    day: bool
    month: bool
    year: bool


def shape(text: str) -> Shape:
    """The granularity of a date or number as the text says it."""
    return Shape(
        span=_RANGE.search(text) is not None,
        decade=_DECADE.search(text) is not None,
        day=_DAY.search(text) is not None,
        month=_MONTH.search(text) is not None,
        year=_YEAR.search(text) is not None,
    )


def same_shape(option: str, answer: str, dated: bool = True) -> bool:
    """The option says a time or amount at the answer's granularity. A count (``dated``
    False) is no year however many digits it has: '152' is an option for '76 ha'."""
    if dated:
        return shape(option) == shape(answer)
    return shape(option)._replace(year=False) == shape(answer)._replace(year=False)


# the big first-level units of federal countries, which texts name like countries ('Texas',
# 'Ontario', 'Bavaria'); other countries' subdivisions share names with their capitals
# ('Madrid', 'Paris'), so they stay with the towns
_FEDERAL = frozenset(["US", "CA", "AU", "IN", "BR", "MX", "DE", "AR", "AT", "CH", "NG", "MY",
                      "RU"])
_STATE_TYPES = frozenset(["State", "Province", "Land", "Territory", "Federal district",
                          "Canton", "Republic", "Federal territory", "Union territory",
                          "Capital territory"])
_CONTINENTS = frozenset(["africa", "antarctica", "asia", "australia", "europe", "north america",
                         "south america", "oceania", "eurasia", "the americas", "americas",
                         "latin america", "central america", "the middle east", "middle east",
                         "east asia", "southeast asia", "western europe", "eastern europe",
                         "central asia", "south asia", "the caribbean", "caribbean",
                         "scandinavia", "the balkans", "balkans", "sub-saharan africa"])
# common names texts give countries that pycountry lists under another ('Britain', 'USSR')
_COUNTRY_ALIASES = frozenset(["britain", "great britain", "the united states", "united states",
                              "the united states of america", "usa", "u.s.", "us", "america",
                              "the uk", "uk", "the soviet union", "soviet union", "ussr",
                              "russia", "prussia", "persia", "the netherlands", "holland",
                              "burma", "siam", "ceylon", "zaire", "czechoslovakia",
                              "yugoslavia", "east germany", "west germany", "south korea",
                              "north korea", "vietnam", "laos", "iran", "syria", "taiwan",
                              "the philippines", "england", "scotland", "wales",
                              "northern ireland", "ottoman empire", "the ottoman empire"])


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    import pycountry

    countries = set(_COUNTRY_ALIASES) | {n.lower() for r in gazetteer.REGIONS.values()
                                         for n in r}
    for c in [*pycountry.countries, *pycountry.historic_countries]:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                countries.add(value.lower())
                countries.add(value.split(",")[0].lower())  # 'Korea, Republic of' → 'korea'
    states = {s.name.lower() for s in pycountry.subdivisions
              if s.country_code in _FEDERAL and s.type in _STATE_TYPES}
    return frozenset(countries), frozenset(states - countries)


CONTINENT_NAMES = ("Africa", "Asia", "Europe", "North America", "South America", "Australia")
_REGIONS = ("the Middle East", "Central Asia", "East Asia", "Southeast Asia", "South Asia",
            "Eastern Europe", "Western Europe", "Scandinavia", "the Balkans", "the Caribbean",
            "Central America", "Latin America", "North Africa", "Sub-Saharan Africa")


@lru_cache(maxsize=1)
def _state_continents() -> dict[str, tuple[str, ...]]:
    """The continents of each federal state pycountry lists ('Quebec' → North America)."""
    import pycountry

    out: dict[str, tuple[str, ...]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code in _FEDERAL and sub.type in _STATE_TYPES and "," not in sub.name:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            region = gazetteer.region(country.name) if country else None
            if region:
                out[sub.name] = gazetteer.CONTINENTS[region]
    return out


def continents_named(texts: list[str]) -> set[str]:
    """The continents the page names or its countries and federal states lie on ('France',
    'Quebec' → Europe, North America; the texts may be lowercased); empty when it names
    none."""
    text = " ".join(texts).lower()
    found = {c for c in CONTINENT_NAMES if re.search(rf"\b{c.lower()}\b", text)}
    places = {n: gazetteer.CONTINENTS[r] for r, names in gazetteer.REGIONS.items()
              for n in names}
    for name, continents in [*places.items(), *_state_continents().items()]:
        if name.lower() in text and re.search(rf"\b{re.escape(name.lower())}\b", text):
            found.update(continents)
    return found


def siblings(text: str) -> list[str]:
    """Other places of ``text``'s own sort that a maintained list gives: the other continents
    for a continent, other world regions for a region ('Eastern Europe' → 'the Balkans'), the
    other states of a federal country for a state ('Ohio' → 'Indiana'); none for a town or a
    country (the gazetteer's neighbours serve countries)."""
    import pycountry

    name = re.sub(r"^the\s+", "", text.strip().lower())
    sort = place_sort(text)
    if sort == "continent":
        pool = CONTINENT_NAMES if any(name == m.lower() for m in CONTINENT_NAMES) else _REGIONS
        return [p for p in pool if re.sub(r"^the\s+", "", p.lower()) != name]
    if sort == "state":
        found = [s for s in pycountry.subdivisions if s.name.lower() == name
                 and s.country_code in _FEDERAL and s.type in _STATE_TYPES]
        if not found:
            return []
        code, kind = found[0].country_code, found[0].type
        return sorted(s.name for s in pycountry.subdivisions.get(country_code=code) or []
                      if s.type == kind and s.name.lower() != name and "," not in s.name)
    return []


def place_sort(text: str) -> str:
    """'country', 'state', 'continent' or 'other' (a town, a river, a region no list knows)."""
    name = re.sub(r"^the\s+", "", text.strip().lower())
    countries, states = _tables()
    if name in _CONTINENTS or "the " + name in _CONTINENTS:
        return "continent"
    if name in countries or "the " + name in countries:
        return "country"
    if name in states:
        return "state"
    return "other"
