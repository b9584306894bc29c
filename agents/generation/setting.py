"""The place a paragraph's opening frame set, carried into the cards of the sentences after it.

"In Germany, teachers are mainly civil servants. ... Salaries for teachers depend on the civil
servants' salary index scale." The second sentence is true of Germany, which only the first
said; a card made of it ("What depends on the civil servants' salary index scale?") reads as
true of every country (s27c, every reviewer: 'needs "in Germany"'). Read from the parse:

- ``frame``: the nearest earlier sentence that opens on "In" and one
  place alone ("In Germany,", "In the United States,"; a GPE or LOC entity and at most its
  article, then a comma), with no other place named between it and the card's sentence nor in
  that sentence itself (it says where, or the page moved on: "In southern Italy, ..." is a
  new frame, not the old one), at most three sentences back;
- ``carried``: the card with the frame put in: a statement or cloze in front ("In Germany,
  salaries for teachers ..."), a question at its end ("... index scale in Germany?"); a card
  whose answer is the place, or that names it already, is left as it is.

Measured on every seen rated card (dev..s28c) made from a sentence the frame reaches (12 cards
of 3 passages; 5 seen passages in all have such a frame): it puts the place into the 4 s27c
Germany cards every reviewer rejected for want of it ('needs "in Germany"'), into 3 more
rejected for other faults (vague, a blank the card gives away) and into 5 kept ones ('In
Australia, the ABC also provided …'); it removes no card.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

# entity labels that say where: a frame of one of them, or a sentence that names its own place
_PLACE = frozenset(["GPE", "LOC"])
# a sentence naming a people or a place says whose or where itself ('German schools ...')
_OWN_PLACE = _PLACE | {"NORP"}
# how many sentences on a frame still holds: the seen ones that needed it were the next two or
# three ('In Germany, …' then the teachers' salaries); a page's later sentences have often
# moved on without naming where (an EU-law page's 'In Europe,' ten sentences back)
_REACH = 3


def _opening_place(sent: Span) -> str | None:
    """'In Germany' of 'In Germany, teachers are …': 'In', one place entity with at most its
    article, and a comma; else None."""
    first = sent[0]
    if first.lower_ != "in" or first.dep_ != "prep" or len(sent) < 4:
        return None
    end = first.right_edge.i
    if end + 1 >= sent.end or sent.doc[end + 1].text != ",":
        return None
    inner = sent.doc[first.i + 1 : end + 1]
    places = [e for e in sent.doc.ents
              if e.start >= inner.start and e.end <= inner.end and e.label_ in _PLACE]
    if len(places) != 1:
        return None
    rest = [t for t in inner if not places[0].start <= t.i < places[0].end]
    if any(t.lower_ != "the" for t in rest):
        return None  # 'In southern Italy', 'In much of the U.S. South': part of it, or a kind
    return sent.doc[first.i : end + 1].text


def _places(sent: Span) -> set[str]:
    """The places and peoples ``sent`` names: its entities, and a name after 'in', 'at' or
    'from' the model gave no place label ('the districts in Kraków')."""
    named = {e.text.lower().removeprefix("the ") for e in sent.ents if e.label_ in _OWN_PLACE}
    return named | {t.lower_ for t in sent if t.pos_ == "PROPN" and t.dep_ == "pobj"
                    and t.head.lower_ in ("in", "at", "from") and not t.ent_type_}


def frame(sent: Span, previous: Sequence[Span]) -> str | None:
    """The place frame ('In Germany') an earlier sentence opened on and ``sent`` stands in, or
    None. The sentences come parsed one by one, without their paragraphs: a frame ends where
    the page names another place."""
    if _places(sent):
        return None
    for prev in list(reversed(previous))[:_REACH]:
        found = _opening_place(prev)
        if found is not None:
            place = found.split(" ", 1)[1].lower().removeprefix("the ")
            return found if _places(prev) == {place} else None
        if _places(prev):
            return None  # the page named another place since
    return None


def carried(text: str, kind: str, answer: str, place: str, proper: bool) -> str:
    """``text`` (a card's statement, cloze or question of type ``kind``) with the frame
    ``place`` put in: at a question's end, in front of anything else (``proper``: the text's
    first word is a name and keeps its capital). Unchanged when it names the place already
    or asks for it."""
    name = place.split(" ", 1)[1]
    if name.lower() in text.lower() or name.lower() in answer.lower():
        return text
    if kind in ("qa", "mcq") and text.endswith("?"):
        return f"{text[:-1].rstrip()} {place[:1].lower()}{place[1:]}?"
    lead = text if proper or not text[:1].isupper() else text[:1].lower() + text[1:]
    return f"{place}, {lead}"
