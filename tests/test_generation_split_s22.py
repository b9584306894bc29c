"""A long sentence of clauses joined by semicolons or a colon still makes cards: each stretch
between them that re-parses as a clause of its own (its own subject and finite verb) is a
clause of the sentence (clauses.piece_ids), even where the long sentence's parse hangs it on
the first clause wrongly. A stretch with a pronoun other than its subject, a list after a
colon and what follows a verb of saying stay out. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import GenerationRequest, RuleEngine
from agents.generation.clauses import clauses
from agents.generation.reference import Resolver

FLOODS = ("The river Marrow floods the eastern plain every spring and brings fresh silt to the "
          "fields; farmers in the valley plant the new barley only after the water has gone "
          "down.")


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_the_clause_after_a_semicolon_is_a_sentence_of_its_own(nlp: Language) -> None:
    # the long sentence's parse makes 'gone' its root and 'farmers' the subject of 'gone'
    assert "Farmers in the valley plant the new barley only after the water has gone down." in (
        _clauses(nlp, FLOODS))


def test_a_stretch_with_a_pronoun_of_the_clause_before_is_left_out(nlp: Language) -> None:
    text = ("The old stone bridge at Vellan was built by the salt merchants in the winter of "
            "1642; the town council paid for its repair after the great flood of 1788 with a "
            "tax on wool.")
    assert not any("repair" in c for c in _clauses(nlp, text))


def test_a_list_after_a_colon_and_a_view_after_a_verb_of_saying_are_no_clauses(
        nlp: Language) -> None:
    listed = ("Among the many festivals held in the old harbour town of Vellan every summer the "
              "best known are: the Salt Fair, the Barley Market, the Lantern Walk and the Regatta.")
    assert _clauses(nlp, listed) == []
    said = ("The historian Orla Venn argued in her long study of the northern coast towns that "
            "trade was slow; the salt merchants of Vellan lost most of their ships in the storms.")
    assert not any("ships" in c for c in _clauses(nlp, said))


def test_a_colon_inside_a_word_and_a_stretch_opened_by_a_conjunction(nlp: Language) -> None:
    named = ("The salt:wool ratio of the Vellan guild was fixed by the town council in 1642, "
             "which kept the price of salt in the northern markets low for a century.")
    assert "The salt:wool ratio of the Vellan guild was fixed by the town council in 1642." in (
        _clauses(nlp, named))
    joined = ("Most of the refugees settled in the northern towns of the old kingdom of "
              "Vellan; and many of them moved on to the coastal villages a few years later.")
    assert not any(c.startswith(("And", "Many")) for c in _clauses(nlp, joined))


def test_no_clause_joins_the_words_of_two_stretches(nlp: Language) -> None:
    # the long sentence's parse makes 'Venn … separately Eskel' the subject of 'sold': its
    # clause 'Around 1790 the engineer Orla Venn, separately Eskel sold …' is no fact of the text
    text = ("Around 1790 the engineer Orla Venn and, separately, Bram Eskel in 1794 introduced "
            "mills driven by tidal water; Eskel sold the first tidal mill to the Vellan guild of "
            "millers in 1799.")
    assert _clauses(nlp, text) == [
        "Eskel sold the first tidal mill to the Vellan guild of millers in 1799."]
    result = RuleEngine(None).generate(GenerationRequest(
        text, "t", 6, "intermediate", ("qa", "mcq", "cloze", "tf")))
    assert result.cards
    assert not any("separately" in c.question for c in result.cards)
