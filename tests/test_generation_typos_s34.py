"""A word the page misspelled ('would be heavily subsidiszed') is shown by no card; the text is
not corrected, other cards stay, and a page's own rare term, a name, a quoted foreign word or
a species name is no misspelling (session 34: s26's reviewers rejected all four cards that
showed the page's 'subsidiszed'). The text and its misspellings are invented."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import typos
from agents.generation.text import usable_sentences
from tests.engine import generated

_PAGE = ("The port of Velmora grew rich on the salt trade in the eighteenth century. "
         "In 1842 the town council built a new harbuor for the fishing fleet at the mouth of "
         "the Tessel River. The weavers of Velmora dyed their cloth with dravel, a root that "
         "grows on the northern cliffs. Dravel gave the cloth of Velmora its deep red colour. "
         "Merchants from Velmora shipped salt and red cloth to Brenholt and Carrow.")


def _shown(card: object) -> str:
    return " ".join((card.question, card.answer, card.statement,  # type: ignore[attr-defined]
                     *card.choices)).lower()  # type: ignore[attr-defined]


def test_no_card_shows_the_pages_misspelling_and_its_own_term_stays(nlp: Language) -> None:
    made = generated(nlp, _PAGE)
    assert made, "the page still makes cards"
    assert not [c.question for c in made if "harbuor" in _shown(c)]
    assert any("dravel" in _shown(c) for c in made), "a term the page uses twice is its own"


def _flagged(nlp: Language, text: str) -> frozenset[str]:
    return typos.misspelled(nlp(s.text)[:] for s in usable_sentences(text))


def test_a_lowercase_word_one_edit_from_a_common_word_is_flagged(nlp: Language) -> None:
    assert _flagged(nlp, _PAGE) == {"harbuor"}
    assert _flagged(nlp, "The old mill was heavily taxxed by the duke in 1620.") == {"taxxed"}


def test_names_inflections_foreign_and_species_words_are_not(nlp: Language) -> None:
    assert not _flagged(nlp, "In 1842 the fleet sailed to Harbuor under Captain Vessle.")
    assert not _flagged(nlp, "The choir of Velmora sang the hymn 'Herr, dich loben wir' at "
                             "Easter.")
    assert not _flagged(nlp, "Some species, including Velmoria sheltor, glow when touched.")
    assert not _flagged(nlp, "The six membraned cells of the reef sponge glow when touched.")
    assert not _flagged(nlp, "The harbor of Velmora was built in 1842 for 300 boats.")


def test_do_support_takes_the_e_verb_of_an_ed_past(nlp: Language) -> None:
    """'premiered' is 'premiere' + d, not 'premier' + ed ('When did ABC premier …?' was rejected
    by every reviewer as a typo, s23, s32c, s33c); 'staged' is 'stage' + d, not 'stag'."""
    page = ("In 1996, the Harlow network premiered the comedy Dock Street. "
            "In 1874, the dockers of Velmora staged a long strike for higher wages.")
    asked = " ".join(c.question for c in generated(nlp, page, kind="qa")).lower()
    assert "premiere the comedy" in asked and "stage a long strike" in asked
    assert "premier " not in asked and "stag " not in asked
