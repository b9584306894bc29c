"""Countries by region: the options a multiple-choice card about a country can fall back on.

A paragraph rarely names three other countries, so a question whose answer is "Albania" had no
multiple-choice card (DEV: 10 % of place answers had three same-kind options in their own
document). Its neighbours are plausible wrong options: another country of the same region
("Montenegro", "Serbia", "Greece"), never one from across the world ("Brazil" for a medieval
"Italy" is absurd). The regions are the usual geographic groupings (the UN geoscheme, merged
into nine); England, Scotland and Wales are listed as the countries history texts treat them
as. pycountry, which the project already uses, has names but no regions, hence this table.

Which of a region's countries come first is decided by the caller (MiniLM closeness to the
answer, ``choices.pick``); ``vectors`` encodes each region once per process and encoder.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

REGIONS: dict[str, tuple[str, ...]] = {
    "europe": (
        "Albania", "Austria", "Belarus", "Belgium", "Bosnia and Herzegovina", "Bulgaria",
        "Croatia", "Czech Republic", "Denmark", "England", "Estonia", "Finland", "France",
        "Germany", "Greece", "Hungary", "Iceland", "Ireland", "Italy", "Latvia", "Lithuania",
        "Luxembourg", "Malta", "Moldova", "Montenegro", "Netherlands", "North Macedonia",
        "Norway", "Poland", "Portugal", "Romania", "Russia", "Scotland", "Serbia", "Slovakia",
        "Slovenia", "Spain", "Sweden", "Switzerland", "Ukraine", "Wales",
    ),
    "middle east and north africa": (
        "Algeria", "Armenia", "Azerbaijan", "Bahrain", "Cyprus", "Egypt", "Iran", "Iraq",
        "Israel", "Jordan", "Kuwait", "Lebanon", "Libya", "Morocco", "Oman", "Qatar",
        "Saudi Arabia", "Syria", "Tunisia", "Turkey", "United Arab Emirates", "Yemen",
    ),
    "sub-saharan africa": (
        "Angola", "Botswana", "Cameroon", "Chad", "Ethiopia", "Ghana", "Kenya", "Madagascar",
        "Mali", "Mozambique", "Namibia", "Niger", "Nigeria", "Rwanda", "Senegal", "Somalia",
        "South Africa", "Sudan", "Tanzania", "Uganda", "Zambia", "Zimbabwe",
    ),
    "south and central asia": (
        "Afghanistan", "Bangladesh", "Bhutan", "India", "Kazakhstan", "Kyrgyzstan", "Nepal",
        "Pakistan", "Sri Lanka", "Tajikistan", "Turkmenistan", "Uzbekistan",
    ),
    "east asia": ("China", "Japan", "Mongolia", "North Korea", "South Korea", "Taiwan"),
    "southeast asia": (
        "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar", "Philippines", "Singapore",
        "Thailand", "Vietnam",
    ),
    "north and central america": (
        "Canada", "Costa Rica", "Cuba", "Dominican Republic", "El Salvador", "Guatemala",
        "Haiti", "Honduras", "Jamaica", "Mexico", "Nicaragua", "Panama", "United States",
    ),
    "south america": (
        "Argentina", "Bolivia", "Brazil", "Chile", "Colombia", "Ecuador", "Paraguay", "Peru",
        "Uruguay", "Venezuela",
    ),
    "oceania": ("Australia", "Fiji", "New Zealand", "Papua New Guinea"),
}  # fmt: skip
# the continents each region lies on (granularity's continents, for a continent answer's
# options: 'Australia' is no place a page about the Ohio valley and France could mean)
CONTINENTS: dict[str, tuple[str, ...]] = {
    "europe": ("Europe",), "middle east and north africa": ("Africa", "Asia"),
    "sub-saharan africa": ("Africa",), "south and central asia": ("Asia",),
    "east asia": ("Asia",), "southeast asia": ("Asia",),
    "north and central america": ("North America",), "south america": ("South America",),
    "oceania": ("Australia",),
}
# the year from which a listed name denotes a state, for the states of the last two and a half
# centuries whose name a page about earlier times cannot mean ('Taiwan', 'South Korea' offered
# for where the Yuan dynasty ruled, s15; 'Zimbabwe' for a 17th-century Cape colony, s12):
# independence, partition or renaming; a name that stood for the land long before ('Germany',
# 'Italy', 'Mongolia', 'Mali') is not listed, and is offered for any time
FOUNDED: dict[str, int] = {
    "Belarus": 1991, "Bosnia and Herzegovina": 1992, "Czech Republic": 1993, "Estonia": 1918,
    "Latvia": 1918, "Moldova": 1991, "North Macedonia": 2019, "Slovakia": 1993,
    "Slovenia": 1991, "Ukraine": 1917,
    "Israel": 1948, "Jordan": 1946, "Saudi Arabia": 1932, "United Arab Emirates": 1971,
    "Botswana": 1966, "Ghana": 1957, "Kenya": 1920, "Namibia": 1990, "Nigeria": 1914,
    "Somalia": 1960, "South Africa": 1910, "Tanzania": 1964, "Uganda": 1894, "Zambia": 1964,
    "Zimbabwe": 1980,
    "Bangladesh": 1971, "Kazakhstan": 1936, "Kyrgyzstan": 1936, "Pakistan": 1947,
    "Sri Lanka": 1972, "Tajikistan": 1929, "Turkmenistan": 1924, "Uzbekistan": 1924,
    "North Korea": 1948, "South Korea": 1948, "Taiwan": 1949,
    "Indonesia": 1945, "Malaysia": 1963, "Myanmar": 1989, "Thailand": 1939,
    "Dominican Republic": 1844, "Haiti": 1804, "Panama": 1903, "United States": 1776,
    "Bolivia": 1825, "Colombia": 1819, "Ecuador": 1830, "Uruguay": 1828,
    "Papua New Guinea": 1975,
    # the continent too: no page of 1748 means it (s18b: 'Australia' offered for where the
    # Treaty of Aix-la-Chapelle settled disputes; s15b for a colonial war): first settled 1788
    "Australia": 1788,
}  # fmt: skip
_REGION_OF = {name: region for region, names in REGIONS.items() for name in names}
_ENCODED: dict[tuple[int, str], dict[str, np.ndarray]] = {}


def region(name: str) -> str | None:
    """The region of a country named exactly so ('Albania'), else None."""
    return _REGION_OF.get(name)


def neighbours(name: str) -> list[str]:
    """The other countries of ``name``'s region (empty for a name that is no listed country)."""
    found = region(name)
    return [n for n in REGIONS[found] if n != name] if found else []


def existed(name: str, latest: int | None) -> bool:
    """Whether a page whose latest time is ``latest`` (``plausible.latest_time``) may be
    offered ``name``: a state founded after it did not exist in the page's time. A page that
    names no time may be of any time, so it is offered only names that stood for their land
    at any time ('Taiwan', 'South Korea' beside a Yuan dynasty's 'China', 'Australia' beside a
    colonial war's 'North America': s19b, whose paragraphs name no year); the page's own names
    are the caller's, and stay."""
    founded = FOUNDED.get(name)
    return founded is None or (latest is not None and founded <= latest)


def mentioned(texts: Iterable[str]) -> set[str]:
    """The regions of the countries the texts name."""
    text = " ".join(texts)
    return {r for r, names in REGIONS.items() if any(n in text for n in names)}


def vectors(regions: Iterable[str], encoder: Any) -> dict[str, np.ndarray]:
    """MiniLM vectors of every country of ``regions``; each region is encoded once per
    process and encoder (a region of 40 names costs ~100 ms on one core, once)."""
    out: dict[str, np.ndarray] = {}
    for r in sorted(regions):
        key = (id(encoder), r)
        if key not in _ENCODED:
            names = list(REGIONS[r])
            _ENCODED[key] = dict(zip(names, encoder.encode(names), strict=True))
        out.update(_ENCODED[key])
    return out
