"""Garbles traced in session 29's reviews, on invented text with the real spaCy pipeline:
a sentence that ends on 'as follows' points at a list and states nothing (s29c: its tf and
cloze rejected by every reviewer); an editor's question flag ('[according to whom?]') is a
wiki artifact no card may show (s29c), cleaned where text enters the engine; a relative
'which' after a phrase of place ('farther to the north, which …') is not said of the direction
(s29b)."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.nonfact import no_fact
from agents.generation.text import sentences

LEAD_IN = ("Between about 1420 and 1480, the assignment of weavers to the guild halls of Tarvel "
           "was as follows.")
STEPS = "The steps of the old dyeing recipe used by the Tarvel guild are as follows:"
LISTED = ("The ranks of the Tarvel weavers' guild were as follows: apprentice, journeyman and "
          "master.")
FLAGGED = ("Guild capture is a theoretical[according to whom?] process by which, under certain "
           "charters, newly granted looms pass into the hands of already-rich masters.")


def _cards(text: str) -> list[str]:
    result = RuleEngine(encoder=None).generate(GenerationRequest(text, "u", num_cards=10))
    return [f"{c.question} | {c.answer}" for c in result.cards]


def test_a_sentence_ending_as_follows_states_nothing(nlp: Language) -> None:
    for text in (LEAD_IN, STEPS):
        assert no_fact(nlp(text)[:]) == "pointer", text
    assert no_fact(nlp(LISTED)[:]) is None  # the list is in the sentence: it states it


def test_no_card_from_an_as_follows_lead_in(nlp: Language) -> None:
    assert not any("as follows" in c for c in _cards(LEAD_IN))


def test_an_editors_question_flag_is_cleaned_where_text_enters(nlp: Language) -> None:
    texts = [s.text for s in sentences(FLAGGED)]
    assert not any("[" in t or "whom?" in t for t in texts), texts
    assert any("a theoretical process by which" in t for t in texts), texts


def test_no_card_shows_an_editors_question_flag(nlp: Language) -> None:
    cards = _cards(FLAGGED)
    assert cards
    assert not any("[" in c or "whom?" in c for c in cards), cards


SWAMPS = ("The meadows of the valley end in smaller swamps farther to the east, which together "
          "fed the old lake of Tarvel in summer.")


def test_a_relative_is_not_said_of_a_direction(nlp: Language) -> None:
    from agents.generation.clauses import clauses
    from agents.generation.reference import Resolver

    found = [c.text for c in clauses(nlp(SWAMPS)[:], Resolver(), nlp)]
    assert not any(c.startswith(("The east", "east")) for c in found), found
    assert not any("The east" in c for c in _cards(SWAMPS))
