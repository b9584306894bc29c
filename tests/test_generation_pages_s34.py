"""No cloze blank of a text's page count ('The _____-page Action Plan sets out …' → '200', s33b:
rejected by every reviewer, 'page count not worth learning'): how long a document is says
nothing of what it says."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated

_PAGE = ("The 340-page Delta Report sets out the Dutch government's plan for raising the dikes "
         "along the Rhine estuary.")
_COUNT = "The plan names 42 pumping stations along the Rhine estuary."


def test_no_blank_of_a_page_count(nlp: Language) -> None:
    cards = generated(nlp, _PAGE + " " + _COUNT)
    assert any(c.type == "cloze" and c.source == _PAGE for c in cards)  # its other blanks stay
    assert [c.question for c in cards if c.type == "cloze" and c.answer == "340"] == []

