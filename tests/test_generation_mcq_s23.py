"""Session 22's multiple-choice rejects by cause, through the engine (parsed.generate with the
real pipeline and MiniLM) on invented text: a stem whose subject only the page names."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import choices
from agents.generation.cards import Candidate
from tests.engine import generated


def _mcq(nlp: Language, text: str, encoder: object) -> list[Candidate]:
    return generated(nlp, text, encoder, "mcq")


ISLAND = (
    "Norvania is an island republic in the northern sea with a population of 900,000. "
    "Fishing and shipbuilding have long been the main sources of income on its coasts. "
    "In 2015, the nation placed 41st out of 120 countries in a survey of press freedom. "
    "The expedition returned safely to the harbour of Vell on 14 June 1998. "
    "Each lighthouse will stand 40 metres tall for a total of 160 metres of towers."
)


def test_a_stem_on_a_subject_only_the_page_names_gets_no_options(
        nlp: Language, encoder: object) -> None:
    """s20b..s22c: 'In 2012, the nation placed 139th out of _____ …', 'The astronauts returned
    safely on _____.', 'Each digit will weigh _____ lb …' were rejected as missing context
    (which nation, astronauts, digit?): on a card alone the subject names nothing."""
    cards = _mcq(nlp, ISLAND, encoder)
    leaning = [c.question for c in cards if any(
        w in c.question.lower() for w in ("the nation", "the expedition", "each lighthouse"))]
    assert not leaning, leaning


def test_a_subject_with_a_name_or_the_title_noun_keeps_its_options(nlp: Language) -> None:
    """'The university operates _____ research institutes' on 'University of Chicago' (kept
    4 of 4, s22), one the page's first sentence speaks of, and 'The Derbyshire arrangement
    served …' (a name in the phrase) stand."""
    title = nlp("Harlow University")[:]
    first = nlp("Harlow is a market town on the river Stort.")[:]
    sent = next(nlp("The university runs 14 research institutes on its campus.").sents)
    assert not choices.unnamed_subject(sent, sent.text, title, first)
    assert choices.unnamed_subject(sent, sent.text, None, first)
    # the page's first sentence speaks of it: 'Harlow's university was founded in 1950.'
    opening = nlp("Harlow's university was founded in 1950.")[:]
    assert not choices.unnamed_subject(sent, sent.text, None, opening)
    named = next(nlp("The Harlow arrangement served as the theme until 1980.").sents)
    assert not choices.unnamed_subject(named, named.text, None, first)


WORKSHOP = (
    "Harold Benton Marsh founded a small railway workshop in Leeds. "
    "In 1891, the director of the Northern Railway Society, Harold Benton Marsh (a former "
    "engineer and a keen writer), arranged for the young inventor to show his new brake "
    "system, including its steel valves and springs, at the Royal Institute of Mechanics in "
    "Leeds. "
    "The brake system was later fitted to most of the society's trains."
)


def test_a_very_long_sentence_asks_no_multiple_choice_question(
        nlp: Language, encoder: object) -> None:
    """s22b: 'When did the editor of Electrical World magazine arrange?' (a 37-word sentence)
    and s20 'When did many viewers broadcast the BBC again …?' (45 words) were rejected as
    garbled: a question cut from a sentence of 36 words or more lost what it was about (3 of
    13 such rated choice questions kept, s10..s22c)."""
    sent = next(nlp(WORKSHOP.split(". ", 1)[1]).sents)
    assert choices.asked_of_long(sent)
    cards = _mcq(nlp, WORKSHOP, encoder)
    asked = [c.question for c in cards if "_____" not in c.question and "1891" in c.answer]
    assert not asked, asked
