"""An inner 'however' between a verb and what follows it takes both its commas: s18b and s28c
showed 'There was, little cultural integration …' and 'The report was criticized, for
attaching …' (every reviewer: echo, 'stray comma left after removing "however"'). Only a
phrase the sentence opens on keeps its comma ('In the southern valleys, the farmers …').
All texts invented, real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation import claims


def _without_connectives(nlp: Language, text: str) -> str:
    sent = nlp(text)[:]
    gone = claims.dropped(sent)
    return " ".join(t.text for t in sent if t.i not in gone).replace(" ,", ",")


@pytest.mark.parametrize("text, shown", [
    ("The survey was criticised, however, for counting only the largest farms in the county.",
     "The survey was criticised for counting"),
    ("There was, however, little rain in the northern valleys during that decade.",
     "There was little rain"),
    ("The museum bought, however, only two of the paintings offered at the auction.",
     "The museum bought only two"),
])
def test_an_inner_however_after_the_verb_takes_both_its_commas(
        nlp: Language, text: str, shown: str) -> None:
    assert _without_connectives(nlp, text).startswith(shown)


@pytest.mark.parametrize("text, shown", [
    ("After the long winter of 1820, however, the mill reopened with a new owner.",
     "After the long winter of 1820, the mill reopened"),
    ("The old mill, however, reopened in the spring with a new owner.",
     "The old mill reopened in the spring"),
])
def test_an_opening_phrase_keeps_its_comma_and_a_subject_loses_both(
        nlp: Language, text: str, shown: str) -> None:
    assert _without_connectives(nlp, text).startswith(shown)
