"""True/false statements that lean on the page through a bare "the N" (definites.py), with
the real pipeline: the noun the page introduced as one particular thing needs the page; a
noun the page speaks of generically stands alone."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences

BOILER = (
    "Lead fusible plugs may be present in the crown of the boiler's firebox. "
    "If the water level drops, the lead melts and the steam escapes into the firebox. "
    "The plugs are also too small in area to lower steam pressure significantly. "
    "In 1552, French settlers built an outpost on the coast of Florida. "
    "A storm destroyed the outpost in 1553 and the settlers sailed home to France. "
    "The siege of Acre by the crusaders began in 1189. "
    "The siege cost thousands of lives before Acre fell to King Richard in 1191."
)
SKIN = (
    "The skin is the largest organ of the human body. "
    "The skin protects the body from water loss and from infection by bacteria. "
    "Sweat glands in the skin release water that cools the body in 1 hour or less."
)


def _statements(nlp: Language, text: str) -> list[str]:
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    return [c.statement for c in generate(doc, nlp, "intermediate", None, None)
            if c.type == "tf"]


def test_a_statement_about_a_thing_the_page_introduced_is_not_made(nlp: Language) -> None:
    """s10b: 'The plugs are also too small …', '… and the outpost was abandoned': all three
    reviewers deleted them as missing context."""
    made = _statements(nlp, BOILER)
    assert made, made
    assert not any(s.startswith("The plugs") for s in made), made
    assert not any("the outpost" in s for s in made), made
    assert not any(s.startswith("The siege cost") for s in made), made  # 'the siege of Acre'


def test_a_statement_about_the_pages_generic_subject_stands(nlp: Language) -> None:
    """'The skin protects the body …' after 'The skin is …': reviewers kept such statements."""
    made = _statements(nlp, SKIN)
    assert any(s.startswith("The skin protects") for s in made), made


def test_a_statement_that_follows_on_from_the_page_is_not_made(nlp: Language) -> None:
    """'Richard then proceeded to conquer the whole island …', 'Again, the law applied …'
    (seen reviews: rejected as missing context); 'and then had severe amnesia' stands."""
    made = _statements(nlp, "Richard landed on Cyprus in 1191. Richard then conquered the "
                            "whole island in 1192 with the help of his fleet. K. C. suffered a "
                            "head injury in 1981 and then had severe amnesia for many years.")
    assert not any("then conquered" in s for s in made), made
    assert any("then had severe amnesia" in s for s in made), made
