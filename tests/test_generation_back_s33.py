"""A page citing its own earlier text with a place of its own (s33, found by 33fig): 'The
engineers, as noted above for the northern locks, lined …' cites the page as surely as 'As noted
above, …'. nonfact defined ``_BACK`` twice, and the second set (the determiners 'the', 'this',
'these', 'those' that ``continues`` reads) replaced the first, so ``_cites`` never saw 'above',
'earlier', 'before', 'previously' or 'already' beside a citing verb that had a preposition.
Invented text, the real pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import nonfact
from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

CITED = (
    "The engineers, as noted above for the northern locks, lined the bed of the canal with clay.",
    "As described before for the northern locks, the engineers lined the bed of the canal with "
    "clay.",
    "The canal was closed in winter, as stated previously for the river ports of the region.",
    "As we have already seen with the northern locks, the engineers lined the bed of the canal "
    "with clay.",
)


def test_a_citation_back_with_a_place_cites_the_page(nlp: Language) -> None:
    for text in CITED:
        assert nonfact.cites_page(nlp(text)[:]), text
    for text in ("As mentioned in the report of 1820, the engineers lined the canal with clay.",
                 "As noted by the surveyor for the northern locks, the canal froze in winter."):
        assert not nonfact.cites_page(nlp(text)[:]), text  # a source of its own, no 'above'


def test_a_shown_citation_back_makes_no_statement(nlp: Language) -> None:
    """The true/false statement that keeps the clause (and even turns 'above' into 'below' for
    its false variant) is not made; the cards without the clause stay."""
    fact = "The Loire valley produces most of the dry white wine sold in western France each year."
    cited = ("The Roman engineers lined the bed of the canal with thick clay from the hills, as "
             "noted above for the northern locks.")
    doc = Document(usable_sentences(fact + " " + cited), {}, "en", None, None, Counter())
    cards = [c for c in generate(doc, nlp, "intermediate", None, None)
             if c.type in ("cloze", "tf")]
    assert any("Loire" in c.question for c in cards)
    assert any("thick clay" in c.question for c in cards)  # the clause left out: a fact
    shown = [c.question for c in cards if "as noted" in c.question]
    assert shown == [], shown
