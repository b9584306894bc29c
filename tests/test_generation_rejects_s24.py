"""Session 24: causes of the cards session 23's blind reviewers rejected, fixed where the card
is made. All texts invented; the real spaCy pipeline.

- the conceding conjunctions have one owner (reference.CONCEDING): 'whilst' splits a sentence
  into two facts as 'while' does.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.clauses import clause_ids
from agents.generation.reference import CONCEDING


@pytest.mark.parametrize("conjunction", sorted(CONCEDING - {"although", "though"}))
def test_every_conceding_conjunction_splits_off_a_fact(nlp: Language, conjunction: str
                                                       ) -> None:
    sent = nlp(f"The Brenner line charged its customers for every minute of connection time, "
               f"{conjunction} the Ostrava line charged its customers for every packet of data "
               "that they sent.")[:]
    made = [" ".join(sent.doc[i].text for i in ids) for ids, _ in clause_ids(sent)]
    assert "the Ostrava line charged its customers for every packet of data that they sent" \
        in made, made
