"""A definition question ("What is X?" asked of "X is Y") is refused where its answer is no one
fact: the copula is negated ("Hoarding grain for profit is not thrift" → 'What is hoarding grain
for profit not?', s30/s29/s25c, every rated one rejected), or the subject is a share of a group
("Most of the guilds are trade schools" → 'What are most of the guilds?', "6,200 of the
islanders are Quakers" → 'What are 6,200 of the islanders?', s30b/s20c/s28c, every rated one
rejected). One member of a group ('One of …'), a share's people by name, and the plain
definition are still asked. Invented text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation import asking
from agents.generation.spans import Answer


def _ask(nlp: Language, text: str, answer: str, kind: str = "thing") -> str | None:
    doc = nlp(text)
    sent = doc[:]
    at = text.index(answer)
    span = doc.char_span(at, at + len(answer), alignment_mode="expand")
    assert span is not None
    asked = asking.ask(sent, Answer(span.start, span.end, kind, span.root.ent_type_ or "NP",
                                    span.root.lemma_.lower(), answer))
    return asked.question if asked is not None else None


def test_a_negated_definition_is_not_asked(nlp: Language) -> None:
    for text, answer in (
            ("Hoarding grain for profit is not thrift.", "thrift"),
            ("The Orvane lighthouse was not a fortress.", "a fortress"),
    ):
        assert _ask(nlp, text, answer) is None, text
    # the same sentence without 'not' is a definition worth asking
    assert _ask(nlp, "The Orvane lighthouse was a fortress.", "a fortress") == \
        "What was the Orvane lighthouse?"


def test_what_a_share_of_a_group_is_is_not_asked_one_member_is(nlp: Language) -> None:
    for text, answer, kind in (
            ("Most of the guilds are trade schools.", "trade schools", "thing"),
            ("About 6,200 of the islanders are Quakers.", "Quakers", "group"),
            ("Half of the delegates were farmers.", "farmers", "thing"),
            ("Ten percent of the Verlan sailors were former monks.", "former monks", "thing"),
    ):
        assert _ask(nlp, text, answer, kind) is None, text
    # one member of a group, and a plain definition, are still asked
    assert _ask(nlp, "One of the first settlers of Orvane was Halvard Tessen.",
                "Halvard Tessen", "person") == "Who was one of the first settlers of Orvane?"
    assert _ask(nlp, "The Verlan guild is a trade school.", "a trade school") == \
        "What is the Verlan guild?"
