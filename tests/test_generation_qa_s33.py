"""Session 33, question cards the engine still served and the seen reviews rejected: an answer
widened over a phrase that points at the page ('Mnemiopsis populations in those areas', s25c),
and a verbless example after a dash whose words the question kept beside the claim ('Why does
production downturn periodically necessitate food aid in 2004 aid for 1.8 million people?',
s32b). Invented text; each test fails on the engine before this change."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated


def _asked(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in generated(nlp, text, kind="qa")]


def test_a_question_answer_is_not_widened_over_a_phrase_that_points(nlp: Language) -> None:
    pointing = _asked(nlp, "Goby numbers in those lagoons were finally brought under control "
                           "by the arrival of the goby-eating Atlantic eel.")
    assert not any("those lagoons" in q + " " + a for q, a in pointing), pointing
    pointing = _asked(nlp, "Moss species on these islands were first catalogued by the Danish "
                           "botanist Karen Holm.")
    assert not any("these islands" in q + " " + a for q, a in pointing), pointing
    # a phrase that names its place still widens the answer
    named = _asked(nlp, "Goby numbers in Lake Garda were finally brought under control by the "
                        "arrival of the goby-eating Atlantic eel.")
    assert any(a == "Goby numbers in Lake Garda" for _, a in named), named


def test_a_dashed_examples_words_stay_out_of_the_claims_question(nlp: Language) -> None:
    text = ("Dry summers often force water rationing in the valley—for instance, in 1976 "
            "rationing for two million homes because of the drought.")
    asked = _asked(nlp, text)
    assert asked, "the claim before the dash is still asked"
    for q, a in asked:
        assert "drought" not in q + " " + a and "1976" not in q + " " + a, (q, a)


def test_the_examples_cause_is_not_asked_as_the_claims(nlp: Language) -> None:
    text = ("Crop failures periodically necessitate famine relief—for example, in 2009 relief "
            "for 2.3 million people because of one of Arland's recurrent floods.")
    asked = _asked(nlp, text)
    assert not any("floods" in a or "2009" in q for q, a in asked), asked


def test_an_example_with_a_verb_of_its_own_is_no_dashed_aside(nlp: Language) -> None:
    """The dash rule takes only a verbless example: one with its own clause is left to the
    rest of the engine (the claim's question is still asked)."""
    from agents.generation.asking import _dashed_example

    sent = next(nlp("Dry summers often force rationing—for example, the town closed its "
                    "pools in 1976.").sents)
    assert _dashed_example(sent) == set()
    sent = next(nlp("Dry summers often force rationing—for example, in 1976 rationing for "
                    "two million homes.").sents)
    assert {sent.doc[i].text for i in _dashed_example(sent)} >= {"1976", "homes", "—"}
