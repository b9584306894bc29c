"""Session 32's distractors a student rejects at sight, on invented text with the real pipeline
(and MiniLM where the page's own years are ranked): a year of the page's other era ('1977' for
a 1542 voyage) and a number inside a serial ('24 year 13')."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import plausible
from tests.engine import generated, options

_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")

ERAS = ("The first merchant to sail the length of the Velmar Strait was Tomas Brenn in 1583. "
        "Since the 1960s, many carved stones have been found on the northern shore. "
        "Hilde Varga is credited with first describing the carved stones in 1968 and Piet Orlo "
        "with mapping them after flying over the coast.")


def _options(nlp: Language, encoder: object, text: str, answer: str) -> list[str]:
    card = next(c for c in generated(nlp, text, encoder, kind="mcq") if c.answer == answer)
    return [o for o in card.choices or [] if o != answer]


def test_a_year_is_offered_no_year_of_the_pages_other_era(nlp: Language, encoder: object
                                                          ) -> None:
    """A 16th-century voyage was offered the 1970s find's 1977, and the find 1542 (s32)."""
    early = _options(nlp, encoder, ERAS, "1583")
    late = _options(nlp, encoder, ERAS, "1968")
    assert early and all(int(_YEAR.search(o).group()) < 1700 for o in early), early  # type: ignore[union-attr]
    assert late and all(int(_YEAR.search(o).group()) > 1900 for o in late), late  # type: ignore[union-attr]


def test_one_era_joins_the_years_between() -> None:
    """Times a page names step by step (1500, 1750, 1990) are one era: each may be offered."""
    assert plausible.same_era("1990", "1500", [(1500, 1500), (1750, 1750), (1990, 1990)])
    assert not plausible.same_era("1990", "1500", [(1500, 1500), (1990, 1990)])




def test_a_serial_inside_the_answer_has_no_options(nlp: Language) -> None:
    """'years 7 through 12 year 13' was offered '24 year 13' (s28); a count beside it still
    has options."""
    text = ("The secondary schools of the province teach years 7 through 12 year 13 "
            "and enrol 4,000 pupils in 80 towns.")
    assert options(nlp, text, "12 year 13") == []
    assert len(options(nlp, text, "4,000")) == 3

