"""Wh-words the small model's entity types got wrong (session 28, from the seen reviews of
s23..s27): the passive subject of 'considered' is what is judged, not a judge; a capitalised
plural of things is no people; the name a verb of naming gives is a word, not its holder; a
person's name after a role noun is a person. All texts invented, real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.spans import Answer, kind_of
from agents.generation.wording import wh_phrase
from tests.engine import generated


def _asked(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(question, answer) of every qa and mcq card."""
    return [(c.question, c.answer) for c in generated(nlp, text) if c.type in ("qa", "mcq")]


def test_the_passive_subject_of_considered_is_not_asked_who(nlp: Language) -> None:
    # before, "Who is often considered the birthplace of modern puppet theatre?"
    text = ("Brellmoor is often considered the birthplace of modern puppet theatre as the "
            "Lantern Players troupe evolved into the Second Lamp theatre company in 1961.")
    asked = [q for q, a in _asked(nlp, text) if a == "Brellmoor"]
    assert not any(q.startswith("Who ") for q in asked), asked


def test_capitalised_colleges_are_not_asked_who(nlp: Language) -> None:
    text = ("Most colleges in the region charge modest fees. Nevertheless, Private Colleges "
            "went bankrupt in the last decade in Austria.")
    asked = [q for q, a in _asked(nlp, text) if "Colleges" in a]
    assert not any(q.startswith("Who ") for q in asked), asked


def test_the_name_a_rank_is_given_is_asked_what(nlp: Language) -> None:
    # before, "Who were the three ship ranks titled?"
    doc = nlp("The three ship ranks were titled Captain (CPT) Navigator (NAV) and Steward (STW).")
    sent = doc[:]
    at = next(t.i for t in doc if t.text == "Captain")
    answer = Answer(at, at + 1, kind_of(doc[at : at + 1], "NP"), "NP", "", "Captain")
    assert answer.kind == "person"  # 'captain' is a person noun
    assert wh_phrase(answer, sent, None, "object")[0] == "what"


def test_a_name_after_a_role_word_is_not_asked_what(nlp: Language) -> None:
    # before, "What was determined to refute Marten's doctrine in a public debate?"
    text = ("The theologian Anders Velk, however, was determined to refute Marten's doctrine "
            "in a public debate.")
    asked = [q for q, a in _asked(nlp, text) if "Velk" in a]
    assert not any(q.startswith("What ") for q in asked), asked
