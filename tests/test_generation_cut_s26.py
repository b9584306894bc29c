"""Answers and clauses cut at a wrong boundary (s25/s25b/s25c rejects tagged cut-boundary), on
invented text with the real parse: a date run into an institution's name, a blank over "the
neighbourhood of" a name, a blank that leaves its phrase's participle behind, a formula's
letter taken for an article, a bracket's aside that runs past its bracket, a clause cut before
the colon that held its verb's object."""

from __future__ import annotations

from agents.generation.clauses import clauses
from agents.generation.spans import answers


def _texts(nlp, sentence: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.text for a in answers(nlp(sentence)[:])]


def test_a_date_is_not_part_of_a_council_name(nlp):  # type: ignore[no-untyped-def]
    got = _texts(nlp, "The new bridge toll was approved by the Riverton Harbour Council on "
                      "March 4, 1911.")
    assert not any("on March" in t for t in got)


def test_a_name_after_of_is_asked_alone(nlp):  # type: ignore[no-untyped-def]
    got = _texts(nlp, "Although sections of Ferndale are inside the city limits, most of the "
                      "suburb is unincorporated.")
    assert "sections of Ferndale" not in got
    assert "Ferndale" in got


def test_the_blank_does_not_leave_its_participle(nlp):  # type: ignore[no-untyped-def]
    got = _texts(nlp, "The same rule does not only apply to the sensitivity of output "
                      "produced.")
    assert "sensitivity of output" not in got


def test_a_formula_keeps_its_first_letter(nlp):  # type: ignore[no-untyped-def]
    got = _texts(nlp, "When cells divide, the strand not being read is exposed, and thus at "
                      "risk for A → T conversion.")
    assert not any(t.startswith("→") for t in got)


def test_a_bracket_aside_ends_at_its_bracket(nlp):  # type: ignore[no-untyped-def]
    sent = next(nlp("Two heritage trams operate over 900 mm (2 ft 11 in) narrow track lines, "
                    "which are the remains of four formerly council-owned lines which were "
                    "laid in hilly suburbs.").sents)
    assert not any(c.text.rstrip(".").endswith("900 mm") for c in clauses(sent, None, nlp))


def test_no_clause_before_the_colon_that_holds_its_object(nlp):  # type: ignore[no-untyped-def]
    sent = next(nlp("Marlowe once wrote in the preface to a colleague’s long history of trade: "
                    "“[Trade] is a habit rather than a law, a custom of the market, a way of "
                    "living, which helps its followers to find good partners.”").sents)
    assert not any(c.text.startswith("Marlowe once wrote") for c in clauses(sent, None, nlp))
