"""Session 34: a year's options stay inside the era its sentence names, on invented text with
the real pipeline: no year before the American Civil War for what a Confederate force did
(s33: '1852' for an 1862 skirmish, '1854' for an 1864 raid), none before the first Summer
Olympics for a Games (s33c: '1853' for the 1956 Games); and a war's stated dates are its own,
not every war's the page names."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import plausible
from tests.engine import options

RIVER = ("During the American Civil War, Millbrook shipped grain down the river to the South. "
         "The Raid of Otter Ford in 1863 near Millbrook gave the Confederate side a rare win. "
         "In June 1864 a Confederate brigade burned the Millbrook mill and rode on. "
         "The town was rebuilt after the war and a new mill opened in 1872.")


def _years(offered: list[str]) -> list[int]:
    return [y for o in offered for y in plausible.years_named(o)]


def test_a_confederate_year_is_offered_only_war_years(nlp: Language) -> None:
    """'the Confederate side' in 1863: every option lies within 1861–1865, and the false
    statement's swap too."""
    offered = options(nlp, RIVER, "1863")
    assert len(offered) == 3 and all(1861 <= y <= 1865 for y in _years(offered)), offered
    swap = options(nlp, RIVER, "1863", statement=True)
    assert swap and all(1861 <= y <= 1865 for y in _years(swap)), swap


def test_a_confederate_date_is_offered_no_prewar_month(nlp: Language) -> None:
    """'In June 1864 a Confederate brigade …': no 'June 1854' or 'June 1859'."""
    offered = options(nlp, RIVER, "June 1864")
    assert offered and all(1861 <= y <= 1865 for y in _years(offered)), offered
    swap = options(nlp, RIVER, "June 1864", statement=True)
    assert swap and all(1861 <= y <= 1865 for y in _years(swap)), swap


GAMES = ("Harbour Field is the largest stadium in Norvia, and the host of the 1956 Summer "
         "Olympics and the 2006 Island Games. Norvia has six public colleges, with the oldest, "
         "the College of Lund, having been founded in 1853.")


def test_a_summer_games_is_offered_no_year_before_1896(nlp: Language, encoder: object) -> None:
    """'the _____ Summer Olympics' (1956) was offered the page's other year, 1853 (s33c):
    the Games began in 1896; the college's founding keeps its own options."""
    offered = options(nlp, GAMES, "1956", encoder=encoder)
    assert len(offered) == 3 and all(y >= 1896 for y in _years(offered)), offered
    assert len(options(nlp, GAMES, "1853", encoder=encoder)) == 3


def test_a_wars_dates_are_not_every_wars() -> None:
    """'The Civil War (1861–1865)' was filed under its last word, 'War': the War of 1812 on
    the same page took its life (1862–1865). A thing's dates are its own first year on."""
    texts = ["The Civil War (1861–1865) divided the country.",
             "The War of 1812 had ended in a draw decades before."]
    known = plausible.lives(texts)
    assert plausible.life_of("The War of 1812 had ended in a draw.", known) == (None, None)
    assert plausible.life_of("Troops marched north during the Civil War.", known) \
        == (1861, 1865)
