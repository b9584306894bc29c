"""Answer-aware mode: an answer deep inside the verb's prepositional phrase is asked with the
whole phrase fronted and the clause inverted (asking._pied_piped), not with the wh-word left
in place in the sentence ("… emerged in the first half of what century?"). Our own sentences,
with the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.answer_aware import candidates_for


def _questions(nlp: Language, text: str, answer: str) -> list[str]:
    (made,) = candidates_for(text, [answer], nlp)
    return [c.question for c in made.candidates]


def test_the_phrase_holding_the_answer_moves_to_the_front_with_do_support(nlp: Language
                                                                         ) -> None:
    text = ("The first stone bridge across the valley appeared in the second half of the "
            "12th century.")
    questions = _questions(nlp, text, "12th century")
    assert "In the second half of what century did the first stone bridge across the valley " \
        "appear?" in questions
    assert not any(q.endswith("what century?") for q in questions)  # no wh-word in place


def test_a_phrase_too_long_to_front_keeps_the_old_question(nlp: Language) -> None:
    # (the fronted phrase would be 'in a village near the mouth of a small river on the coast
    # of what country', longer than a reader holds before the verb)
    text = ("The monks settled in a village near the mouth of a small river on the coast of "
            "Portugal.")
    questions = _questions(nlp, text, "Portugal")
    assert not any(q.startswith("In a village") for q in questions)



def test_a_place_an_apposition_puts_a_name_in_is_asked_with_a_copula(nlp: Language) -> None:
    text = "The monks built their first church at Aldwick, a village near Chichester."
    questions = _questions(nlp, text, "Chichester")
    assert "Near what place is Aldwick?" in questions
    assert "Where is Aldwick?" in questions


def test_an_apposition_that_does_not_place_the_name_asks_no_copula(nlp: Language) -> None:
    # ("from" says where she came from, not where Lena Vogt is now)
    text = "The letters went to Lena Vogt, a painter from Vienna, every winter."
    assert not any(q.startswith(("Where is", "From what")) for q in
                   _questions(nlp, text, "Vienna"))


def test_an_answer_with_a_possessor_is_not_fronted_as_the_possessors_what(nlp: Language
                                                                          ) -> None:
    text = "The young pianist was also involved in the premiere of Brahms's Requiem."
    assert not any("'s what" in q for q in _questions(nlp, text, "Requiem")
                   if q.startswith("In "))


def test_a_modifier_of_the_answer_does_not_stay_before_the_fronted_wh_word(nlp: Language
                                                                          ) -> None:
    text = "Her playing was based on the use of very quick finger movements."
    # (the wh-word left in place, the old question, still stands: that is 9q's path)
    assert not any(q.startswith("On the use of very what") for q in _questions(
        nlp, text, "quick finger movements"))


def test_whose_words_the_clause_is_is_not_fronted_as_a_fact(nlp: Language) -> None:
    text = "The sailors left the harbour in the words of Anna Berg without a clear plan."
    assert not any(q.startswith("In the words of whom did") for q in _questions(
        nlp, text, "Anna Berg"))
