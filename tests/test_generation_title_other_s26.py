"""A card whose answer is the page's title subject asks what the title shown above the deck
says (s26c's reviewers rejected 'Who married Katharina von Bora?' → Martin Luther on 'Martin
Luther'). Where the engine asks the same clause's other argument with a card of the same type
('Whom did Martin Luther marry?'), the titled card is not made (parsed._asked_other); where
it asks nothing else there, the titled card stays, served last (quality.select). Invented
titles and text, the real pipeline."""

from __future__ import annotations

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.cards import Candidate

TITLE = "Hilda Marsk"
TEXT = ("Hilda Marsk was a Swedish engineer who designed railway bridges. "
        "Marsk married Oskar Lind in 1921. "
        "Marsk left Uppsala on 3 March 1925. "
        "The Vass bridge crosses the river at Sollefteå. "
        "Marsk won the Polhem Prize in 1931.")


def _made(title: str | None) -> list[Candidate]:
    from agents.generation.prepare import prepare

    request = GenerationRequest(TEXT, "marsk", 8, "intermediate", ("qa", "mcq", "cloze"),
                                title=title)
    doc, centroid, _ = prepare(request, None)
    return RuleEngine(encoder=None).candidates(doc, "intermediate", centroid)


def test_the_titled_card_gives_way_to_the_other_argument() -> None:
    made = _made(TITLE)
    asked = {(c.type, c.question, c.answer) for c in made}
    # the other arguments of the sentences are asked ...
    assert ("qa", "Who did Marsk marry in 1921?", "Oskar Lind") in asked, asked
    assert ("qa", "When did Marsk leave Uppsala?", "3 March 1925") in asked, asked
    # ... and the title subject is not asked beside them
    for sentence in ("Marsk married Oskar Lind in 1921.", "Marsk left Uppsala on 3 March 1925.",
                     "Marsk won the Polhem Prize in 1931."):
        titled = [c for c in made if c.source == sentence and c.titled]
        assert not titled, titled
    # where its clause asks no other qa ('Who was a Swedish engineer …?'), the titled card stays
    first = [c for c in made if c.source.startswith("Hilda Marsk was") and c.type == "qa"]
    assert first and all(c.titled for c in first), first
    # without a title Marsk is no give-away: her cards are made
    assert any(c.answer == "Marsk" and c.type == "qa" for c in _made(None))
