"""Cloze and true/false cards never show a sentence that is broken text (session 21): a
dangling 'so' whose 'and' was cut, a quotation opened and never closed, a doubled 'and', 'what'
as the relative pronoun of a noun, a list item with no subject ('Building wider lanes on …'),
a passive's preposition left with no object ('…, which is shown in.'). A well-formed sentence
beside it keeps its cards, and a quotation that closes after the final stop keeps its
closing mark. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from agents.generation.candidates import Document
from agents.generation.garbled import garbled
from agents.generation.parsed import generate
from agents.generation.text import split_sentences, usable_sentences

GOOD = "The harbour of Vellan was rebuilt by the merchant guild in 1642."


def _shown(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(type, sentence as shown, the blank filled) of every cloze and statement card."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    out = []
    for c in generate(doc, nlp, "intermediate", None, None):
        if c.type == "cloze":
            out.append(("cloze", c.question.replace("_____", c.answer)))
        elif c.type == "tf":
            out.append(("tf", c.statement))
    return out


@pytest.mark.parametrize(("broken", "why"), [
    ("The theory of continental drift so is often regarded as more basic than the idea of "
     "sunken land bridges.", "so"),
    ("Feudalism in the valley refers to the 'granting of land in return for military "
     "service.", "quote"),
    ("Regular doses of the vaccine may have a weaker effect and and a shorter protection "
     "period.", "doubled"),
    ("Trade in Lisbon what came next was quite the reverse of the boom years.", "what"),
    ("Building wider cycle lanes on the crowded roads of the old town centre.", "fragment"),
    ("The usual way of copying the genome in yeast cells is a process called budding, which "
     "is shown in.", "open_end"),
    ("Stated briefly, the rule of Varn says that the pressure of a gas held at a fixed volume "
     "is.", "open_end"),
])
def test_a_broken_sentence_gives_no_cloze_or_statement(nlp: Language, broken: str,
                                                       why: str) -> None:
    assert garbled(nlp(broken)[:], broken) == why
    shown = _shown(nlp, f"{GOOD} {broken}")
    assert not [s for _, s in shown if "Vellan" not in s], shown
    assert any(t == "cloze" for t, s in shown if "Vellan" in s), shown


@pytest.mark.parametrize("fine", [
    "The theory of continental drift is often regarded as more basic than the idea of sunken "
    "land bridges, and so is taught first.",
    "Sociologists question the world that humans have created and live in.",
    "Some rulers of the dynasty used the 'Phags-pa script for their official seals.",
    "Feudalism in the valley refers to the 'granting of land' in return for military service.",
    "Using wider cycle lanes, the town reduced traffic on the crowded roads of its centre.",
    "The pull of the moon on the tides is stronger than the pull of the sun is.",
    "The old harbour walls were never repaired, and the town stayed as poor as it was.",
])
def test_a_well_formed_sentence_is_not_refused(nlp: Language, fine: str) -> None:
    assert garbled(nlp(fine)[:], fine) == ""


def test_a_quotation_closing_after_the_stop_stays_closed(nlp: Language) -> None:
    """The sentence splitter cut the closing mark off ('… force.' + '" The term …'), and the
    cloze showed a quotation never closed."""
    text = ('Mercantilism is defined as "a policy of increasing national wealth through trade '
            'surpluses." The term spread in the eighteenth century.')
    assert split_sentences(text)[0].endswith('surpluses."')
    shown = _shown(nlp, text)
    quoted = [s for _, s in shown if "policy" in s]
    assert quoted, shown
    assert all(s.endswith('surpluses."') for s in quoted), quoted
