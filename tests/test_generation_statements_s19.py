"""More false statements for sentences with no number or date (session 19): a name swapped
for another the page puts in the same slot (swaps.py, parsed._named_swap), and more words
of direction, size, outcome and stance swapped for their opposites (claims.opposite). The
seen decks were 78 % True because such sentences had no false statement but a capped
negation. Sentences made up for the tests, the real pipeline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


def _false(nlp: Language, text: str, tag: str) -> list[str]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made: list[Candidate] = generate(doc, nlp, "intermediate", None, None)
    return [c.statement for c in made if c.type == "tf" and c.answer == "False"
            and tag in c.tags]


def test_a_name_is_swapped_for_one_the_page_puts_in_the_same_slot(nlp: Language) -> None:
    page = ("The peace treaty between the two kingdoms was signed in Vienna in the spring. "
            "Rebel armies gathered in Milan before the final battle. "
            "Marcus Varro commanded the northern army on the frontier. "
            "Lucius Brennan fled from the capital with his guards.")
    made = _false(nlp, page, "tf:name")
    assert "Rebel armies gathered in Vienna before the final battle." in made, made
    # an opening subject for an opening subject, a full name for a full name
    assert "Marcus Varro fled from the capital with his guards." in made, made


def test_no_name_swap_that_stays_true_or_reads_absurd(nlp: Language) -> None:
    for page in (
        # the other name is in the sentence already: 'in Vienna and Milan' stays half true
        "The treaty was signed in Vienna by the envoys. "
        "The merchants of the guild traded silk in Milan and Vienna.",
        # the page says the same of the other name: a second right answer
        "The rebels gathered in Vienna before the final battle at the river. "
        "The rebels gathered in Milan before the final battle at the river.",
        # a definition: 'Milan is a city in Austria' for '… in Italy' tells a name's kind
        "The treaty was signed in Austria by the envoys of the two kingdoms. "
        "Milan is a large city in Italy with many famous churches.",
        # a city for a country: 'in France' and 'in Vienna' are different kinds of place
        "The envoys of the emperor met in Vienna in the spring of that year. "
        "The young painter studied in France for many years before his return.",
        # a noun's place names a part of it: 'the Cape province in France' reads absurd
        "The envoys of the emperor met in Vienna in the spring of that year. "
        "The old vineyards of the hills near Lyon still bear French names.",
        # one name inside the other: the same man
        "Tarquin the Proud was expelled from Rome by the angry citizens. "
        "Tarquin fled from the city with his family and his servants.",
    ):
        assert _false(nlp, page, "tf:name") == [], page


def test_no_name_swap_in_a_negated_sentence(nlp: Language) -> None:
    # what did not happen in one place did not happen in most others either
    page = ("The peace treaty was signed in Vienna in the spring. "
            "Rebel armies did not gather in Milan before the final battle.")
    made = _false(nlp, page, "tf:name")
    assert not any("did not gather" in m for m in made), made


_BEFORE = "Timur founded the Timurid Empire in Central Asia in 1370. "


def test_more_opposites_make_a_false_statement(nlp: Language) -> None:
    cases = {
        "The town council supported the plan to build a new harbour.": "opposed",
        "The trade of the northern ports grew rapidly after the war with Denmark.": "slowly",
    }
    for text, word in cases.items():
        made = _false(nlp, _BEFORE + text, "tf:opposite")
        assert len(made) == 1 and word in made[0], (text, made)


def test_no_opposite_of_a_description_or_with_its_direction_named(nlp: Language) -> None:
    for text in (
        "The lost city of the Incas was found by explorers in the jungle.",  # a description
        "The accepted view of the council was written down by its clerk.",
        "The colony exported timber and furs to the markets of Europe.",  # 'imported … to'
        "Many families in the villages lost their sons and their fathers in the war.",  # 'won'
        "At the most basic level, media are tools for storing and sharing information.",
        "Sayyid Qutb wrote about poetry and most importantly about Islamic law.",
        # a superlative's opposite is a record no page claims (session 33: 8 of 19 kept)
        "The temple of Apollo is the oldest building of the ancient city.",
        "Oslo is the most populous city of the Norwegian kingdom.",
    ):
        assert _false(nlp, _BEFORE + text, "tf:opposite") == [], text


def test_a_name_is_swapped_where_one_thing_alone_holds_or_after_another_locative(
        nlp: Language) -> None:
    page = ("Portugal was the first nation to reach the coast of India by sea. "
            "Spain sent galleons to Havana with silver every spring. "
            "Envoys of the Pope met in Lisbon during the winter.")
    made = _false(nlp, page, "tf:name")
    assert "Spain was the first nation to reach the coast of India by sea." in made, made
    # a place after 'to' for one after 'in': both where something happened
    assert "Envoys of the Pope met in Havana during the winter." in made, made
