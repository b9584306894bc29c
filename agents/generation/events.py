"""The nouns that name a happening, each list owned here once.

Four rules read an event off a noun, and each wants its own words: they differ on purpose, so
they are four sets, but each is built from the others where they share a fact, never spelled
twice:

- ``TITLE_KINDS``: what a page's title may be one of ('the game' on 'Super Bowl 50'), for
  kinds.py, which names a bare 'the game' by the title;
- ``NAME_HEADS``: the head of an event's name ('the Battle of Velden', 'the Council of Brenna'),
  for wording.py's 'at which battle' (a title's kind, or a gathering: happens somewhere, is no
  place);
- ``UNSAID``: a bare 'the crisis', 'the treaty' a card never says which (defects.py, and
  scope.py's 'In honor of the occasion,'): a fight, or an undertaking of the page's. They
  differ from ``TITLE_KINDS`` on purpose: a 'study', a 'project', a 'reform' is no event a
  title is one of, and a bare 'the game' or 'the election' is one kinds.py names by the page's
  title rather than a defect of its own (only the fights are both);
- ``HAPPENINGS``: any of those a modifier says which one of, or a stage of a contest ('the
  divisional round', 'the 2015 season'), for kinds.other_event.
"""

from __future__ import annotations

# a fight: a kind a title may be, and a bare 'the war' no card says which
_FIGHTS = frozenset(["war", "battle"])
# kinds only the document's title names: an event ('the game' on 'Super Bowl 50')
TITLE_KINDS = _FIGHTS | frozenset(str.split(
    "game match tournament championship election festival"))
# heads of an event's name besides a title's kinds: a meeting or a siege happens somewhere, but
# is no place ('at the Council of Brenna')
_GATHERINGS = frozenset(str.split("siege council conference congress summit convention"))
NAME_HEADS = TITLE_KINDS | _GATHERINGS
# 'the crisis', 'the war' that the card never says which: the page's event, not the student's
UNSAID = _FIGHTS | frozenset(str.split(
    "crisis expedition conflict revolution treaty attack campaign project study experiment "
    "session movement reform agreement occasion launch"))
# the nouns of a happening another event of the page is named by ('the divisional round',
# 'the AFC Championship Game', 'the 2015 season')
HAPPENINGS = TITLE_KINDS | UNSAID | frozenset(["round", "season", "final", "playoff",
                                               "semifinal"])
