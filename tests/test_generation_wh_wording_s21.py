"""Answer-aware questions, session 21: the wh-phrase that people write where one wording
clearly dominates SQuAD's human questions (answer_aware.as_people_ask): a year or a date is
asked "When …?" rather than "In what year …?" or "What date … between?", "what kind of" is
"what type of", and "whom" is "who"; and the name a participle gives a noun is asked "What
was <the noun> called?" (participles.named_noun), not left in situ. Deck questions do
not pass through either. All texts invented."""

from __future__ import annotations

from agents.generation.answer_aware import as_people_ask, candidates_for, cards_for_answers


def test_a_year_is_asked_with_when(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Tamsey ferry company was dissolved in 1874 after a long dispute with the town."
    (card,) = cards_for_answers(text, ["1874"])
    assert card.question.startswith("When "), card.question
    made = candidates_for(text, ["1874"], nlp)[0]
    assert not any("what year" in c.question.lower() for c in made.candidates), [
        c.question for c in made.candidates]


def test_what_kind_of_reads_what_type_of(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The old mill of Brandvik was roofed with green slate from the northern quarries."
    made = candidates_for(text, ["green"], nlp)[0]
    questions = [c.question for c in made.candidates]
    assert questions and not any("kind of" in q for q in questions), questions


def test_whom_reads_who_where_people_write_who() -> None:
    assert as_people_ask("Whom did the council appoint?", "Ada Brel") == \
        "Who did the council appoint?"
    assert as_people_ask("The treaty was signed between whom?", "Ada Brel") == \
        "The treaty was signed between who?"
    # an in-situ wh-determiner is left alone: "who river" would mend nothing
    assert as_people_ask("It stood on the banks of whom river?", "Tamsey") == \
        "It stood on the banks of whom river?"


def test_a_year_alone_changes_its_wh_phrase() -> None:
    assert as_people_ask("In what year did the mill close?", "1874") == "When did the mill close?"
    assert as_people_ask("What year did the mill close?", "1874") == "When did the mill close?"
    # a century or a day keeps the wording that names it
    assert as_people_ask("In what century did the mill close?", "19th century") == \
        "In what century did the mill close?"


def test_a_fronted_date_reads_when_without_its_stranded_preposition() -> None:
    assert as_people_ask("What date did the Tamsey riots break out between?",
                         "between 1621 and 1629") == "When did the Tamsey riots break out?"
    assert as_people_ask("On what date did the fleet sail?", "3 May 1190") == \
        "When did the fleet sail?"


def test_the_name_a_participle_gives_a_noun_is_asked_what_it_was_called() -> None:
    text = "In 1998 the league built its first stadium, called Harrow Park, near the river."
    # either way of asking for the name (session 26 added "What was the name of …?" as a
    # candidate beside the participle's own question; the ranker chooses)
    (card,) = cards_for_answers(text, ["Harrow Park"])
    assert card.question in ("What was the league's first stadium called?",
                             "What was the name of the league's first stadium?"), card.question
    text = "The town council runs a ferry service called the Tamsey Link."
    (card,) = cards_for_answers(text, ["the Tamsey Link"])
    assert card.question in ("What is the ferry service called?",
                             "What is the name of the ferry service?"), card.question
    text = "The guild built a small hall known as the Weavers House in the market square."
    (card,) = cards_for_answers(text, ["the Weavers House"])
    assert card.question in ("What was the small hall known as?",
                             "What was the name of the small hall?"), card.question


def test_what_a_such_as_names_is_asked_as_an_example() -> None:
    text = "Other buildings such as the Brell Tower were also erected in the old harbour."
    (card,) = cards_for_answers(text, ["the Brell Tower"])
    assert card.question == "What is an example of buildings?", card.question
    text = "The town of Kelmscott has several parks, like Harrow Green."
    (card,) = cards_for_answers(text, ["Harrow Green"])
    assert card.question == "What is an example of parks?", card.question
