"""A he/she/his stands only for a person (session 33). The s33 held-out review rejected, every
reviewer as a wrong answer, a 'he' written as a name the page says is a programme ('<Programme>
explores the universe in his time machine'). All texts invented; real spaCy."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

_SHOW = ("Starfarers Quest is a British television programme. "
         "He explores the universe in his time machine.")


def test_he_is_never_a_name_the_page_says_is_a_programme(nlp: Language) -> None:
    cards = generated(nlp, _SHOW, title="Starfarers Quest")
    for card in cards:
        assert "Starfarers Quest explores" not in card.question, card
    # a person named before is still who 'he' is
    text = ("Tobias Wren came to Kelport in 1802. "
            "He made a considerable profit from the timber trade.")
    cards = [c for c in generated(nlp, text) if "profit" in c.question + c.answer]
    assert any("Tobias Wren made" in c.question for c in cards), cards

