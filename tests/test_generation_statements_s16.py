"""False statements of sentences with no number or date (claims.opposite, parsed._statements):
a deck whose false statements came only from changed numbers was ~84 % True on the seen
passages. A word of direction, size or sign is swapped for its opposite, on sentences made
up for the tests with the real pipeline; a swap that would not make the sentence false (in
its subject, negated, in a name, with both sides named) is not made."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

# a page of one sentence gets the context rules relaxed (parsed._FEW): the tested sentence
# comes after one that gives cards of its own
_BEFORE = "Timur founded the Timurid Empire in Central Asia in 1370. "


def _false(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(_BEFORE + text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [c.statement for c in made  # (a negated one is test_generation_statements_s18's)
            if c.type == "tf" and c.answer == "False" and c.source != _BEFORE.strip()
            and "tf:negation" not in c.tags]


def test_a_sentence_without_numbers_gives_a_false_statement_of_the_opposite(
        nlp: Language) -> None:
    cases = {
        "Heavy monsoon rains increased the harvest of the rice farms in the Mekong delta.":
            "decreased",
        "The harbour of Riga had higher tariffs than the ports of the Hanseatic League.":
            "lower tariffs",
        "The turbine of Parsons was more efficient than the old steam pumps of the Cornish mines.":
            "less efficient",
    }
    for text, word in cases.items():
        made = _false(nlp, text)
        assert len(made) == 1 and word in made[0], (text, made)


def test_no_opposite_where_it_would_not_make_the_sentence_false(nlp: Language) -> None:
    for text in (
        # the subject: of the traders of the north the page says nothing
        "The traders of the southern provinces paid taxes to the weavers of the capital.",
        # both sides named
        "The eastern half of the valley was drier than the western half of the valley.",
        # negated: neither side may hold
        "The long drought did not increase the price of grain in the markets of Bukhara.",
        # a name
        "The caravans of the merchants reached East Timor after a voyage of many months.",
        # a term, not a description ('external combustion', 'lower learning' are no claims)
        "The ships of the Swedish navy were driven by internal combustion engines from Germany.",
        "Students of the Sorbonne saw higher learning as a path to office in Paris.",
        # a set phrase whose swap is garbled
        "Traders from one or more cities of the Hanseatic League sailed to Novgorod each spring.",
        "The vast majority of the ships of the Hanseatic League sailed from Lübeck.",
    ):
        assert _false(nlp, text) == [], text


def _statements(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(_BEFORE + text), {}, "en", None, None, Counter())
    return [c.statement for c in generate(doc, nlp, "intermediate", None, None)
            if c.type == "tf" and c.source != _BEFORE.strip()]


def test_a_subject_that_leaves_its_noun_to_the_page_gives_no_statement(nlp: Language) -> None:
    """'Many follow the federal rulemaking process …', 'All nine serve lifetime terms …'
    (s15b: all three reviewers, missing context: many what, nine what)."""
    for text in ("Many sailed to Novgorod each spring for the fur trade of the Hanseatic League.",
                 "All seven serve terms of four years in the town council of Lübeck."):
        assert _statements(nlp, text) == [], text
    for text in ("Many merchants sailed to Novgorod each spring for the fur trade of the "
                 "Hanseatic League.",
                 "All seven aldermen serve terms of four years in the town council of Lübeck."):
        assert _statements(nlp, text), text
