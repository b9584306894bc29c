"""Cards that teach a falsehood (s23/s23b 'wrong-answer'), on invented text with real spaCy:
a 'not only A, but also B' sentence cut to its first clause without the 'not', and a false
statement that moves a 'still'-held fact to an earlier time."""

from __future__ import annotations

from agents.generation import claims
from agents.generation.clauses import clauses


def test_not_only_clause_does_not_say_only(nlp):  # type: ignore[no-untyped-def]
    sent = next(nlp(
        "Not only the poetry of Welsh bards and harpists is taught at the college, but also "
        "verse written by Irish monks that was copied or translated by Welsh scholars, as well "
        "as hymns from Brittany.").sents)
    made = [c.text for c in clauses(sent, None, nlp)]
    assert not any(t.lower().startswith("only") or " only " in t.lower() for t in made), made
    assert "The poetry of Welsh bards and harpists is taught at the college." in made


def _at(sent, word):  # type: ignore[no-untyped-def]
    return next(t.i for t in sent if t.text == word)


def test_still_held_fact_is_true_earlier(nlp):  # type: ignore[no-untyped-def]
    sent = next(nlp("In the 15th century many sailors still believed the ocean to be "
                    "endless.").sents)
    start = _at(sent, "15th")
    assert claims.still_true(sent, start, "15th century", "14th century")
    assert not claims.still_true(sent, start, "15th century", "16th century")
    sent = next(nlp("One mill was still known to be grinding corn in 1840.").sents)
    assert claims.still_true(sent, _at(sent, "1840"), "1840", "1830")


def test_still_of_another_verb_leaves_the_swap_false(nlp):  # type: ignore[no-untyped-def]
    sent = next(nlp("Corsica, which had been sold to France in 1768, still had a large "
                    "Italian-speaking population.").sents)
    assert not claims.still_true(sent, _at(sent, "1768"), "1768", "1758")


def test_this_view_is_not_the_one_conceded(nlp):  # type: ignore[no-untyped-def]
    from agents.generation.reference import Resolver

    doc = nlp("Although this is the accepted opinion among most doctors, some nurses favour a "
              "far stricter diet for their patients. Such nurses say that many illnesses come "
              "from poor eating. This opinion is backed by the health of mountain villages that "
              "combine hard work with plain food.")
    sents = list(doc.sents)
    assert len(sents) == 3, [s.text for s in sents]
    resolver = Resolver(previous=sents[:2])
    noun = next(t for t in sents[2] if t.lower_ == "opinion")
    found = resolver.demonstrative(noun)
    assert found is None or "accepted" not in found, found
