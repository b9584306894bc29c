"""Session 33's second round of distractors a student rejects at sight, on invented text with
the real pipeline: an option that kept its sentence's full stop ('Super Bowl L.')."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import choices
from agents.generation.spans import answers
from agents.generation.text import usable_sentences


def _pick(nlp: Language, text: str, target: str) -> list[str]:
    sents = [d[:] for d in nlp.pipe([s.text for s in usable_sentences(text)])]
    found = [answers(s) for s in sents]
    pool = choices.Pool.build(sents, found)
    sent, answer = next((s, a) for s, ans in zip(sents, found, strict=True) for a in ans
                        if a.text == target)
    return choices.pick(answer, sent, pool, "intermediate", None)


GAMES = ("The league chose to call the 1976 game Super Bowl 10 rather than Super Bowl X. "
         "The numerals came back for Super Bowl XI. A new trophy was shown at Super Bowl XLV "
         "and at Super Bowl XXX. The first trophy was handed over at Super Bowl V.")


def test_an_option_leaves_its_sentences_full_stop(nlp: Language) -> None:
    """'Super Bowl L.' (the sentence's stop kept on the numeral) was offered among 'Super Bowl
    XLV' and 'Super Bowl V' (s31b: a stray period): the option is said without it, and the
    name asked with it gets no options of which it alone would carry one."""
    options = _pick(nlp, GAMES, "Super Bowl XLV")
    assert "Super Bowl V" in options and not any(o.endswith(".") for o in options), options
    assert _pick(nlp, GAMES, "Super Bowl V.") == []

