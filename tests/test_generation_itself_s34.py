"""'The phrase itself' is the phrase the page gave (session 34): s33 reviewers rejected as
missing-context 'the phrase itself means a pointless pursuit' (after 'The phrase taking coals
to Newcastle …'); definites.pointing_back read 'itself' as words that say which phrase."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated


def test_itself_does_not_say_which_one(nlp: Language) -> None:
    text = ("A phrase about carrying sand to the desert was recorded in 1702. "
            "In Oran, the phrase itself means a pointless effort.")
    shown = [c.statement or c.question for c in generated(nlp, text)
             if c.type in ("tf", "qa") and "Oran" in c.source]
    assert not [s for s in shown if "the phrase itself" in s.lower()], shown
