"""A bare "the nation", "the city centre", "the series" is written as the name of the thing of
that kind the page is about (kinds.py, with the real pipeline); with no such name, or one of
several the sentence itself names, it is not."""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Span, Token

from agents.generation import kinds
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

HARBOUR = (
    "Marlowe is a port city in northern Sweden. "
    "It was founded in 1402 by herring fishermen from Gotland. "
    "The city centre holds a cathedral built of red granite. "
    "In 1850 the city gained a railway to Umeå."
)
REPUBLIC = (
    "Velmaria is the largest country of the Orban archipelago. "
    "Its capital is Port Sella, on the western coast. "
    "The nation declared independence from Portugal in 1822."
)
DRAMA = (
    "The Velvet Hours is a British television drama about a family of clockmakers. "
    "It first aired on the BBC in 1991 and ran for six years. "
    "The series was revived in 2009 with a new cast."
)


def _det(nlp: Language, text: str, word: str) -> tuple[Token, Span, list[Span]]:
    """The last 'the' before ``word`` after the first sentence, its sentence and the ones
    before."""
    sents = [nlp(s.text)[:] for s in usable_sentences(text)]
    at, det = [(n, t) for n, s in enumerate(sents[1:], 1) for t in s
               if t.lower_ == "the" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == word][-1]
    return det, sents[at], sents[:at]


def _named(nlp: Language, text: str, word: str) -> tuple[str, str] | None:
    det, sent, before = _det(nlp, text, word)
    found = kinds.named(det, sent, before)
    return None if found is None else (found.text, found.name)


def test_a_kind_noun_is_named_by_the_thing_of_its_kind_the_page_is_about(nlp: Language) -> None:
    """'the city centre' → "Marlowe's city centre" ('Marlowe is a port city'), 'the nation' →
    'Velmaria' ('… is the largest country'), 'the series' → the drama the page defines."""
    assert _named(nlp, HARBOUR, "city") == ("the city", "Marlowe")
    assert _named(nlp, HARBOUR.replace("In 1850 the city gained a railway to Umeå.", ""),
                  "city") == ("The city centre", "Marlowe's city centre")
    assert _named(nlp, REPUBLIC, "nation") == ("The nation", "Velmaria")
    assert _named(nlp, DRAMA, "series") == ("The series", "The Velvet Hours")


def test_a_kind_noun_the_page_does_not_settle_is_left_alone(nlp: Language) -> None:
    """No name of the kind, two the sentence itself names, a name of another kind, or a 'the
    N' that says which one itself: no name stands in."""
    none = ("Many families left the coast in the famine of 1740. "
            "The city grew by a third within ten years.")
    assert _named(nlp, none, "city") is None
    own = ("Velmaria fought a long war with Ostrava. "
           "In 1822 Velmaria invaded Ostrava, pressuring the country into an alliance.")
    assert _named(nlp, own, "country") is None
    other = ("Norvik University was founded in 1811 by the merchant Anders Holm. "
             "The museum opened in 1900 beside the harbour.")
    assert _named(nlp, other, "museum") is None
    says = ("Velmaria exports tin and copper to Portugal. "
            "Velmaria was the country most dependent on the tin trade.")
    assert _named(nlp, says, "country") is None


def _cards(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return generate(doc, nlp, "intermediate", None, None)


def _shown(card: Candidate) -> str:
    return card.statement if card.type == "tf" and card.statement else card.question


def test_every_card_of_the_nation_sentence_names_the_country(nlp: Language) -> None:
    """'The nation declared independence …' is made into cards that say Velmaria (main
    showed 'The nation …', which card readers cannot place); none shows 'the nation'."""
    cards = _cards(nlp, REPUBLIC)
    declared = [c for c in cards if "independence" in c.source]
    assert declared, [(c.type, _shown(c)) for c in cards]
    for card in declared:
        assert not re.search(r"\bthe nation\b", _shown(card), re.IGNORECASE), _shown(card)
    assert any("Velmaria declared independence" in _shown(c) for c in declared), [
        (c.type, _shown(c)) for c in declared]


def test_a_described_series_is_the_named_show_s(nlp: Language) -> None:
    """'the revived series' → "The Velvet Hours' revived series"; 'the whole island' is no
    show's and stays."""
    assert _named(nlp, DRAMA.replace("The series was", "The revived series was"),
                  "revived") == ("The revived series", "The Velvet Hours' revived series")


def _fired(nlp: Language, text: str) -> list[tuple[str, str]]:
    """Every kind noun of ``text`` named, as (words, name)."""
    sents = [nlp(s.text)[:] for s in usable_sentences(text)]
    return [(found.text, found.name) for n, sent in enumerate(sents) for t in sent
            if t.lower_ == "the" and (found := kinds.named(t, sent, sents[:n])) is not None]


def test_a_name_cut_short_or_ending_in_the_noun_does_not_stand_in(nlp: Language) -> None:
    """'the museum' is not 'Albert Museum', the tagger's piece of 'the Edward and Albert
    Museum'."""
    assert _fired(nlp, (
        "The Edward and Albert Museum (often abbreviated as the E&A), Carlow, is the largest "
        "museum of glass in the world. The museum is funded by the state.")) == []


def test_a_place_named_once_and_not_the_topic_does_not_stand_in(nlp: Language) -> None:
    """'the city' on a page about Carvel is not Madrid, named once in passing."""
    assert _fired(nlp, (
        "Carvel was among the towns that the treaty granted to the rebels. "
        "Tension with Madrid led to a siege in 1622. "
        "The city's walls were then pulled down.")) == []


def test_a_building_is_no_city(nlp: Language) -> None:
    """'the city borders' are not the New Orangery's, a building the tagger calls a place."""
    assert _fired(nlp, (
        "The botanic garden has a large collection of rare plants, while a palm house in the "
        "New Orangery displays plants of the tropics. The New Orangery was built in 1788. "
        "Within the city borders there are also three large parks.")) == []
    assert not kinds._fits("the New Orangery", "city")
    assert kinds._fits("Warsaw", "city")
