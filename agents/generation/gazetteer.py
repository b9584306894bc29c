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
_REGION_OF = {name: region for region, names in REGIONS.items() for name in names}
_ENCODED: dict[tuple[int, str], dict[str, np.ndarray]] = {}


def region(name: str) -> str | None:
    """The region of a country named exactly so ('Albania'), else None."""
    return _REGION_OF.get(name)


def neighbours(name: str) -> list[str]:
    """The other countries of ``name``'s region (empty for a name that is no listed country)."""
    found = region(name)
    return [n for n in REGIONS[found] if n != name] if found else []


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
