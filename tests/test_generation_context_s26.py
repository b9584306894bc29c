"""Session 26: a 'these N' written as an earlier phrase that says how many or how often, not
which ones, with the real pipeline, on invented text.

Seen reviews s25 and s25b: 'These methods can also be used …' after 'Common methods include A,
B and C.' was rendered 'Common methods can also be used …', and 'Those pharmacists are often
referred to as …' after '… many pharmacists practising in hospitals gain …' was rendered 'Many
pharmacists are often referred to as …': five cards, every reviewer rejected them ('which
methods?', 'distorts those pharmacists'). The demonstrative points at the ones the page went on
to name; a quantifier ('many', 'several', 'common') names none of them, so no card is made."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated
from tests.engine import resolver_before_last as _last


def _these(last: list) -> object:
    return next(t.head for t in last if t.lower_ in ("these", "those"))


def test_these_is_not_named_by_a_quantified_phrase(nlp: Language) -> None:
    text = ("Marine biologists count reef fish in several ways. Common surveys include "
            "diver transects, baited cameras and acoustic tags. These surveys are also used "
            "to estimate the size of coral colonies.")
    resolver, last = _last(nlp, text)
    assert resolver.demonstrative(_these(last)) is None
    made = [c.question for c in generated(nlp, text)]
    assert made, made  # the other sentences' cards stand
    assert not any("ommon surveys are" in q or "ommon surveys can" in q for q in made), made
    # a phrase before that names a kind, not a count, still stands in
    resolver, last = _last(nlp, "Volcanic islands form over hot spots in the mantle. "
                                "These islands rise steeply from the sea floor.")
    assert resolver.demonstrative(_these(last)) == "volcanic islands"


def test_those_is_not_named_by_many(nlp: Language) -> None:
    text = ("Because harbour traffic has grown, many pilots working in large ports complete "
            "a second licence after their first year of service. Those pilots are usually "
            "called master pilots and they often guide the largest tankers.")
    resolver, last = _last(nlp, text)
    assert resolver.demonstrative(_these(last)) is None
    made = [c.question for c in generated(nlp, text)]
    assert not any("any pilots are" in q for q in made), made



def test_either_of_two_named_before_makes_no_card(nlp: Language) -> None:
    # Seen review s25b: 'By either measure, the U.S. balance of trade pattern is clear.' after
    # two measures the page named: every reviewer 'either measure unresolved'
    text = ("Panel (a) counts the harbour's exports in tonnes. Panel (b) counts them as a share "
            "of the town's income. By either count, the fishing trade of Velmouth declined "
            "after 1890.")
    made = [c.question for c in generated(nlp, text)]
    assert not any("either count" in q for q in made), made
    # 'either way', 'on either side', 'either A or B' say what they mean on the card
    text = ("The festival of Velmouth is held in June. Stalls stand on either side of the "
            "harbour road, and the date may move by a week either way.")
    made = [c.question for c in generated(nlp, text)]
    assert any("either side" in q for q in made), made
