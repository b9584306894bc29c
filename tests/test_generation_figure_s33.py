"""Cards that lean on a figure or on the sentence before (s33), with the real pipeline: a
cloze or true/false statement is not made from a sentence whose figure reference was stripped
('…, which is depicted in.', '…, as summarized in.') or that points back at what the page
described ('The yearly salaries described form …', 'the above example'); no card opens on a
time only the sentence before sets ('By then, …', 'Even then, …'). Invented text."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import nonfact
from agents.generation.cards import Candidate
from agents.generation.defects import leans_on_before
from tests.engine import generated

FACT = "The Loire valley produces most of the dry white wine sold in western France each year."




def _shown(cards: list[Candidate], words: str) -> list[Candidate]:
    """The cloze and true/false cards whose shown sentence holds ``words``."""
    return [c for c in cards if c.type in ("cloze", "tf") and words in c.question]


def test_a_stripped_figure_reference_is_not_shown(nlp: Language) -> None:
    cards = generated(nlp, FACT + " Coral reefs in the Red Sea grow fastest in warm shallow water, "
                              "as summarized in.")
    assert _shown(cards, "Loire")  # the page still gives cards
    shown = _shown(cards, "summarized")
    assert shown == [], [c.question for c in shown]
    assert nonfact.cites_page(nlp("Glaciers move by basal sliding, which is depicted in.")[:])
    for text in ("Judges of the high court must be at least forty years old when sworn in.",
                 "Geographers study the landscapes that farmers have shaped and live in.",
                 "The miners dug for weeks before the old tunnel roof finally caved in."):
        assert not nonfact.cites_page(nlp(text)[:]), text  # a particle, an active verb


def test_a_noun_the_page_described_before_is_not_shown(nlp: Language) -> None:
    cards = generated(nlp, FACT + " The yearly rents described form a rising sequence.")
    assert _shown(cards, "Loire")
    shown = _shown(cards, "described")
    assert shown == [], [c.question for c in shown]
    for text in ("The last three ferries listed were also sold abroad and refitted in Greece.",
                 "The above example shows that the tax falls mostly on tenants in the city."):
        assert nonfact.cites_page(nlp(text)[:]), text
    for text in ("The rents described by the 1820 survey rose steadily over the decade.",
                 "The ferries listed in the harbour register were sold abroad in 1931.",
                 "Trial division tests whether a given number n has a smaller factor.",
                 "Normandy produced many illustrated manuscripts in the twelfth century.",
                 "The above-ground parts of the fern die back in the first frost.",
                 FACT):
        assert not nonfact.cites_page(nlp(text)[:]), text  # given its source, or no pointer


def _card(question: str, kind: str = "tf") -> Candidate:
    return Candidate(type=kind, question=question, answer="True", source=question)


def test_an_opening_time_set_by_the_sentence_before_leans_on_it() -> None:
    for opening in ("By then, the harbour of Brest held most of the fleet.",
                    "Even then, the harbour of Brest held most of the fleet.",
                    "Since then the harbour of Brest has held most of the fleet.",
                    "By that time the harbour of Brest held most of the fleet."):
        assert leans_on_before(_card("True or false: " + opening)), opening
    assert not leans_on_before(_card("True or false: Thenard isolated boron in 1808."))
    assert not leans_on_before(_card("True or false: By 1808 Thenard had isolated boron."))
