"""A deck with no card says why, in words its user can act on (session 21): a text whose
sentences give no card at all (a list of names, advice addressed to 'you') is told that no
sentence states a fact a card can ask on its own; a text whose only cards are of the kinds
reviewers discard (one sentence too long to make a card a student keeps) is told so. Neither
says "only 0 of 6 cards", which gave no reason. A text with cards keeps the old count note.
All texts invented, real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from agents.generation.rules import RuleEngine
from agents.generation.types import NO_SENTENCE, ONLY_DISCARDED, GenerationRequest

TYPES = ("qa", "mcq", "cloze", "tf")


def _notes(text: str, count: int = 6) -> tuple[int, list[str]]:
    result = RuleEngine(None).generate(GenerationRequest(text, "t", count, "intermediate", TYPES))
    return len(result.cards), result.notes


@pytest.mark.parametrize("text", [
    "Writers: novelist Orla Venn; poets Tamsin Hale, Ivo Brandt and Kesia Morrow; essayist "
    "Dorian Fell; playwright Bram Eskel; critic Lio Marr.",
    "You can plan your week before it starts. When you sit down to study, you should put your "
    "phone in another room. If you feel tired, you can take a short walk and come back to your "
    "desk.",
])
def test_a_text_that_makes_no_card_says_no_sentence_gives_one(nlp: Language, text: str) -> None:
    cards, notes = _notes(text)
    assert cards == 0
    assert NO_SENTENCE in notes
    assert not any(n.startswith("only 0 of") for n in notes)


def test_a_text_of_only_discarded_cards_says_so(nlp: Language) -> None:
    cards, notes = _notes("In the spring of 1821 the council of the river town of Marrowby, "
                          "after a long and bitter debate between the merchants and the older "
                          "families, tore down the old stone bridge.")
    assert cards == 0
    assert ONLY_DISCARDED in notes
    assert not any(n.startswith("only 0 of") for n in notes)


def test_a_short_deck_keeps_its_count_note(nlp: Language) -> None:
    cards, notes = _notes("The harbour of Vellan was rebuilt by the merchant guild in 1642. The "
                          "guild paid for the work with a tax on salt.", 10)
    assert 0 < cards < 10
    assert f"only {cards} of 10 cards: the text does not support more" in notes
    assert NO_SENTENCE not in notes and ONLY_DISCARDED not in notes


LONG = ("Throughout the 1890s and 1900s, support for a new harbour railway grew quickly, in part "
        "because the town council of Vellan was controlled by the salt merchants.")


def test_an_otherwise_empty_deck_takes_a_cloze_refused_only_for_its_length(nlp: Language) -> None:
    # 27 words: over the 24 a blank may have, the deck's one card (no other card of the text
    # is of a kind a reviewer keeps); one per sentence, a cloze, never a stem or statement
    result = RuleEngine(None).generate(GenerationRequest(LONG, "t", 6, "intermediate", TYPES))
    assert [c.type for c in result.cards] == ["cloze"]
    assert result.cards[0].answer == "Vellan"
    assert len(result.cards[0].question.split()) == 27
    assert NO_SENTENCE not in result.notes and ONLY_DISCARDED not in result.notes


def test_the_long_cloze_waits_while_the_deck_has_another_card(nlp: Language) -> None:
    text = LONG + " The salt merchants built a stone warehouse at Dornby in 1642."
    result = RuleEngine(None).generate(GenerationRequest(text, "t", 6, "intermediate", TYPES))
    assert result.cards
    assert not any("railway" in c.question for c in result.cards)


def test_a_long_text_with_cards_drops_its_empty_sections_reason(nlp: Language) -> None:
    from agents.pipeline.sections import merge

    engine = RuleEngine(None)
    full = engine.generate(GenerationRequest(
        "The salt merchants built a stone warehouse at Dornby in 1642.", "t", 6, "intermediate",
        TYPES))
    empty = engine.generate(GenerationRequest(
        "Writers: novelist Orla Venn; poets Tamsin Hale, Ivo Brandt and Kesia Morrow.", "t", 6,
        "intermediate", TYPES))
    assert full.cards and not empty.cards and NO_SENTENCE in empty.notes
    assert NO_SENTENCE not in merge([full, empty], 6, TYPES).notes
    assert NO_SENTENCE in merge([empty, empty], 6, TYPES).notes


def test_a_deck_of_some_types_only_is_not_told_the_text_has_no_fact(nlp: Language) -> None:
    # questions only, of a text that makes statements: the note names the missing type
    result = RuleEngine(None).generate(GenerationRequest(LONG, "t", 6, "intermediate", ("qa",)))
    assert not result.cards
    assert NO_SENTENCE not in result.notes and ONLY_DISCARDED not in result.notes
    assert any(n.startswith("no qa cards") for n in result.notes)
