"""The place a page's opening subject names ('Wages for nurses in Norway depend on …',
'Nursing in Chile requires …') is carried into the cards of the sentences after it, as an
opening 'In Norway,' already was (setting.py): seen reviews rejected the next sentences' pay
cards for want of the country (s27 Ireland, s29c Canada). A sentence the model tags a place in
by mistake ('p.a.', '(M.A., H.Dip.)') or that names a people ('the Norwegian language') does
not end the frame; a dated event's place ('In 1990, a court in Oslo …') is not one."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import definites, setting
from agents.generation.text import usable_sentences
from tests.engine import generated

NORWAY = ("Wages for hospital nurses in Norway depend mainly on experience and qualifications. "
          "Extra pay is also given for working through the Norwegian language on an island. "
          "The basic pay for a starting nurse is €31,250 p.a., rising to €52,100 after "
          "twenty years. A head nurse with several qualifications (M.A., H.Dip., etc.) could "
          "earn over €80,000.")
CHILE = ("Nursing in Chile requires a four-year university degree. "
         "Salary ranges from $18,000/year to $41,000/yr.")
COURT = ("In 1990, a court in Oslo fined the shipping firm for dumping oil. "
         "The firm appealed the fine twice.")


def _frames(nlp: Language, text: str) -> list[str | None]:
    sents = [nlp(s.text)[:] for s in usable_sentences(text)]
    return [setting.frame(s, sents[:i]) for i, s in enumerate(sents)]


def test_the_opening_subjects_country_frames_the_next_sentences(nlp: Language) -> None:
    """The pay sentences stand in Norway; the opening sentence names it itself."""
    assert _frames(nlp, NORWAY) == [None, None, "In Norway", "In Norway"]
    assert _frames(nlp, CHILE) == [None, "In Chile"]


def test_the_pay_cards_say_the_country(nlp: Language) -> None:
    """Every card of the salary sentence says Chile."""
    cards = [c for c in generated(nlp, CHILE) if "Salary" in c.source]
    shown = [c.statement if c.type == "tf" and c.statement else c.question for c in cards]
    assert shown
    assert all("Chile" in s for s in shown), shown


def test_a_dated_events_place_frames_nothing(nlp: Language) -> None:
    """'In 1990, a court in Oslo …' tells one event: the appeal is not 'in Oslo'."""
    assert _frames(nlp, COURT) == [None, None]


MERGED = ("On 2 May 1971, the two town governments merged to create the Borough of Harlow Vale. "
          "Police, fire, parks and housing were all combined under the new government.")
ELECTED = ("Voters in Harlow Vale went to the polls on 2 May 1971. "
           "Police, fire, parks and housing were all combined under the new government.")


def _refs(nlp: Language, text: str) -> list[tuple[str, str]]:
    sents = [nlp(s.text)[:] for s in usable_sentences(text)]
    return [(r.rule, r.text) for r in definites.references(sents[-1], sents[:-1])]


def test_the_new_government_the_page_made_points_back(nlp: Language) -> None:
    """'the new government' after 'the governments merged' is the one the page made: no card
    shows it. 'government' alone names the one there is (definites._UNIQUE); 'new' says which."""
    assert ("modified", "the new government") in _refs(nlp, MERGED)
    shown = [c.statement if c.type == "tf" and c.statement else c.question
             for c in generated(nlp, MERGED) if "Police" in c.source]
    assert not any("the new government" in s for s in shown), shown


def test_a_new_government_the_page_never_spoke_of_stands(nlp: Language) -> None:
    """With no government before it, 'the new government' is not one the page named."""
    assert ("modified", "the new government") not in _refs(nlp, ELECTED)
