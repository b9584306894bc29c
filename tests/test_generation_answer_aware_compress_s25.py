"""Answer-aware compression (session 25): a one-word adverb of the answer's verb goes, as
SQuAD's askers leave it out, unless it carries the fact (a negation, 'only', a degree)."""

from __future__ import annotations

import pytest

from agents.generation.compression import compressions


def _short(nlp, sentence: str, answer: str) -> set[str]:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    at = sentence.index(answer)
    span = doc.char_span(at, at + len(answer))
    return {short.text for short, _ in compressions(doc[:], span.start, span.end)}


@pytest.mark.parametrize(("sentence", "answer", "expected"), [
    ("The Vardon mill was first opened by the Harlan family in 1850.", "1850",
     "The Vardon mill was opened by the Harlan family in 1850."),
    ("The old bridge at Marrow was finally completed in 1794.", "1794",
     "The old bridge at Marrow was completed in 1794."),
    ("The Orlan monks also founded a school in Dernby.", "Dernby",
     "The Orlan monks founded a school in Dernby."),
])
def test_an_adverb_of_the_answers_verb_goes(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                            expected: str) -> None:
    assert expected in _short(nlp, sentence, answer)


@pytest.mark.parametrize(("sentence", "answer", "adverb"), [
    ("The Kessel family only sold the estate in 1921.", "1921", "only"),
    ("The river fort was almost destroyed by the Velmar raiders in 1312.", "1312", "almost"),
    ("The Tarn canal was largely financed by the Osk guild.", "the Osk guild", "largely"),
    # 'rarely'/'seldom' say almost 'not': without them the question asks the opposite
    ("Red foxes rarely hunt the marsh hares in winter.", "the marsh hares", "rarely"),
    ("The Brenn ferry seldom crossed the lake in 1890.", "1890", "seldom"),
])
def test_an_adverb_that_carries_the_fact_stays(nlp, sentence: str, answer: str,  # type: ignore[no-untyped-def]
                                              adverb: str) -> None:
    assert all(adverb in short.split() for short in _short(nlp, sentence, answer))

