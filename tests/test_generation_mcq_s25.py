"""Session 25's multiple-choice rejects, on invented text with the real pipeline: a sentence
split inside square brackets ('[b. 1968]), focus on …' a stem of its own), a degree's scale
read as an initial ('25 °F. Keldby lies …' one stem of two sentences)."""

from __future__ import annotations

from agents.generation.text import sentences

FROST = (
    "The mountain town of Keldby sees 20 nights with freezing lows each winter, and the "
    "coldest night typically drops below 25 °F. The town lies 40 km from the coast and has "
    "12,000 residents."
)


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
