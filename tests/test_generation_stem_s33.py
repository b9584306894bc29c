"""A question's cut never takes the part that makes its fact (``trimming.completes_fact``): a
comparison's second term, the result a thing was turned 'into', a light verb's 'by …ing'.
Without it the multiple-choice stem asks a vaguer or another fact (s30b 'When was consumption
inequality lower …?', s32 'When did Luther develop his original … paraphrase?', s32 'When did a
… bishop make a bold statement?': every reviewer rejected each). Invented text, the real spaCy
pipeline and MiniLM, the real engine."""

from __future__ import annotations

from spacy.language import Language

from tests.engine import generated


def _asked(nlp: Language, encoder: object, text: str, answer: str) -> list[tuple[str, str]]:
    """(type, question) of every qa and multiple-choice card of ``text`` whose answer is
    ``answer``."""
    return [(c.type, c.question) for c in generated(nlp, text, encoder)
            if c.type in ("qa", "mcq") and c.answer == answer]


def test_a_question_keeps_what_a_thing_was_developed_into(nlp: Language,
                                                          encoder: object) -> None:
    text = ("In 1731 Varga developed his original three-verse poem into a seven-verse harbour "
            "song that described the voyage more fully.")
    wh = [q for t, q in _asked(nlp, encoder, text, "1731") if q.endswith("?")]
    assert any(t == "mcq" for t, q in _asked(nlp, encoder, text, "1731") if q in wh)
    assert wh and all(" into a seven-verse harbour song" in q for q in wh), wh


def test_a_comparison_is_not_asked_without_its_second_term(nlp: Language,
                                                           encoder: object) -> None:
    text = ("According to Marlow and Tessin, grain prices in the valley were actually lower in "
            "1912 than they were in 1890.")
    asked = _asked(nlp, encoder, text, "1912")
    # 'When were grain prices lower …?': lower than when? The cloze keeps both years
    assert all("than" in q for _, q in asked), asked
    assert any(t == "mcq" and "_____ than they were in 1890" in q for t, q in asked), asked
    # the subject's question needs no second term and stays
    subject = _asked(nlp, encoder, text, "grain prices in the valley")
    assert any(q.startswith("What were lower in 1912") for _, q in subject), subject


def test_a_light_verb_keeps_the_deed_that_makes_it(nlp: Language, encoder: object) -> None:
    text = ("In May of 1907, a Velmar mayor made a bold statement by opening a public bath in "
            "the square as a clear sign of his support for reform.")
    asked = _asked(nlp, encoder, text, "May of 1907")
    assert asked and all("by opening a public bath" in q for _, q in asked), asked
