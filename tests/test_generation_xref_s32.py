"""Cards that lean on the book rather than the topic (s32), with the real pipeline: a cloze or
true/false statement that shows a citation of the page's own text ('As noted in …', 'As
discussed, …', '… as seen in.') or one of its numbered figures ('in Figure 4.7 of …') is not
made, while a question from the same fact may be; a blank that is only the writer's esteem
('most remarkable discoveries') or a size of gathering ('a huge array of …') is not asked."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import nonfact
from agents.generation.cards import Candidate
from tests.engine import generated

FACT = "The Loire valley produces most of the dry white wine sold in western France each year."




def _shown(cards: list[Candidate], words: str) -> list[Candidate]:
    """The cloze and true/false cards whose shown sentence holds ``words``."""
    return [c for c in cards if c.type in ("cloze", "tf") and words in c.question]


def test_a_citation_of_the_page_is_not_shown(nlp: Language) -> None:
    for cited, words in (
            ("As noted in the opening discussion of tides in Ocean Motion, the pull of the moon "
             "raises two bulges of water on opposite sides of the planet.", "As noted"),
            ("As described in the previous section, glaciers carve broad valleys with steep "
             "walls into the mountains of northern Norway.", "previous section"),
            ("Early glassblowers in Murano worked mostly with soda ash from coastal plants as "
             "seen in.", "as seen in")):
        cards = generated(nlp, FACT + " " + cited)
        assert _shown(cards, "Loire")  # the page still gives cards
        shown = _shown(cards, words)
        assert shown == [], [c.question for c in shown]


def test_an_opening_citation_left_out_keeps_thegenerated(nlp: Language) -> None:
    """'As discussed earlier, …' is a connective the card leaves out (claims.dropped): the
    sentence's cards stay, without it."""
    cards = generated(nlp, FACT + " As discussed earlier, glaciers carve broad valleys with steep "
                              "walls into the mountains of northern Norway.")
    assert _shown(cards, "Glaciers carve broad valleys")
    assert _shown(cards, "discussed") == []


def test_a_numbered_figure_is_not_shown(nlp: Language) -> None:
    cited = ("The Harlow and Brenner tide tables were overlaid with the Morgan survey in "
             "Figure 4.7 of the harbour report.")
    cards = generated(nlp, FACT + " " + cited)
    assert _shown(cards, "Loire")
    shown = _shown(cards, "Harlow")
    assert shown == [], [c.question for c in shown]


def test_a_source_or_the_world_seen_is_content(nlp: Language) -> None:
    assert nonfact.cites_page(nlp("Rust forms at an iron surface, as illustrated in.")[:])
    for text in ("As described by Humboldt, the current cools the coast of Peru.",
                 "As seen in many desert lizards, the tail stores fat for dry seasons.",
                 "As stated in the treaty, the river forms the border between the states.",
                 "The periodic table 2 rows below hydrogen holds sodium.",
                 FACT):
        assert not nonfact.cites_page(nlp(text)[:]), text


def _blanks(nlp: Language, text: str) -> list[str]:
    return [c.answer for c in generated(nlp, text) if c.type == "cloze"]


def test_a_blank_of_esteem_or_size_is_not_asked(nlp: Language) -> None:
    made = _blanks(nlp, "One of the most remarkable discoveries in geology is that the "
                        "continents drift slowly across the mantle.")
    assert not any("remarkable" in a for a in made), made
    made = _blanks(nlp, "One of the most famous bridges built in Lisbon was the Ponte Dom Luis.")
    assert not any("famous" in a for a in made), made
    made = _blanks(nlp, "Gears are found in a huge array of machines, ranging from a simple "
                        "wristwatch to the gearbox of a racing car.")
    assert not any("array" in a for a in made), made


def test_a_gathering_named_as_a_term_is_asked(nlp: Language) -> None:
    made = _blanks(nlp, "The surveyor Ilse Morgan stored her measurements in a rectangular "
                        "array of coefficients, much like a modern spreadsheet.")
    assert any("array" in a for a in made), made
