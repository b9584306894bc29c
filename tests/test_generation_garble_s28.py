"""Session 28's garbled clauses: a long sentence's clause that the text does not state as one.

- A verb after a bare comma at the end of a coordination whose conjunction came earlier ('comes
  from A but is B, imputed to C') is a participle the parser read as one more verb: given the
  first clause's subject it makes a clause with no verb ('Righteousness imputed to Christians
  through faith.', s28b) or a fact the text does not state; neither it nor the first clause is
  cut (clauses._conjoined).
- A clause right after a condition with no verb of its own ('…, so it is possible (but not
  confirmed) that A—if so, B') is supposed, not stated: no clause is cut from it (s28 'Dinophysis
  chloroplasts wear out …' told as fact; clauses._after_condition).

All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.clauses import clause_ids, clauses
from agents.generation.reference import Resolver

# the parser hangs 'established' on 'contrasted' as a third verb, after 'and contradicted'
MISREAD = ("This method contrasted and contradicted the theretofore established rules of fixed "
           "allocation of farm water, largely fortified by the spread of irrigation boards in "
           "the southern provinces.")
SUPPOSED = ("Cave beetles require their fungus to digest wood, and Tarrow beetles raised in "
            "clean jars alone cannot survive, so it is possible (but not confirmed) that the "
            "Tarrow fungus is a symbiont—if so, Tarrow beetles carry the fungus and Tarrow larvae "
            "must continually eat infected wood to obtain new fungus to replace the dead ones.")
COORDINATED = ("The red glass in the chapel windows comes from Venice, made in the workshops of "
               "Murano, and is represented in the museum by several pieces, shipped to the town "
               "by its merchants.")


def _parse_clauses(nlp: Language, text: str) -> set[str]:
    sent = nlp(text)[:]
    return {" ".join(sent.doc[i].text for i in ids) for ids, _ in clause_ids(sent)}


def _clauses(nlp: Language, text: str) -> list[str]:
    return [c.text for c in clauses(nlp(text)[:], Resolver(), nlp)]


def test_a_verb_after_the_last_conjunction_and_a_bare_comma_is_no_clause(nlp: Language) -> None:
    found = _parse_clauses(nlp, MISREAD)
    assert not any("established rules" in c for c in found), found
    assert "This method contrasted" not in found


def test_a_clause_under_if_so_is_not_stated(nlp: Language) -> None:
    assert not any("Tarrow beetles carry" in c for c in _clauses(nlp, SUPPOSED))


def test_verbs_joined_by_and_still_give_their_clauses(nlp: Language) -> None:
    assert _clauses(nlp, COORDINATED) == [
        "The red glass in the chapel windows comes from Venice.",
        "The red glass in the chapel windows is represented in the museum by several pieces."]


RUN_ON = ("Marine biologists have counted many species of coral in reefs near Fiji, Samoa, Tonga, "
          "and Palau, but were long unable to sample the deep reefs of the Pacific, thought to "
          "be the richest of all.")


def test_a_participle_after_a_later_conjunct_leaves_the_first_clause_standing(
        nlp: Language) -> None:
    # the participle hangs on the second conjunct's last words, after a comma: that conjunct
    # ends before it and the first clause never reached it (s28c's reviewers kept both)
    found = _parse_clauses(nlp, RUN_ON)
    assert any(c.startswith("Marine biologists have counted many species") for c in found), found
    assert any(c.startswith("Marine biologists were long unable") for c in found), found
    assert not any("thought" in c for c in found), found
