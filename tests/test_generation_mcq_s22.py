"""Session 21's multiple-choice rejects (s21, s21b), by class, through the engine
(parsed.generate with the real pipeline and MiniLM, the gazetteer's vectors as the engine adds
them) on invented text."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language

from agents.generation import choices, gazetteer
from agents.generation.candidates import Document
from agents.generation.cards import Candidate
from agents.generation.parsed import generate
from agents.generation.spans import Answer
from agents.generation.text import usable_sentences


def _cards(nlp: Language, text: str, encoder: object) -> list[Candidate]:
    """Multiple-choice candidates as rules.RuleEngine makes them: the countries of the regions
    the page names are encoded for the options."""
    doc = Document(usable_sentences(text), {}, "en", None, None, Counter())
    doc.vectors = gazetteer.vectors(gazetteer.mentioned([text]), encoder)
    return [c for c in generate(doc, nlp, "intermediate", encoder, None) if c.type == "mcq"]


SCHOOLS = (
    "Village schools in the hills of Wales were rebuilt after the floods of 1962. "
    "Most pupils all over Wales now learn science largely through the medium of Welsh. "
    "Older pupils travel to colleges in England for engineering courses. "
    "A small number of teachers come from Ireland and Scotland every year. "
    "Exams in Wales differ in several ways from exams elsewhere in Britain."
)


def test_a_language_in_the_stem_gives_its_country_away(nlp: Language, encoder: object) -> None:
    """s21: 'students all over _____ are educated … through the medium of Welsh' (Wales, among
    England, Scotland and Ireland) was rejected by all three reviewers as given away: the
    language names the one option that fits."""
    cards = _cards(nlp, SCHOOLS, encoder)
    given = [c for c in cards if c.answer == "Wales" and "Welsh" in c.question]
    assert not given, [(c.question, c.choices) for c in given]


def test_a_place_set_against_the_rest_of_a_whole_has_no_options(
        nlp: Language, encoder: object) -> None:
    """'Exams in _____ differ … from exams elsewhere in Britain': the claim holds of every part
    of the whole, so England and Scotland are right answers as well (the s21 passage served
    such a card once its 'medium of Welsh' card was refused)."""
    cards = _cards(nlp, SCHOOLS, encoder)
    assert not [c for c in cards if "elsewhere" in c.question], [
        (c.question, c.choices) for c in cards]


VALLEY = (
    "The river valley was first farmed by settlers in 1702. "
    "According to 2011 estimates, rice covers about 40 percent of the valley's farmland. "
    "By 1950 the valley had 1500 farms and 300 mills."
)


def test_a_year_before_a_plural_noun_keeps_year_options(nlp: Language, encoder: object) -> None:
    """s20c: 'According to _____ estimates' (2009) was offered '1004', '4018' and '3014': a
    year before a plural noun was read as a count of estimates and multiplied. The year keeps
    years near it; a count before its noun ('1500 farms') stays a count."""
    cards = _cards(nlp, VALLEY, encoder)
    estimates = [c for c in cards if c.answer == "2011"]
    assert estimates
    for card in estimates:
        assert all(1900 <= int(o) <= 2030 for o in card.choices), card.choices
    farms = [c for c in cards if c.answer == "1500"]
    assert farms and all(int(o.replace(",", "")) % 250 == 0 for o in farms[0].choices), \
        [c.choices for c in farms]



def test_a_school_year_gets_no_multiplied_options(nlp: Language) -> None:
    """'In _____, 22 per cent of classes …' (2008/09, a school year) was offered '1004/09',
    '4016/09' and '3012/09' on the s21 passage: a split year is no number to multiply."""
    sent = nlp("In 2014/15, 31 per cent of village pupils sat their exams in Gaelic.")[:]
    answer = Answer(1, 2, "number", "CARDINAL", "", "2014/15")
    pool = choices.Pool.build([sent], [[answer]])
    assert sent.doc[1].text == "2014/15"
    assert choices.pick(answer, sent, pool, "intermediate", None) == []
