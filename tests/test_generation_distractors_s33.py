"""Session 33's distractors a student rejects at sight, on invented text with the real pipeline:
a count of a measure a game's rules cap offered past the cap (a '82-yard line', a '78-yard
field goal', a '3-point conversion')."""

from __future__ import annotations

import re

from spacy.language import Language

from agents.generation import choices
from tests.engine import options

GAME = ("The Hawks drove to the Falcons 41-yard line before the half. "
        "Reyes then kicked a 39-yard field goal to end the quarter. "
        "After the late touchdown, Okafor ran in a 2-point conversion. "
        "The stadium holds 72,000 fans and opened in 1994.")


def _values(options: list[str]) -> list[int]:
    return [int(re.sub(r"\D", "", o)) for o in options]


def test_a_yard_line_is_offered_none_past_midfield(nlp: Language) -> None:
    """'the Panthers _____-yard line' (41) was offered 82 and 62 (s32c): lines run to the 50."""
    offered = options(nlp, GAME, "41")
    assert len(offered) == 3 and max(_values(offered)) <= 50, offered


def test_a_field_goal_is_offered_none_past_the_longest(nlp: Language) -> None:
    """A 39-yard field goal was offered 78 yards (s32c); a false statement's swap stays under
    the cap too."""
    offered = options(nlp, GAME, "39")
    assert len(offered) == 3 and max(_values(offered)) <= 66, offered
    swap = options(nlp, GAME, "39", statement=True)
    assert swap and max(_values(swap)) <= 66, swap


def test_a_conversion_has_no_three_options(nlp: Language) -> None:
    """'a _____-point conversion' (2) was offered 3 and 4 (s32): a try scores one or two, so
    the card has no three options and is not made; a count beside it keeps its own."""
    assert all(v <= 2 for v in _values(options(nlp, GAME, "2"))), options(nlp, GAME, "2")
    assert len(options(nlp, GAME, "2")) < choices.MIN_DISTRACTORS
    assert len(options(nlp, GAME, "72,000")) == 3


BYNAME = ("The duke spoke out against the merchants in Saxony, Hesse, and Thuringia. "
          "Josel of Kirchberg, the envoy who tried to help the merchants of Hesse in 1533, "
          "later blamed their plight on the duke. Josel asked the city of Mainz to forbid the "
          "sale of the duke's tracts: they refused initially, but did so when a pastor in "
          "Bingen used a sermon to urge his parishioners to burn them.")


def test_a_name_with_a_byname_is_no_place(nlp: Language) -> None:
    """'Josel of Rosheim', then 'Josel asked …', tagged a place, was offered Saxony, Rosheim
    and Hochfelden (s32b: every reviewer): a name the page writes 'X of Y' is a person's, so
    the places are no options for it nor it one for them; the page's places keep theirs."""
    assert options(nlp, BYNAME, "Josel") == []
    assert options(nlp, BYNAME, "Kirchberg")
    assert all("Josel" not in options(nlp, BYNAME, place) for place in ("Bingen", "Mainz"))


SHARES = ("The vast majority of Varnians are Buddhist (81%), with 46.3% regarding themselves as "
          "Northern and 22.1% as Southern. The island has 120 temples.")


def _share(option: str) -> float:
    return float(re.sub(r"[^\d.]", "", option))


def test_a_share_stays_in_the_room_its_whole_leaves(nlp: Language) -> None:
    """'Christian (83%), with _____ Protestant and 23.5% Catholic' (47.7%) was offered 71.6%
    and 95.4% (s30b: every reviewer): a part of a stated whole stays under the whole less the
    other parts (81 - 22.1 here), on both sides of the answer."""
    offered = options(nlp, SHARES, "46.3%")
    assert len(offered) == 3 and max(map(_share, offered)) < 81 - 22.1, offered
    assert any(_share(o) > 46.3 for o in offered), offered


PSALM = ("Brenner's 1611 choral psalm \"Der Morgen\" is a four-stanza song of praise "
         "prefiguring Brenner's 1619 collection of psalms. Brenner's psalm, set to an older "
         "tune, spread through the northern parishes as early as 1613. Later hymnals of the "
         "18th century also included it.")


def test_what_a_dated_thing_did_is_offered_no_year_before_it(nlp: Language) -> None:
    """'Luther's 1524 creedal hymn', then 'Luther's hymn … gained widespread use as early as
    _____' (1525) was offered 1518 and 1520 (s32b: 'predate the 1524 hymn'); a false statement
    was offered 1515. The year the page dates a thing by bounds what it did."""
    offered = options(nlp, PSALM, "as early as 1613")
    swap = options(nlp, PSALM, "as early as 1613", statement=True)
    assert len(offered) == 3 and min(_values(offered)) >= 1611, offered
    assert swap and min(_values(swap)) >= 1611, swap


def test_an_owners_dated_thing_is_one_thing(nlp: Language) -> None:
    """'Varco's 1981 sedan' is a thing made in 1981; 'Varco's 1981 model year' is a time and
    'the 1981 sedan' one of the page's sedans, perhaps (the series from 2009 onwards kept 1999
    as an option on a page of 'the 2005 series', s26)."""
    from agents.generation import plausible

    docs = [d[:] for d in nlp.pipe(["Varco's 1981 sedan sold well.",
                                    "Varco's 1981 model year ended with a new sedan.",
                                    "The 1981 sedan sold well."])]
    assert plausible.dated_things(docs[:1]) == {"Varco's sedan": (1981, None)}
    assert plausible.dated_things(docs[1:]) == {}
