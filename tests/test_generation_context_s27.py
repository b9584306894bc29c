"""Session 27: two kinds of missing context the seen blind reviews s27/s27b rejected, with the
real pipeline, on invented text.

- An object pronoun read as its own verb's subject: 'Temüjin rescued her with the help of …'
  was served as a tf with 'her' kept, because the resolver took 'her' for Temüjin (the
  pronoun's antecedent 'on the card already'); every reviewer: 'her' unresolved.
- A superlative or ordinal subject with no noun: 'The largest has hosted a season of …'
  (two cloze cards, every reviewer: 'The largest' unresolved); the largest of what, the
  sentence before said."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import opening, standalone
from tests.engine import generated
from tests.engine import resolver_before_last as _last


def test_object_pronoun_is_not_its_own_subject(nlp: Language) -> None:
    text = ("Raiders from the northern hills carried off the young bride of the chieftain. "
            "Oskar Vellan rescued her with the help of his cousin and his old ally, Benno Ruhl "
            "of the river clans.")
    resolver, last = _last(nlp, text)
    her = next(t for t in last if t.lower_ == "her")
    assert resolver.local(her, last) is None
    assert resolver.replacement(her, last) != "Oskar Vellan"
    made = [c.question for c in generated(nlp, text)]
    assert not any(" her with" in q for q in made), made


def test_object_pronoun_is_not_the_subject_named_before(nlp: Language) -> None:
    resolver, last = _last(nlp, "Tomas Grell met the weaver at the spring fair in Dunmore. "
                                "Tomas Grell married her two years after the fair.")
    her = next(t for t in last if t.lower_ == "her")
    assert resolver.replacement(her, last) != "Tomas Grell"
    # a possessive still stands for its subject
    resolver, last = _last(nlp, "The potter opened a shop in the square. "
                                "Ilse Marren sold her bowls at the market.")
    her = next(t for t in last if t.lower_ == "her")
    assert resolver.replacement(her, last) == "Ilse Marren's"


def test_superlative_subject_without_noun_leans_back(nlp: Language) -> None:
    for text in ("The largest has housed a collection of Flemish tapestries for over forty years.",
                 "The oldest was built by monks in the twelfth century.",
                 "The most famous was painted by Ardel Voss in 1650.",
                 "The largest of them contains about twelve thousand volumes."):
        assert opening.leans_back(next(nlp(text).sents)) == "elided-head", text
    for text in ("The largest of the three lakes is Lake Orvin.",
                 "The largest museum in Varnholm houses Flemish tapestries.",
                 "The rich have always paid lower taxes in Varnholm.",
                 "Of all the painters who worked in Varnholm, the most famous was Ardel Voss."):
        assert opening.leans_back(next(nlp(text).sents)) == "", text
    text = ("Varnholm is a port city on the Baltic coast of Dravia. Its harbour was dredged by "
            "Hanseatic merchants in 1412 to take larger cogs. The city has three museums and "
            "a concert hall. The largest has housed a collection of Flemish tapestries for "
            "over forty years, as well as touring shows of Baltic amber. The concert hall was "
            "designed by the architect Mirela Kost in 1968.")
    made = [c.question for c in generated(nlp, text)]
    assert not any("The largest" in q or "largest has" in q for q in made), made


def test_pronoun_after_a_ranked_subject_is_its_apposition(nlp: Language) -> None:
    text = ("Varnholm has three theatres and a concert hall. The largest, the Kestrel Playhouse "
            "on Amber Street, first opened in 1881. It has staged a winter season of the "
            "Dravian Opera for over thirty years.")
    resolver, last = _last(nlp, text)
    it = next(t for t in last if t.lower_ == "it")
    assert resolver.replacement(it, last) == "the Kestrel Playhouse"
    made = [c.question for c in generated(nlp, text)]
    assert not any("the largest has" in q.lower() or "the largest staged" in q.lower()
                   for q in made), made


def test_when_asked_of_one_unnamed_event() -> None:
    # s27: 'When did NASA hold a symposium?' (which one?); a phrase that says which stands
    assert standalone.points_back("When did the Dravian Academy hold a conference?")
    assert standalone.points_back("When did the harbour board pass an ordinance?")
    assert not standalone.points_back(
        "When did the Dravian Academy hold a conference on tidal mills?")
    assert not standalone.points_back("When did the Dravian Academy hold its first conference?")
    assert not standalone.points_back("When was the old pump used in a mine?")


def test_plural_pointer_is_not_a_singular_name_apposed_to_it(nlp: Language) -> None:
    # a parse that apposes 'the hatchlings' to 'Tarsella' does not make the hatchlings one
    # Tarsella: a later 'the hatchlings … grow' stays as written (s27: 'Beroe gradually develop')
    text = ("Hatchlings of every family resemble small adults. "
            "In the family Tarsella the hatchlings, like the adults, lack spines and fins. "
            "In most families the hatchlings slowly grow the shells of their parents.")
    resolver, last = _last(nlp, text)
    det = next(t for t in last if t.lower_ == "the")
    assert "Tarsella" not in (resolver.anaphor(det, last) or "")
    # a false tf may swap the subject on purpose; every other card says the hatchlings grow
    made = [c.question for c in generated(nlp, text) if c.answer != "False"]
    assert not any("Tarsella slowly" in q or "Tarsella grow" in q for q in made), made
    # a singular noun a name is said to be still names it
    resolver, last = _last(nlp, "The Velmar League is a trading federation of six towns. "
                                "In 1820 the federation built a harbour.")
    det = next(t for t in last if t.lower_ == "the")
    assert resolver.anaphor(det, last) == "the Velmar League"
