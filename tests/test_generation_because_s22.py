"""A long sentence whose main clause is given a reason or purpose with no comma before it
('A are called B because they …', '… in order to …', '… so that …') still yields a clause:
the main clause without its reason (clauses._reason), which the sentence states as a fact.
Before, the clause kept the reason, stayed as long as the sentence and made no cloze or
statement. A negated main clause, and 'since' after a perfect (a time), keep theirs. All
texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.clauses import clauses
from agents.generation.reference import Resolver

BECAUSE = ("Taste and touch in the river otters of the Vellan marshes are called contact senses "
           "because they detect signals that come from very close by in the muddy water.")


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_the_main_clause_without_its_reason_is_a_clause(nlp: Language) -> None:
    assert "Taste and touch in the river otters of the Vellan marshes are called contact " \
           "senses." in _clauses(nlp, BECAUSE)


def test_the_main_clause_without_its_purpose_is_a_clause(nlp: Language) -> None:
    order = ("The farmers of the Vellan valley built a long stone wall along the northern edge "
             "of the river in order to keep the spring floods away from their barley.")
    assert "The farmers of the Vellan valley built a long stone wall along the northern edge " \
           "of the river." in _clauses(nlp, order)
    since = ("The river otters of the Vellan marshes were protected by a strict law of the town "
             "council since their numbers fell sharply in the dry summer of 1960.")
    assert "The river otters of the Vellan marshes were protected by a strict law of the town " \
           "council." in _clauses(nlp, since)


def test_a_negated_clause_and_a_time_since_keep_their_part(nlp: Language) -> None:
    negated = ("The old stone bridge over the river Marrow at Vellan was not rebuilt by the town "
               "council because the salt merchants of the harbour refused to pay for it.")
    assert not any(c.startswith("The old stone bridge") and "because" not in c
                   for c in _clauses(nlp, negated))
    perfect = ("The river otters of the Vellan marshes have been protected by a strict law of "
               "the town council since their numbers fell sharply in 1960.")
    assert not any("since" not in c and "protected" in c for c in _clauses(nlp, perfect))


def test_no_reason_goes_that_the_clause_needs_or_that_fits_a_card(nlp: Language) -> None:
    worded = ("Every notice of the town council of Vellan about the spring floods of the river "
              "Marrow must be written so that it is clearly understood by the farmers.")
    assert not any("because" not in c and c.endswith("written.") for c in _clauses(nlp, worded))
    qualified = ("During the long wet spring of 1788, trade in the old harbour town of Vellan "
                 "fell sharply, in part because the salt merchants had lost their ships.")
    assert not any(c.endswith(("part.", "sharply.")) for c in _clauses(nlp, qualified))
    short = ("The whiskers of the Vellan river otter are called touch hairs because they sense "
             "the movements of fish.")
    assert _clauses(nlp, short) == []


def test_the_reason_sentence_now_makes_a_card_without_its_reason() -> None:
    text = ("The whiskers of the Vellan river otter are called touch hairs because they sense "
            "the small movements of fish in the dark and muddy water of the northern marsh. "
            "The keepers of the Vellan marshes count the river otters on the long northern "
            "banks of the Marrow every spring in order to report their numbers to the town "
            "council. The otters of the Marrow build their dens in the soft clay banks of the "
            "river and raise two or three cubs each year.")
    result = RuleEngine(None).generate(GenerationRequest(
        text, "t", 6, "intermediate", ("qa", "mcq", "cloze", "tf")))
    assert any("touch hairs" in c.question + " " + c.answer and "because" not in c.question
               for c in result.cards)
