"""Session 33's second round of distractors a student rejects at sight, on invented text with
the real pipeline: an option that kept its sentence's full stop ('Super Bowl L.')."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import options

GAMES = ("The league chose to call the 1976 game Super Bowl 10 rather than Super Bowl X. "
         "The numerals came back for Super Bowl XI. A new trophy was shown at Super Bowl XLV "
         "and at Super Bowl XXX. The first trophy was handed over at Super Bowl V.")


def test_an_option_leaves_its_sentences_full_stop(nlp: Language) -> None:
    """'Super Bowl L.' (the sentence's stop kept on the numeral) was offered among 'Super Bowl
    XLV' and 'Super Bowl V' (s31b: a stray period): the option is said without it, and the
    name asked with it gets no options of which it alone would carry one."""
    offered = options(nlp, GAMES, "Super Bowl XLV")
    assert "Super Bowl V" in offered and not any(o.endswith(".") for o in offered), offered
    assert options(nlp, GAMES, "Super Bowl V.") == []

