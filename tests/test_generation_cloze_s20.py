"""Cloze cards reviewers of s19, s19b and s19c rejected, with the real pipeline and invented
text: a blank that opens with a focusing particle ('the imagination of _____' → 'even the
most experienced scientist'), and a blank that is one role noun for an unspecified person
('allows the _____ to check …' → 'programmer'). The sentences' other blanks stay."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import blanks
from agents.generation.spans import Answer
from tests.engine import generated


def _blanks(nlp: Language, text: str) -> list[str]:
    return [c.answer for c in generated(nlp, text, kind="cloze")]


def test_a_blank_never_opens_with_a_focusing_particle(nlp: Language) -> None:
    """s19c 'challenge the imagination of _____' → 'even the most experienced scientist'
    (trivial, cut): the particle is the writer's emphasis; no blank starts with it."""
    made = _blanks(nlp, "The storms challenge the imagination of even the most experienced "
                        "sailor.")
    assert not [a for a in made if a.split()[0].lower() == "even"], made
    assert "storms" in made, made
    made = _blanks(nlp, "Few of the Varn commissioners had even the slightest sense of duty.")
    assert not [a for a in made if a.split()[0].lower() == "even"], made


def test_a_role_noun_for_anyone_is_no_blank(nlp: Language) -> None:
    """s19 'allows the _____ to check for multiple conditions' → 'programmer', s14 'A _____
    whose treatment focuses on …' → 'counselor' (trivial): any role noun fits; the term the
    sentence teaches stays a blank."""
    made = _blanks(nlp, "Nesting a switch block inside a loop allows the programmer to test "
                        "several conditions.")
    assert "programmer" not in made, made
    assert any("switch block" in a for a in made), made
    made = _blanks(nlp, "A researcher who studies glaciers measures the albedo of the ice "
                        "sheet every spring.")
    assert "researcher" not in made, made
    made = _blanks(nlp, "Vision has received an incredible amount of attention from "
                        "researchers over the years.")
    assert "researchers" not in made, made


def test_no_blank_holds_a_symbol_of_a_formula_or_of_code(nlp: Language) -> None:
    """s18 'The second body exerts a _____ on the first body.' → 'force −F'; on physics and
    programming pages 'where _____ is the mass' → 'm', 'For a _____, …' → 'string variable
    s': a symbol no student types as the page wrote it. The words around it stay blanks."""
    made = _blanks(nlp, "The net force on the Varn sled is F = ma, where m is the mass of "
                        "the sled in kilograms.")
    assert "m" not in made, made
    assert "mass of the sled" in made or "kilograms" in made, made
    made = _blanks(nlp, "For a string variable s, the last character of a Varn label is "
                        "indexed len(s) - 1.")
    assert not [a for a in made if a.endswith(" s") or "(" in a], made
    made = _blanks(nlp, "The second sled exerts a force −F on the first sled during the "
                        "Varn race.")
    assert not [a for a in made if "−" in a], made


def test_a_case_name_or_an_x_ray_is_no_formula(nlp: Language) -> None:
    """The 'v' of a case name and the 'x' of 'x-rays' are no variables (s6-s19c rated: the
    case-name blank 'Josemans v Burgemeester van Maastricht' was kept)."""
    for text, phrase in (("Josemans v Burgemeester van Maastricht held that the cafes fell "
                          "outside article 56.", "Josemans v Burgemeester van Maastricht"),
                         ("Doctors of the Varn clinic first used x-rays in 1901.", "x-rays"),
                         ("The net force on the sled is F = ma in the Varn race.", "net force")):
        sent = nlp(text)[:]
        start = text.index(phrase)
        span = sent.doc.char_span(start, start + len(phrase))
        assert span is not None
        blank = Answer(span.start, span.end, "phrase", "NP", span.root.lemma_, phrase)
        assert not blanks.formula(blank, sent), phrase
    sent = nlp("The net force on the sled is F = ma, where m is the mass of the sled.")[:]
    m = next(t for t in sent if t.text == "m")
    assert blanks.formula(Answer(m.i, m.i + 1, "phrase", "NP", "m", "m"), sent)
