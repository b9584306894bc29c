"""Question cards session 24's and earlier blind reviews rejected for a cut quotation or a
bracketed gloss read as an equation (s21, s23): each test fails on the engine before."""

from __future__ import annotations

import pytest

from agents.generation import GenerationRequest, RuleEngine, grammar, questions


@pytest.mark.parametrize(("question", "cut"), [
    ("What was Anna Kessler said to 'have built?", True),  # the quote's close was cut off
    ("What did the guild call “the long road?", True),
    ("Who wrote 'The Long Harbour'?", False),
    ("What did the Normans' lands include?", False),  # an apostrophe, no quote
    ("What was Kessler's ‘second harbour’ built for?", False),
    ("When did the '80s boom end in Norwick?", False),
])
def test_a_quotation_opened_and_never_closed_makes_no_question(nlp, question: str,  # type: ignore[no-untyped-def]
                                                               cut: bool) -> None:
    assert ("unbalanced quote" in grammar.problems(nlp(question))) is cut


def test_an_equals_sign_in_a_bracketed_gloss_is_no_equation() -> None:
    """'Since ~3000 yr BP (= years Before Present), …' was asked 'What is Since ~3000 yr BP (
    equal to?' with the answer 'years Before Present)' (s23, rejected)."""
    assert questions.equation(
        "Since about 500 yr BP (= years Before Present), farming spread along the Arun.") is None
    assert questions.equation("We know that 2x + 1 = 7, so x is three.") == ("2x + 1", "7")


def test_no_question_card_asks_what_a_bracketed_gloss_equals() -> None:
    text = ("Since about 500 yr BP (= years Before Present), farming spread along the Arun "
            "valley. The farmers of the Arun valley grew barley and flax. Their villages "
            "stood on low terraces above the river.")
    cards = RuleEngine(encoder=None).generate(
        GenerationRequest(text, "t", 10, "intermediate", ("qa",))).cards
    assert not [c.question for c in cards if "equal to" in c.question]


@pytest.mark.parametrize(("text", "meant"), [
    # the sentence before has a plural subject: the 'it' is not some other singular further off
    ("The guild hall holds the oldest looms in the county. The printed cloths are among the "
     "finest in Flanders, with particular strengths in silk. Overall, it is one of the "
     "richest halls in the region.", None),
    # the sentence before's subject is the one meant: resolved as before
    ("The Norwick Museum owns many clocks. The museum was founded in 1852. It is one of the "
     "largest museums in the region.", "the Norwick Museum"),
    ("Harbour seals rest on the sandbanks of the Wash. They feed on flatfish and sand eels.",
     "seals"),
])
def test_a_pronoun_that_skips_the_subject_just_before_is_unsure(nlp, text: str,  # type: ignore[no-untyped-def]
                                                                meant: str | None) -> None:
    from agents.generation.reference import Resolver

    sents = list(nlp(text).sents)
    resolver = Resolver()
    for sent in sents[:-1]:
        resolver.push(sent)
    pronoun = next(t for t in sents[-1] if t.lower_ in ("it", "they"))
    found = resolver.resolve(pronoun, sents[-1])
    assert (found.text if found else None) == meant
