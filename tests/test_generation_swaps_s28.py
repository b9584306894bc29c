"""Session 28's false statements that swapped a year to before the launch the page states of
what the sentence names ('On 31 March 2002, Sky announced … homes with Sky+HD', the page:
'launched its HDTV service, Sky+ HD, on 22 May 2006'; every reviewer: 'predates the launch').
A thing's launch, opening or introduction is read as the start of its life (plausible.lives),
so a year for what was done with it stays after it, as after a body's founding. On invented
text, through the engine with the real pipeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from spacy.language import Language

from agents.generation import plausible
from agents.generation.candidates import Document
from agents.generation.parsed import generate
from agents.generation.text import usable_sentences


@pytest.fixture(scope="module")
def encoder() -> Iterator[object]:
    from agents.encoder import shared_encoder

    yield shared_encoder()


@pytest.mark.parametrize(("text", "name", "year"), [
    ("Orbitel launched its satellite radio service, Star+ Radio, on 3 June 2009.", "Radio",
     2009),
    ("The Heron Line was opened in 1871 between the two ports.", "Line", 1871),
    ("Kestrel FM launched on 2 May 2004 from a studio above the market.", "FM", 2004),
])
def test_a_launch_starts_a_life(text: str, name: str, year: int) -> None:
    assert plausible.lives([text]).get(name, (None, None))[0] == year


@pytest.mark.parametrize("text", [
    # the donor, a longer name's last word, a name after 'the': none of them was launched
    "The river garden, designed by Maria Tolland, was opened on 9 June 2001.",
    "A new print room, funded by Peter and Agnes Holt, opened on 4 May 2010.",
    "The Harlow Gallery of Modern Glass, opened in 2003, shows four hundred vases.",
])
def test_a_name_that_was_not_launched_has_no_start(text: str) -> None:
    assert {k: v for k, v in plausible.lives([text]).items() if v[0] is not None} == {}


def test_no_false_year_before_the_stated_launch(nlp: Language, encoder: object) -> None:
    text = ("Orbitel launched its satellite radio service, Star+ Radio, on 3 June 2012. "
            "Before the launch, Orbitel said that 20,000 people had signed up for it. "
            "Shops ran short of the new receivers in the first week. "
            "On 30 April 2019, Orbitel announced that 2,400,000 homes had Star+ Radio.")
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    made = [c for c in generate(doc, nlp, "intermediate", encoder, None)
            if c.type == "tf" and "tf:false" in c.tags and "2,400,000" in c.question]
    years = [int(y) for c in made for y in plausible.YEAR.findall(c.question)]
    assert years and all(y >= 2012 for y in years), [c.question for c in made]
