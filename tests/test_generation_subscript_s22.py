"""A chemical formula whose subscript a copy from a web page or PDF put on a line of its own
('Carbon dioxide (CO' / '2) traps heat …') is one word again, 'CO2', and its sentence makes
cards: the subscript line was read as a numbered item ('2) …') and the sentence cut in two
(seen SQuAD Oxygen paragraphs had no card at all). A lettered note after a sentence
('… problems.[c] The …') goes like a numbered one, so the sentence after it is its own.
A numbered item after a name ('Vitamin D' / '2) Rinse …') and a count after one ('Group B' /
'2 weeks later') stay as they were. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.rules import RuleEngine
from agents.generation.text import sentences
from agents.generation.types import GenerationRequest

TYPES = ("qa", "mcq", "cloze", "tf")

GAS = ("Marsh gas (CH\n4) can build up in closed mine shafts, causing sudden explosions.[c] "
       "Small leaks of CH\n4 are detected by the miners with portable sensors.")


def test_a_subscript_on_its_own_line_joins_its_formula() -> None:
    assert [s.text for s in sentences(GAS)] == [
        "Marsh gas (CH4) can build up in closed mine shafts, causing sudden explosions.",
        "Small leaks of CH4 are detected by the miners with portable sensors."]
    assert [s.text for s in sentences("Rain carries dissolved (H\n2O\n2) peroxide.")] == [
        "Rain carries dissolved (H2O2) peroxide."]


def test_a_numbered_item_or_count_after_a_name_is_not_a_subscript() -> None:
    texts = [s.text for s in sentences("Take vitamin D\n2) Rinse the cup.\nThe plan went to "
                                       "Group B\n2 weeks later the hall was shut.")]
    assert "Rinse the cup." in texts
    assert any("Group B 2 weeks" in t for t in texts)


def test_a_formula_split_over_lines_still_makes_cards(nlp: Language) -> None:
    result = RuleEngine(None).generate(GenerationRequest(GAS, "t", 6, "intermediate", TYPES))
    assert result.cards
    shown = " ".join(f"{c.question} {c.answer}" for c in result.cards)
    assert "CH4" in shown
    assert "CH 4" not in shown and "[c]" not in shown
