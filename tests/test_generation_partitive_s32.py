"""One owner for a quantity word heading its 'of' phrase (``mentions``): ``partitive`` (a
member or a share: the group is not what the phrase stands for, reference and clause splits)
and ``share`` (a part of a group, never one member: its kind is no fact a definition question
asks, asking). They answer different questions about 'one of …' and agree on the rest; the
bare-subject sets (grammar._PARTITIVE, scope._PARTITIVE) ask a third and stay their modules'.
Invented text, the real spaCy pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Token

from agents.generation import asking, mentions, scope


def _subject(nlp: Language, text: str) -> Token:
    doc = nlp(text)
    return next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))


def test_share_and_partitive_differ_only_on_one_member(nlp: Language) -> None:
    one = _subject(nlp, "One of the first Velmar settlers was a weaver.")
    assert mentions.partitive(one) and not mentions.share(one)  # one member, named
    for text in ("Most of the Velmar guilds are trade schools.",
                 "About 6,200 of the Orvane islanders are fishers.",
                 "Ten percent of the Verlan sailors were monks."):
        assert mentions.share(_subject(nlp, text)), text
    plain = _subject(nlp, "The Velmar guilds are trade schools.")
    assert not mentions.share(plain) and not mentions.heads_of(plain)


def test_the_share_test_has_one_owner() -> None:
    # asking and scope use the mentions test, not copies of their own
    assert asking.share is mentions.share and asking.SHARES is mentions.SHARES
    assert not hasattr(asking, "_share_of") and not hasattr(asking, "_SHARES")
    assert scope.mentions is mentions
