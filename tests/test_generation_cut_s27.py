"""A hyphenated word is one written word: no answer starts inside it and no phrase a
demonstrative stands for drops its first half (s27 'power stations' of 'low-power stations',
s27b 'What did … broadcast pre-?')."""

from __future__ import annotations

import pytest

from agents.generation import boundaries, mentions
from agents.generation.nlp import pipeline


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    loaded = pipeline("en")
    if loaded is None:
        pytest.skip("no English pipeline")
    return loaded


def _span(doc, words: str):  # type: ignore[no-untyped-def]
    at = doc.text.index(words)
    span = doc.char_span(at, at + len(words))
    assert span is not None
    return span


def test_answer_starting_inside_a_hyphenated_word_is_half_a_word(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The league's radio arm aired pre-season and post-season shows every spring.")
    assert boundaries.split_word(_span(doc, "season and post-season shows"))
    assert not boundaries.split_word(_span(doc, "pre-season and post-season shows"))


def test_answer_ending_inside_a_hyphenated_word_is_half_a_word(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The museum hired a well-known sculptor for the garden.")
    assert boundaries.split_word(_span(doc, "a well"))


def test_a_number_glued_to_its_unit_is_still_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The council approved a 10-year plan for the harbour.")
    assert not boundaries.split_word(_span(doc, "10"))


def test_a_mention_takes_its_hyphenated_modifier_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The company keeps partnerships with low-power stations in several small towns.")
    stations = next(t for t in doc if t.text == "stations")
    found = mentions.of(stations)
    assert found is not None and found.text == "low-power stations"


def test_a_statement_cut_after_its_and_is_unfit() -> None:
    from agents.generation.cards import Candidate
    from agents.generation.defects import unfit

    source = ("The host would greet the guests and then, after the meal ended, lead them to the "
              "garden.")
    cut = Candidate("tf", "True or false: The host would greet the guests and then.", "True",
                    source)
    whole = Candidate("tf", "True or false: The host would greet the guests.", "True", source)
    assert unfit(cut) is not None
    assert unfit(whole) is None


def _answer_texts(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    from agents.generation import spans

    sent = next(iter(nlp(text).sents))
    return [a.span(sent).text for a in spans.answers(sent)]


def test_a_blank_never_opens_on_much(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'Much unregistered property' (s26), 'a much higher efficiency' (s18b): the quantifier or
    # the degree word is no part of the term
    got = _answer_texts(nlp, "Much untreated timber is stored in open sheds beside the river.")
    assert not any(t.lower().startswith("much") for t in got)
    got = _answer_texts(nlp, "The new valve gives the engine a much smoother idle at low speed.")
    assert not any(t.lower().startswith("much") for t in got)


def test_a_naming_participle_stays_outside_the_blank(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'protein complexes … called phycobilisomes' (s26b): the blank is the name, 'called' stays
    got = _answer_texts(nlp, "Ferritins usually assemble into fairly large iron cages about 12 "
                             "nanometers across called ferrosomes.")
    assert "called ferrosomes" not in got
    assert "ferrosomes" in got
