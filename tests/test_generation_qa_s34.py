"""Session 34, question cards the seen reviews rejected in shapes the engine still served: a 'his'
resolved to a name the page only uses to qualify a noun ("by the end of Xia's life", s33c), an
answer that is a relation its possessor holds ("The Liberals' main support"), a definite
possessor only the page resolves ("the Baltimore station's owner") and a "Who" asked of a bare
quality ('Who is strongest in …?'). Invented text; each test fails on the engine before."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated, resolver_before_last

_KHANATE = ("He united many clans of the northern steppe. After founding the Velmar Khanate, he "
            "raided the Western Lian and Qara dynasties. These raids brought massacres in the "
            "Korvan and Lian controlled lands. By the end of his life, the Velmar Khanate held "
            "most of the steppe.")


def _asked(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in generated(nlp, text, kind="qa")]


def test_his_is_not_a_name_that_only_qualifies_a_noun(nlp: Language) -> None:
    """'the Korvan and Lian controlled lands', 'the Western Lian and Qara dynasties': peoples
    and dynasties, not the man whose life ended."""
    asked = _asked(nlp, _KHANATE)
    assert not any("'s life" in q for q, _ in asked), asked
    resolver, last = resolver_before_last(nlp, _KHANATE)
    his = next(t for t in last if t.lower_ == "his")
    assert resolver.replacement(his, last) is None
    # a man the page named is still who 'his' stands for
    text = ("Marcus Verin fought the Tarsk tribes for ten years. By the end of his life, the "
            "legions held most of the valley.")
    resolver, last = resolver_before_last(nlp, text)
    his = next(t for t in last if t.lower_ == "his")
    assert resolver.replacement(his, last) == "Marcus Verin's"


def test_no_question_answers_with_a_relation_its_possessor_holds(nlp: Language) -> None:
    text = ("The Unionists' main support lies in Orland's older northern and coastal suburbs, "
            "and some mining towns.")
    asked = _asked(nlp, text)
    assert not any(a.endswith("main support") for _, a in asked), asked


def test_no_question_keeps_a_possessor_only_the_page_resolves(nlp: Language) -> None:
    text = ("The KVRN call letters were reassigned to a station in Dunmore in 1962, in a nod to "
            "the fact that KVRN was first founded by the Dunmore station's owner at the time, "
            "Brightwell.")
    asked = _asked(nlp, text)
    assert asked, "the sentence still makes a question card"
    assert not any("station's owner" in q for q, _ in asked), asked


def test_a_generic_possessor_stays(nlp: Language) -> None:
    from agents.generation.narrow import page_possessor

    assert page_possessor("What was first founded by the Dunmore station's owner?")
    assert page_possessor("What is shortened from the river's natural course?")
    assert not page_possessor("What damages the body's own tissues?")
    assert not page_possessor("Which library is the world's largest library system?")


def test_who_is_not_asked_of_a_bare_quality(nlp: Language) -> None:
    asked = _asked(nlp, "The Greens are strongest in the inner suburbs of Talvik.")
    assert not any(q.startswith("Who is strongest") for q, _ in asked), asked
    # a 'Who' whose predicate names one is still asked
    named = _asked(nlp, "Karen Holm was the first botanist to catalogue the mosses of Talvik.")
    assert any(q.startswith("Who was the first botanist") for q, _ in named), named
