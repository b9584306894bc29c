"""Session 25's multiple-choice rejects, on invented text with the real pipeline: a bound's
options ('below _____ °F': a higher one is true as well), a sentence split inside square
brackets ('[b. 1968]), focus on …' a stem of its own), a degree's scale read as an initial
('25 °F. Keldby lies …' one stem of two sentences)."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.text import sentences
from tests.engine import generated

FROST = (
    "The mountain town of Keldby sees 20 nights with freezing lows each winter, and the "
    "coldest night typically drops below 25 °F. The town lies 40 km from the coast and has "
    "12,000 residents."
)


def test_a_bound_is_offered_no_option_past_it(nlp: Language) -> None:
    """s24c: 'bottoming out below _____ °F' (30) was offered 60: past a ceiling an option is
    true as well (and absurd for a freezing low); every reviewer rejected the card. Options
    short of the bound stay."""
    cards = [c for c in generated(nlp, FROST, None, "mcq") if c.answer == "25"]
    assert cards
    for card in cards:
        options = [float(o) for o in card.choices if o != card.answer]
        assert len(options) == 3 and all(o < 25 for o in options), card.choices


def test_the_bound_of_a_still_true_time_is_kept_on_its_side(nlp: Language) -> None:
    """s23b: 'In the 19th century many mathematicians still considered …' was offered the
    17th and 18th centuries, true as well ('still': it held before)."""
    text = ("The Tarvel rite was old. In the 15th century many villagers still kept the "
            "Tarvel rite at midwinter. The rite faded after a plague struck the valley.")
    for card in generated(nlp, text, None, "mcq"):
        if card.answer == "15th century":
            assert not {"14th century", "13th century", "12th century"} & set(card.choices)


def test_a_bound_the_answer_carries_keeps_its_options(nlp: Language) -> None:
    """'more than 20 books' offered 'more than 10 books' was kept (s24): a bound inside the
    answer is said by every option alike."""
    text = ("The Orlan writer Ida Brenn has published more than 20 novels since her debut. "
            "Her first novel sold 40,000 copies in its first year.")
    cards = [c for c in generated(nlp, text, None, "mcq") if c.answer.startswith("more than")]
    assert all(len(c.choices) == 4 for c in cards)


def test_a_bound_still_makes_a_false_statement(nlp: Language) -> None:
    """The false statement reads the bound's side itself (claims.still_true: 'below 15 °F'
    for 'below 30 °F' was kept in s24c), and multiple choice now reads it too."""
    cards = generated(nlp, FROST, None, "tf")
    assert any("below" in c.question and "25" not in c.question and c.answer == "False"
               for c in cards)


def test_a_stop_inside_square_brackets_ends_no_sentence() -> None:
    """s24: '… activists (such as … Wayne Dupree [b. 1968]), focus on a text …' was split at
    '[b.', and '1968]), focus on …' made a card '_____]), focus on a text …'."""
    text = ("Pick a public figure (such as the chef Aldo Brenn [b. 1961] or the poet Ines "
            "Varga [b. 1984]), then read one of their essays closely. Note its main claim.")
    assert [s.text for s in sentences(text)] == [
        "Pick a public figure (such as the chef Aldo Brenn [b. 1961] or the poet Ines Varga "
        "[b. 1984]), then read one of their essays closely.", "Note its main claim."]


def test_a_degree_scale_is_no_initial() -> None:
    """'… below 25 °F. Keldby lies …' is two sentences: the scale letter after '°' is no
    initial of a name."""
    assert len(sentences(FROST.replace("The town", "Keldby"))) == 2
    assert len(sentences("The bath is kept at 30 ° C. Divers rest there.")) == 2
    assert len(sentences("The author J. R. Tolkien wrote it.")) == 1
