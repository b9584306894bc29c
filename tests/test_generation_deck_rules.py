"""The deck's composition rules (quality._composes), counted on the cards the deck serves,
not on the candidates before selection: one negated false statement, beside a false
statement of another kind where the page has one, true statements at most one more than
false ones; and one card per sentence of the page, its clauses included, while another
sentence has a good card to give. The engine end to end on the demo's samples (real spaCy
and MiniLM)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.terms import norm
from schemas.events import Card

SAMPLES = Path(__file__).resolve().parents[1] / "cardstream" / "samples"
# the text Tesseract reads from samples/water-cycle.png (the demo's second upload)
WATER = """The Water Cycle

The water cycle describes how water moves between the oceans, the atmosphere and the land.
Energy from the Sun heats the surface of the ocean, and water evaporates as vapour. As the
vapour rises it cools, and condensation forms the tiny droplets that make up clouds. When the
droplets grow heavy they fall back to the ground as precipitation, such as rain or snow. About
97 percent of the water on Earth is salt water stored in the oceans. Plants return water to the
air through transpiration, a process that happens mostly through the stomata of their leaves.
Water that soaks into the soil becomes groundwater, which can stay underground in aquifers for
thousands of years. Rivers carry the rest of the water back to the sea, and the cycle begins
again."""


@pytest.fixture(scope="module")
def engine() -> RuleEngine:
    import torch

    from agents.encoder import shared_encoder

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # two threads on a busy 2-core box run MiniLM ~10x slower
    yield RuleEngine(shared_encoder())
    torch.set_num_threads(threads)


def _deck(engine: RuleEngine, text: str, count: int) -> list[Card]:
    request = GenerationRequest(text, "upload-deck", count, "intermediate",
                                ("qa", "mcq", "cloze", "tf"))
    return engine.generate(request).cards


def test_one_negation_at_most_and_the_water_cycle_deck_has_a_false_statement(
        engine: RuleEngine) -> None:
    """The demo's water-cycle page gives no false statement but negations over their bar.
    Until session 20 a negation had to come beside a false statement of another kind, and
    the test held the deck to that; now (9f2) one negation may be the deck's one False where
    the page has no other kind, so the deck says 'The water cycle does not describe how water
    moves …' as its False rather than only True statements. Still one negation at most."""
    for count in (6, 10):
        deck = _deck(engine, WATER, count)
        said = [c for c in deck if c.type == "tf"]
        false = [c for c in said if c.answer == "False"]
        negated = [c for c in false if "tf:negation" in c.tags]
        assert len(negated) <= 1, negated
        assert false or not said, [c.question for c in deck]


def test_true_statements_number_at_most_one_more_than_false_ones(engine: RuleEngine) -> None:
    """The demo's photosynthesis deck of 6 served four true statements and no false one: the
    cap counted false candidates that the deck did not serve (they shared a sentence with a
    chosen card). The places go to the other types."""
    text = (SAMPLES / "photosynthesis.txt").read_text(encoding="utf-8")
    for count in (6, 10):
        deck = _deck(engine, text, count)
        said = Counter(c.answer for c in deck if c.type == "tf")
        assert said["True"] <= said["False"] + 1, [c.question for c in deck]
        assert len(deck) == count, [c.question for c in deck]


# a long first sentence of two clauses (clauses.py makes cards of each), then short ones
# that each have a card to give; made up for the test
FRANKS = ("The Treaty of Verdun divided the Carolingian Empire in 843, and Lothair received the "
          "middle kingdom that stretched from Frisia to the north of Italy. Charlemagne was "
          "crowned emperor by Pope Leo III in Rome in 800. Louis the Pious ruled the empire from "
          "814 until his death in 840. Charles the Bald received the western kingdom, which "
          "later became France. The Vikings besieged Paris in 845 with a fleet of 120 ships.")
HANSA = ("The Hanseatic League was a commercial alliance of merchant guilds, and its members "
         "traded timber, furs and grain across the Baltic Sea for almost three centuries. "
         "Lübeck was the leading city of the league. The league held its last diet in 1669 in "
         "Lübeck. Merchants from Cologne dominated the trade with London in the twelfth century. "
         "The Steelyard in London was the league's main base in England.")


def _sentence_of(card: Card, sentences: list[str]) -> int:
    """The page sentence a card was made from (a clause's card: the sentence it is part of)."""
    words = set(norm(card.source_sentence).split())
    return max(range(len(sentences)),
               key=lambda i: len(words & set(norm(sentences[i]).split())))


def test_a_sentence_gives_no_second_card_while_another_has_a_good_one() -> None:
    """Cards of a long sentence's clauses counted as other sentences' cards: decks of 4 and 5
    cards asked the first sentence twice (its whole and a clause) and left a sentence with a
    good card unasked. Real spaCy, no encoder."""
    engine = RuleEngine(encoder=None)
    for text in (FRANKS, HANSA):
        sentences = [s.strip() + "." for s in text.split(". ") if s.strip()]
        for count in (4, 5):
            deck = _deck(engine, text, count)
            asked = Counter(_sentence_of(c, sentences) for c in deck)
            assert len(deck) == count and max(asked.values()) == 1, [
                (_sentence_of(c, sentences), c.question) for c in deck]


# plain sentences with nothing to swap (no date, number or second name of a kind, no verb with
# an opposite): their only false statements are negations; made up for the test
COLONY = ("The Genoese merchants built a harbour at the mouth of the Dnieper. "
          "The fortress of Kaffa was governed by a Genoese consul. "
          "The consul of the colony collected taxes from the merchants of the city. "
          "The walls of the fortress protected the harbour from raids.")


def test_a_negation_is_the_decks_false_statement_where_the_page_has_no_other() -> None:
    """Held back until a false statement of another kind joined the deck, a negation was
    never served where the page gave no other kind: the deck's statements were all True
    (78 of 343 seen decks). It may now be the one False, still only one. Real spaCy."""
    engine = RuleEngine(encoder=None)
    for types, count in ((("tf",), 4), (("qa", "mcq", "cloze", "tf"), 6)):
        request = GenerationRequest(COLONY, "upload-deck", count, "intermediate", types)
        said = [c for c in engine.generate(request).cards if c.type == "tf"]
        false = [c for c in said if c.answer == "False"]
        assert len(false) == 1 and "tf:negation" in false[0].tags, [c.question for c in said]
        assert len(said) - len(false) <= len(false) + 1, [c.question for c in said]
