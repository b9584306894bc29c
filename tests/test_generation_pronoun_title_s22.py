"""A pronoun that stands for the page's topic is named by the document's title: 'It was
founded in 1852' after 'The museum is …' on a page titled after the museum reads 'The …
Museum was founded in 1852', and an 'it' four sentences past a first-sentence subject the
title names, with no other thing in between it could mean, is that subject (reference.py,
``Resolver._named_subject`` and ``_topic``). Invented text, the real pipeline."""

from __future__ import annotations

from spacy.language import Language

from agents.generation.reference import Resolver
from agents.generation.text import usable_sentences

OPENED = ("The museum is the largest gallery of applied arts in the northern provinces. "
          "It was founded in 1852 by a committee of glass merchants. "
          "Its collection holds some forty thousand pieces of stained glass.")
FAR = ("The Halvern Glass Museum is the largest gallery of applied arts in the north. "
       "Its galleries span four floors of a former rope works. "
       "Visitors walk between the floors on foot. "
       "Tickets cost twelve crowns on weekdays. "
       "It was founded in 1852 by a committee of glass merchants.")
TITLE = "Halvern Glass Museum"


def _replaced(nlp: Language, text: str, title: str | None, opening: bool = True
              ) -> list[str | None]:
    """What the resolver puts for each it/its/they/their, sentence by sentence."""
    resolver = Resolver(title=nlp(title)[:] if title else None, opening=opening)
    out: list[str | None] = []
    for s in usable_sentences(text):
        sent = nlp(s.text)[:]
        out += [resolver.replacement(t, sent) for t in sent
                if t.lower_ in ("it", "its", "they", "their") and t.pos_ == "PRON"]
        resolver.push(sent)
    return out


def test_a_pronoun_for_the_definite_the_title_names_says_the_name(nlp: Language) -> None:
    assert _replaced(nlp, OPENED, None) == ["the museum", "the museum's"]
    assert _replaced(nlp, OPENED, TITLE) == ["the Halvern Glass Museum",
                                             "the Halvern Glass Museum's"]


def test_a_far_pronoun_is_the_titled_topic_when_nothing_else_can_be_meant(nlp: Language
                                                                          ) -> None:
    assert _replaced(nlp, FAR, None)[-1] is None
    assert _replaced(nlp, FAR, TITLE)[-1] == "the Halvern Glass Museum"


def test_unsure_stays_unnamed(nlp: Language) -> None:
    """Another thing of its number in between, a title that is not the first subject, or a
    page whose first sentence the engine did not keep: no name."""
    rival = FAR.replace("Tickets cost twelve crowns on weekdays.",
                        "A rope factory stood on the quay until 1850.")
    assert _replaced(nlp, rival, TITLE)[-1] is None
    assert _replaced(nlp, FAR, "Pellworth Abbey")[-1] is None
    assert _replaced(nlp, FAR, TITLE, opening=False)[-1] is None
    assert _replaced(nlp, OPENED, "Pellworth Abbey") == ["the museum", "the museum's"]


def test_the_engine_card_names_the_museum() -> None:
    from agents.generation.factory import build_engine
    from agents.generation.types import GenerationRequest

    engine = build_engine(None, None)
    titled = engine.generate(GenerationRequest(FAR, "t", 10, title=TITLE)).cards
    untitled = engine.generate(GenerationRequest(FAR, "t", 10)).cards
    assert any("1852" in c.answer and "Halvern Glass Museum" in c.question for c in titled)
    assert not any("1852" in c.answer for c in untitled)


def test_an_empty_it_or_a_name_in_between_is_no_topic(nlp: Language) -> None:
    """'It is likely that …' means no thing; a place named in the first sentence may be what
    'it' means as well as the museum."""
    empty = FAR.replace("It was founded in 1852 by a committee of glass merchants.",
                        "It is likely that the roof will leak again this winter.")
    assert _replaced(nlp, empty, TITLE)[-1] is None
    placed = FAR.replace("in the north.", "in the north of Ostria.")
    assert _replaced(nlp, placed, TITLE)[-1] is None
