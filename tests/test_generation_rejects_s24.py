"""Session 24: causes of the cards session 23's blind reviewers rejected, fixed where the card
is made. All texts invented; the real spaCy pipeline.

- a citation's abbreviation ('(Ps. 23:1)') is nobody a later 'he' stands for: the sentence split
  no longer ends a sentence inside the open bracket, and the resolver takes no abbreviation for
  a name (s23c: three Luther cards said 'Ps awoke …', every reviewer rejecting);
- an extraposed 'it' ('It was necessary for the owners to borrow …') stands for nothing: a
  resolver put the last sentence's subject in ('SMART was necessary …');
- a sentence that points to another part of the text ("For details … see X", "X is discussed
  in more detail in Y") states no fact (nonfact.pointer);
- the conceding conjunctions have one owner (reference.CONCEDING): 'whilst' splits a sentence
  into two facts as 'while' does.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.clauses import clause_ids
from agents.generation.reference import CONCEDING
from agents.generation.text import split_sentences
from tests.engine import generated

ABBOT = ("The abbot Orsino Valdre led the chapter until 1702. In his last winter he copied a "
         "verse onto the chapter door (Ps. 23:1), a line the monks still sing. At 4 a.m. he woke "
         "with a high fever and asked for water. He thanked the brothers for their care through "
         "the night.")
GOALS = ("SMART goals give a founder a clear target for each quarter of the year. It was "
         "necessary for the owners to borrow money from a local bank in 1998.")


def _texts(nlp: Language, text: str, title: str | None = None) -> list[str]:
    return [t for c in generated(nlp, text, title=title) for t in (c.question, c.statement) if t]


def test_a_full_stop_inside_brackets_ends_no_sentence() -> None:
    assert split_sentences('He prayed, "Lord, keep me" (Ps. 31:5), the prayer of the dying. '
                           "He slept.") == [
        'He prayed, "Lord, keep me" (Ps. 31:5), the prayer of the dying.', "He slept."]


def test_a_citation_is_nobody_a_pronoun_stands_for(nlp: Language) -> None:
    made = _texts(nlp, ABBOT, title="Orsino Valdre")
    assert made  # the page still makes cards
    assert not any("Ps " in t or t.startswith("Ps") for t in made), made


def test_an_extraposed_it_is_not_resolved(nlp: Language) -> None:
    made = _texts(nlp, GOALS)
    assert not any("SMART was" in t or "SMART is" in t for t in made), made
    assert any(t.startswith(("It was necessary", "True or false: It was necessary"))
               for t in made), made


@pytest.mark.parametrize("conjunction", sorted(CONCEDING - {"although", "though"}))
def test_every_conceding_conjunction_splits_off_a_fact(nlp: Language, conjunction: str
                                                       ) -> None:
    sent = nlp(f"The Brenner line charged its customers for every minute of connection time, "
               f"{conjunction} the Ostrava line charged its customers for every packet of data "
               "that they sent.")[:]
    made = [" ".join(sent.doc[i].text for i in ids) for ids, _ in clause_ids(sent)]
    assert "the Ostrava line charged its customers for every packet of data that they sent" \
        in made, made


@pytest.mark.parametrize("pointer", [
    "For details of the other harbours see Coastal trade of Venmark.",
    "Harbour fees are discussed in more detail in Ports and Tolls.",
])
def test_a_sentence_that_points_elsewhere_makes_no_card(nlp: Language, pointer: str) -> None:
    text = f"The port of Venmark opened in 1804 and handled grain from northern farms. {pointer}"
    made = [c for c in generated(nlp, text) if pointer[:20] in (c.source or "")]
    assert not made, [c.question for c in made]
