"""The deck's composition rules hold whatever P(keep) the keep model gives (quality.select):
a False place goes to a false statement the deck can take first, and a deck of all four
types serves each type that has a card over its bar. Session 21's refit broke both on
the demo's decks by moving P(keep) a few hundredths; here the keep values are set by hand
(synthetic candidates) or drawn at random (the engine on invented text, real spaCy)."""

from __future__ import annotations

import numpy as np
import pytest

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.cards import NEGATION, Candidate
from agents.generation.keep import NAMES, KeepModel
from agents.generation.quality import KEEP_BAR, KEEP_PAD, QualityScorer, Scored, _tells

TYPES = ("qa", "mcq", "cloze", "tf")


def _statement(text: str, answer: str, source: str, keep: float, score: float,
               negated: bool = False) -> Scored:
    tags = ["tf:false", NEGATION] if negated else [f"tf:{answer.lower()}"]
    return Scored(Candidate("tf", f"True or false: {text}", answer, source, statement=text,
                            tags=tags), {"keep": keep}, score)


def test_the_false_place_goes_to_a_false_statement_that_can_come_first() -> None:
    """The page's false statements are all under the bar: a negation ranked first and a
    swapped number ranked low. The negation waits for a false statement of another kind
    (one negation only beside another kind), so lifting it alone into the False place left
    the place empty: the deck served a true statement and no false one."""
    sources = [f"The Velmar glacier advanced {n} metres in the cold year {1700 + n}."
               for n in range(1, 7)]
    trues = [_statement(s, "True", s, 0.8, 0.9) for s in sources[:3]]
    negation = _statement(sources[0].replace("advanced", "did not advance"), "False",
                          sources[0], KEEP_BAR["tf"] - 0.02, 0.95, negated=True)
    swapped = _statement(sources[3].replace("1704", "1790"), "False", sources[3],
                         KEEP_PAD["tf"] + 0.02, 0.4)
    clozes = [Scored(Candidate("cloze", s.replace(f"{n} metres", "_____ metres"), str(n), s,
                               kind="number"), {"keep": 0.8}, 0.8)
              for n, s in zip((5, 6), sources[4:], strict=True)]
    clozes += [Scored(Candidate("cloze", f"The Orsk dam was raised in _____ ({k}).",
                                str(1900 + k), f"The Orsk dam was raised in {1900 + k} ({k}).",
                                kind="year"), {"keep": 0.8}, 0.8) for k in range(3)]
    chosen, _ = QualityScorer(None).select([*trues, negation, swapped, *clozes], 4,
                                           ("cloze", "tf"))
    said = [s.candidate.answer for s in chosen if s.candidate.type == "tf"]
    assert "False" in said, [s.candidate.question for s in chosen]
    assert swapped in chosen


# invented: a page of one-fact sentences with numbers, names and places for every type
TEXT = ("The Kestrel Bridge was opened in 1887 by the engineer Maria Holm. It crosses the "
        "river Tavel at the town of Brennick. The bridge is 412 metres long and carries a "
        "railway line. Holm also designed the harbour of Saltmere, which was finished in 1893. "
        "The harbour of Saltmere was damaged by a storm in 1921 and rebuilt in 1925. The "
        "railway line across the bridge was closed in 1968. A museum about Maria Holm opened "
        "in Brennick in 1990. The Tavel flows into the North Sea at the port of Vandrum.")


def _random_scorer(seed: int) -> QualityScorer:
    """A keep model of random weights (not the shipped ones: the test holds for any)."""
    rng = np.random.default_rng(seed)
    return QualityScorer(None, keep_model=KeepModel(rng.normal(0.0, 0.3, len(NAMES)),
                                                    float(rng.normal(0.5, 0.5)), {}))


@pytest.mark.parametrize("seed", range(10))
def test_each_asked_type_with_a_card_over_its_bar_is_served_whatever_the_weights(
        nlp: object, seed: int) -> None:
    """A deck of all four types with a place for each serves each type that has a card over
    its bar, unless every such card repeats or tells the fact of a deck card that is the only
    one of its type (or the deck's one false statement); and statements are never all true
    where two or more are served."""
    engine = RuleEngine(encoder=None, scorer=_random_scorer(seed))
    for count in (4, 8, 12):
        request = GenerationRequest(TEXT, "upload-s22", count, "intermediate", TYPES)
        deck_cards = engine.generate(request).cards
        scored, _ = engine.scored(request)
        served = {(c.type, c.question, c.answer) for c in deck_cards}
        deck = [s for s in scored
                if (s.candidate.type, s.candidate.question, s.candidate.answer) in served]
        # (a card whose question and answer are rewritten on delivery is not found here)
        slots = [f"{s.candidate.type}:{s.candidate.answer if s.candidate.type == 'tf' else ''}"
                 for s in deck]
        only = [s for s, slot in zip(deck, slots, strict=True) if slots.count(slot) == 1]
        for t in TYPES:
            if any(c.type == t for c in deck_cards):
                continue
            for s in scored:
                if s.candidate.type == t and engine.scorer.is_good(s) and NEGATION not in \
                        s.candidate.tags:
                    assert any(engine.scorer.is_duplicate(s, o) or _tells(s, o) for o in only), (
                        seed, count, t, s.candidate.question, [c.question for c in deck_cards])
        said = [c.answer for c in deck_cards if c.type == "tf"]
        assert len(said) < 2 or "False" in said, (seed, count, said)
