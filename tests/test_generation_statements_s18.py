"""False statements of sentences with nothing to swap (session 18, issue 9 round 2): the main
clause negated with do-support or after its auxiliary (claims.negation), only where the clause
is plain enough that its negation is plainly false, at most one per deck and beside a
false statement of another kind where the page gives one (quality._composes); and a verb of
change that moves a quantity swapped for its opposite ('rose' → 'fell'). Sentences made up
for the tests, real pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.quality import QualityScorer
from agents.generation.text import usable_sentences

# a dated sentence first: its changed year is the deck's false statement of another kind
_BEFORE = "Timur founded the Timurid Empire in Central Asia in 1370. "


def _made(nlp: Language, text: str) -> list[Candidate]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c for c in generate(doc, nlp, "intermediate", None, None)
            if c.type == "tf" and c.answer == "False"]


def _false(nlp: Language, text: str) -> list[str]:
    return [c.statement for c in _made(nlp, _BEFORE + text) if c.source != _BEFORE.strip()]


def test_a_plain_sentence_gives_its_negation_as_a_false_statement(nlp: Language) -> None:
    cases = {
        "The Genoese merchants built a harbour at the mouth of the Dnieper.":
            "did not build a harbour",
        "The fortress of Kaffa was governed by a Genoese consul.": "was not governed",
        "The Hanseatic merchants sell furs to the princes of Novgorod.":
            "do not sell furs",
    }
    for text, words in cases.items():
        made = _false(nlp, text)
        assert len(made) == 1 and words in made[0], (text, made)


def test_no_negation_where_it_would_not_be_plainly_false(nlp: Language) -> None:
    for text in (
        "Some Genoese merchants built a harbour at the mouth of the Dnieper.",  # quantifier
        "The Genoese merchants often traded furs with the princes of Novgorod.",  # hedge
        "The Genoese merchants may have built a harbour at the mouth of the Dnieper.",  # modal
        "Only the Genoese merchants built a harbour at the mouth of the Dnieper.",  # only
        "The Genoese merchants did not build a harbour at the mouth of the Dnieper.",  # negated
        "The Genoese merchants traded furs or salt with the princes of Novgorod.",  # either
        "In principle, the Genoese consul was entitled to tax the merchants of Kaffa.",
        "The strength of the Genoese consul was in the harbour of the city of Kaffa.",
        "The Genoese merchants built a harbour and traded furs with the princes of Kiev.",
    ):
        assert _false(nlp, text) == [], text


def test_one_negation_per_deck_and_the_only_false_one_where_no_other_kind(
        nlp: Language) -> None:
    """Counted on the deck's cards (quality._composes): every negation is a candidate. With a
    changed year on offer the negation comes beside it; without one (session 20, 9f2) it is
    the deck's one false statement, no longer none."""
    two = ("The Genoese merchants built a harbour at the mouth of the Dnieper. "
           "The fortress of Kaffa was governed by a Genoese consul.")
    for text, most in ((_BEFORE + two, 1), (two, 1)):
        made = [c for c in generate(Document(usable_sentences(text), {}, "en", None, None,
                                             Counter()), nlp, "intermediate", None, None)
                if c.type == "tf"]
        assert sum("tf:negation" in c.tags for c in made) == 2, made
        scorer = QualityScorer(keep_model=None)
        chosen, _ = scorer.select(scorer.score(made, "intermediate"), len(made), ("tf",))
        negated = [s for s in chosen if "tf:negation" in s.candidate.tags]
        assert len(negated) == most, [s.candidate.question for s in chosen]


def test_a_verb_of_change_is_swapped_only_where_it_moves_a_quantity(nlp: Language) -> None:
    made = _false(nlp, "The price of salt in the markets of Kaffa rose sharply after the siege.")
    assert len(made) == 1 and "fell sharply" in made[0], made
    made = _false(nlp, "The old harbour of Kaffa fell into disuse after the siege of the city.")
    assert not any("rose" in m for m in made), made
